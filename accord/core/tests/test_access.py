"""`visible_to` and `can_see` agree with each other and with the rule as written, over
random parties, users, clearances and markings (hypothesis), on SQLite and PostgreSQL."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.accounts.models import User
from accord.core.access import can_see
from accord.core.models import Classification, Party, Release
from accord.core.tests.rule import rule_as_written
from tests.markedapp.models import Dossier

PARTY_CODES = ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "SEC", "IRN"]

records = st.lists(
    st.fixed_dictionaries(
        {
            "owner": st.sampled_from(PARTY_CODES),
            "classification": st.sampled_from(Classification.values),
            "release": st.sampled_from(Release.values),
            "listed": st.sets(st.sampled_from(PARTY_CODES), max_size=4),
        }
    ),
    min_size=1,
    max_size=12,
)
users = st.lists(
    st.fixed_dictionaries(
        {
            "party": st.sampled_from(PARTY_CODES),
            "clearance": st.sampled_from(Classification.values),
            "active": st.booleans(),
        }
    ),
    min_size=1,
    max_size=5,
)


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    records=records, users=users, inactive_party=st.one_of(st.none(), st.sampled_from(PARTY_CODES))
)
def test_visible_to_and_can_see_follow_the_rule(records, users, inactive_party):
    with transaction.atomic():
        parties = {p.code: p for p in Party.objects.all()}
        if inactive_party:
            Party.objects.filter(code=inactive_party).update(active=False)
            parties[inactive_party].active = False
        dossiers = []
        for spec in records:
            dossier = Dossier.objects.create(
                owner=parties[spec["owner"]],
                classification=spec["classification"],
                release=spec["release"],
                title="t",
            )
            dossier.released_to.set([parties[c] for c in spec["listed"]])
            dossiers.append((dossier, spec))
        for index, spec in enumerate(users):
            user = User.objects.create(
                username=f"u{index}",
                party=parties[spec["party"]],
                clearance=spec["clearance"],
                is_active=spec["active"],
            )
            user = User.objects.select_related("party").get(pk=user.pk)
            visible = set(Dossier.objects.visible_to(user).values_list("pk", flat=True))
            for dossier, rec in dossiers:
                expected = rule_as_written(
                    user_party=user.party,
                    user_active=user.is_active,
                    clearance=user.clearance,
                    owner=parties[rec["owner"]],
                    classification=rec["classification"],
                    release=rec["release"],
                    listed=[parties[c] for c in rec["listed"]],
                )
                assert (dossier.pk in visible) == expected, (rec, spec)
                assert can_see(user, dossier) == expected, (rec, spec)
        transaction.set_rollback(True)


def test_anonymous_sees_nothing(db, party):
    from django.contrib.auth.models import AnonymousUser

    dossier = Dossier.objects.create(
        owner=party("RUS"), classification=0, release=Release.PUBLIC, title="public"
    )
    assert not Dossier.objects.visible_to(AnonymousUser()).exists()
    assert not can_see(AnonymousUser(), dossier)


def test_listed_release_does_not_duplicate_rows(db, party, make_user):
    """Filtering through the release list is a subquery: a record listed to several
    parties still comes back once."""
    dossier = Dossier.objects.create(
        owner=party("RUS"), classification=0, release=Release.LISTED, title="listed"
    )
    dossier.released_to.set([party("KAZ"), party("ARM"), party("BLR")])
    viewer = make_user("KAZ")
    assert list(Dossier.objects.visible_to(viewer)) == [dossier]


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(records=records, inactive_party=st.one_of(st.none(), st.sampled_from(PARTY_CODES)))
def test_parties_covered_is_the_party_half_of_the_rule(records, inactive_party):
    """`parties_covered(obj)` holds exactly the parties a fully cleared, active user of
    which would see `obj` under the rule as written."""
    from accord.core.access import parties_covered

    with transaction.atomic():
        parties = {p.code: p for p in Party.objects.all()}
        if inactive_party:
            Party.objects.filter(code=inactive_party).update(active=False)
            parties[inactive_party].active = False
        for spec in records:
            dossier = Dossier.objects.create(
                owner=parties[spec["owner"]],
                classification=spec["classification"],
                release=spec["release"],
                title="t",
            )
            dossier.released_to.set([parties[c] for c in spec["listed"]])
            expected = {
                code
                for code, candidate in parties.items()
                if rule_as_written(
                    user_party=candidate,
                    user_active=True,
                    clearance=max(Classification.values),
                    owner=parties[spec["owner"]],
                    classification=spec["classification"],
                    release=spec["release"],
                    listed=[parties[c] for c in spec["listed"]],
                )
            }
            got = set(parties_covered(dossier).values_list("code", flat=True))
            assert got == expected, spec
        transaction.set_rollback(True)
