"""The service guards of `accord.core.guards`: one answer for "may not", "may not see"
and "above your clearance", whichever module asks."""

import pytest

from accord.accounts.models import User
from accord.core.errors import NotFound, PermissionDenied, ValidationFailed
from accord.core.guards import require, require_seen, require_visible, within_clearance
from accord.core.models import Classification, Party, Release
from tests.markedapp.models import Dossier


def test_require_passes_on_a_true_condition_and_denies_otherwise():
    require(True)
    with pytest.raises(PermissionDenied) as denied:
        require(False)
    assert denied.value.status == 403
    assert str(denied.value.message) == str(PermissionDenied.default_message)
    with pytest.raises(PermissionDenied) as custom:
        require(0, "Only the owner may do this.")
    assert str(custom.value.message) == "Only the owner may do this."


def test_within_clearance_rejects_a_marking_above_the_actors_clearance():
    actor = User(username="c", clearance=Classification.CONFIDENTIAL)
    within_clearance(actor, Classification.CONFIDENTIAL)
    within_clearance(actor, Classification.UNCLASSIFIED)
    with pytest.raises(ValidationFailed) as failed:
        within_clearance(actor, Classification.SECRET)
    assert list(failed.value.errors) == ["classification"]
    assert "clearance" in str(failed.value.errors["classification"][0])
    with pytest.raises(ValidationFailed) as other_field:
        within_clearance(actor, Classification.SECRET, field="marking")
    assert list(other_field.value.errors) == ["marking"]


def test_within_clearance_does_not_limit_the_system_actor():
    within_clearance(None, Classification.SECRET)


@pytest.fixture
def dossiers(db):
    arm = Party.objects.get(code="ARM")
    own = Dossier.objects.create(
        owner=arm, classification=Classification.RESTRICTED, release=Release.OWNER, title="own"
    )
    secret = Dossier.objects.create(
        owner=arm, classification=Classification.SECRET, release=Release.OWNER, title="secret"
    )
    return own, secret


@pytest.fixture
def armenian(db):
    return User.objects.create(
        username="arm-c", party=Party.objects.get(code="ARM"), clearance=Classification.CONFIDENTIAL
    )


@pytest.fixture
def belarusian(db):
    return User.objects.create(
        username="blr-s", party=Party.objects.get(code="BLR"), clearance=Classification.SECRET
    )


def test_require_visible_resolves_an_id_through_visible_to(dossiers, armenian, belarusian):
    own, secret = dossiers
    assert require_visible(Dossier, own.pk, armenian) == own
    assert require_visible(Dossier, str(own.pk), armenian) == own
    # Above the clearance, another party's, missing or malformed: one answer, 404.
    for pk, actor in [
        (secret.pk, armenian),
        (own.pk, belarusian),
        (own.pk + secret.pk + 100, armenian),
        ("not-a-number", armenian),
        (None, armenian),
        ("", armenian),
    ]:
        with pytest.raises(NotFound):
            require_visible(Dossier, pk, actor)


def test_require_visible_applies_the_rule_to_a_given_queryset(dossiers, armenian):
    own, _secret = dossiers
    narrowed = Dossier.objects.filter(title="own")
    assert require_visible(Dossier, own.pk, armenian, queryset=narrowed) == own
    with pytest.raises(NotFound):
        require_visible(Dossier, own.pk, armenian, queryset=Dossier.objects.filter(title="x"))


def test_require_seen_checks_an_object_in_hand(dossiers, armenian, belarusian):
    own, secret = dossiers
    require_seen(armenian, own)
    for actor, obj in [(armenian, secret), (belarusian, own), (armenian, None)]:
        with pytest.raises(NotFound):
            require_seen(actor, obj)
