"""`access_key(user)` holds everything the access rule reads of a user: equal keys see the
same records, and the rule reads nothing of the user or their party that the key does
not. Caches of access-dependent results are keyed by it, so a rule that starts reading a
new attribute must fail here before a cache serves one user's answer to another."""

import itertools

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser

from accord.core.access import access_key, cache_access_key, can_see, visibility_q
from accord.core.models import Classification, MarkedModel, Party, Release
from tests.markedapp.models import Dossier


@pytest.fixture
def dossiers(db):
    """One record per owner × classification × release; LISTED ones listed to KAZ and
    IRN."""
    parties = {p.code: p for p in Party.objects.all()}
    made = []
    for owner, classification, release in itertools.product(
        ["RUS", "KAZ", "SEC", "IRN"], Classification.values, Release.values
    ):
        dossier = Dossier.objects.create(
            owner=parties[owner],
            classification=classification,
            release=release,
            title=f"{owner}-{classification}-{release}",
        )
        if release == Release.LISTED:
            dossier.released_to.set([parties["KAZ"], parties["IRN"]])
        made.append(dossier)
    return made


def _variants(make_user):
    """A base user, and users differing from it in one attribute at a time: every
    attribute of the user and of their party that the access rule could read."""
    base = make_user("RUS", clearance=Classification.CONFIDENTIAL)
    variants = {"base": base, "anonymous": AnonymousUser()}
    for level in Classification.values:
        user = make_user("RUS", clearance=level)
        variants[f"clearance {level}"] = user
    for code in ["KAZ", "ARM", "SEC", "IRN"]:
        variants[f"party {code}"] = make_user(code, clearance=Classification.CONFIDENTIAL)
    inactive = make_user("RUS", clearance=Classification.CONFIDENTIAL)
    inactive.is_active = False
    variants["inactive user"] = inactive
    for name, change in {
        "party inactive": {"active": False},
        "party observer": {"standing": Party.Standing.OBSERVER},
        "party an organisation": {"kind": Party.Kind.ORGANISATION},
        "party renamed": {"code": "RUX", "name_en": "Elsewhere"},
    }.items():
        user = make_user("RUS", clearance=Classification.CONFIDENTIAL)
        user.party = Party.objects.get(code="RUS")  # a copy of its own, changed in memory
        for field, value in change.items():
            setattr(user.party, field, value)
        variants[name] = user
    for name, change in {"staff": {"is_staff": True}, "superuser": {"is_superuser": True}}.items():
        user = make_user("RUS", clearance=Classification.CONFIDENTIAL)
        for field, value in change.items():
            setattr(user, field, value)
        variants[name] = user
    return variants


def test_users_who_see_different_records_have_different_keys(dossiers, make_user):
    variants = _variants(make_user)
    seen = {
        name: frozenset(Dossier.objects.filter(visibility_q(Dossier, user)).values_list("pk"))
        for name, user in variants.items()
    }
    by_object = {
        name: frozenset(d.pk for d in dossiers if can_see(user, d))
        for name, user in variants.items()
    }
    assert seen == {name: frozenset((pk,) for pk in pks) for name, pks in by_object.items()}
    for (a, user_a), (b, user_b) in itertools.combinations(variants.items(), 2):
        if seen[a] != seen[b]:
            assert access_key(user_a) != access_key(user_b), (a, b)
    # The variants do differ in what they see: the test is not comparing empty sets.
    assert len(set(seen.values())) >= 8
    assert seen["base"] != seen["party observer"]
    assert access_key(variants["base"]) == access_key(variants["party renamed"])


class _Recorder:
    """Wraps a user (or their party) and records every attribute read of it."""

    def __init__(self, wrapped, reads, prefix):
        self._wrapped, self._reads, self._prefix = wrapped, reads, prefix

    def __getattr__(self, name):
        self._reads.add(f"{self._prefix}{name}")
        value = getattr(self._wrapped, name)
        if name == "party" and value is not None:
            return _Recorder(value, self._reads, "party.")
        return value


def _reads(function, user):
    reads = set()
    function(_Recorder(user, reads, "user."))
    return reads


def test_the_rule_reads_nothing_of_the_user_that_the_key_does_not(dossiers, make_user):
    user = make_user("KAZ", clearance=Classification.RESTRICTED)
    key_reads = _reads(access_key, user)
    assert {"user.party", "user.clearance", "party.standing", "party.pk"} <= key_reads
    assert _reads(lambda u: visibility_q(Dossier, u), user) <= key_reads
    for dossier in dossiers:
        assert _reads(lambda u, d=dossier: can_see(u, d), user) <= key_reads


def test_a_cache_of_a_model_with_participants_is_refused(make_user):
    user = make_user("RUS")
    marked = [m for m in apps.get_models() if issubclass(m, MarkedModel)]
    with_participants = set()
    for model in marked:
        try:
            assert cache_access_key(model, user) == access_key(user)
        except AssertionError as refused:
            assert "participants" in str(refused)
            with_participants.add(model._meta.label_lower)
    assert with_participants == {
        "expertise.weaponsystem",
        "expertise.review",
        "trafficking.tracingrequest",
        "trafficking.operation",
        "law.bilateralagreement",
        "programmes.programme",  # its participating parties see it
        # A lesson's action bodies; a request's addressees.
        "knowledge.knowledgeitem",
        "knowledge.informationrequest",
        "legislation.conformitycell",  # the Secretariat sees every cell
    }
    assert cache_access_key(Dossier, user) == access_key(user)
