"""The access rule of DESIGN.md, defined once.

    (user.party == owner  or  release covers user.party)  and  user.clearance >= classification

`visible_to(user)` (SQL, for every list and lookup) and `can_see(user, obj)` (Python, for an
object already in hand) are both built from `releases_covering()` and `_listed_q()`
below, so they cannot drift apart; a property-based test holds them to the rule as written.

Joint procedures widen the rule for their participants by overriding
`MarkedModel.participant_q(party)`; that widening is applied in both places too.

`access_key(user)` is everything the rule reads of the user (`AccessKey`), and both
`visibility_q` and `can_see` read the user only through it: two users with the same key
see the same records of a model without participants. It is the key of every cache of
access-dependent results (`cache_access_key(model, user)`, which refuses a model with
participants: what a participant sees depends on rows, not on the key).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.db.models.lookups import IsNull

if TYPE_CHECKING:
    from accord.core.models import Party


def party_of(user: Any) -> Party | None:
    """The party a user acts for, or None when the user may see nothing at all."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    party = getattr(user, "party", None)
    if party is None or not party.active:
        return None
    return party


class AccessKey(NamedTuple):
    """What the access rule reads of a user who may see anything: their party's id and
    standing, and their clearance (the active flags decide whether there is a key)."""

    party_id: int
    standing: str
    clearance: int


def access_key(user: Any) -> AccessKey | None:
    """The access rule's inputs for `user`; None for a user who may see nothing (anonymous,
    inactive, or of an inactive party). Equal keys see the same records (participants
    aside), so a cache of anything computed through `visible_to` is keyed by this."""
    party = party_of(user)
    if party is None:
        return None
    return AccessKey(party.pk, str(party.standing), int(user.clearance))


def cache_access_key(model: type[models.Model], user: Any) -> AccessKey | None:
    """`access_key` for a cache of `model`'s access-dependent results. A model whose
    `participant_q` widens the rule cannot be cached by it: what a participant sees
    changes with participation rows, which no key of the user covers."""
    assert not has_participants(model), (
        f"{model.__name__} widens the access rule for participants: its access-dependent "
        "results cannot be cached by access_key (compute them per request)."
    )
    return access_key(user)


def has_participants(model: type[models.Model]) -> bool:
    """Whether `model` overrides `MarkedModel.participant_q`."""
    from accord.core.models import MarkedModel

    own = getattr(model, "participant_q", None)
    return own is not None and own.__func__ is not MarkedModel.participant_q.__func__  # type: ignore[attr-defined]


def releases_covering(party: Party) -> list[str]:
    """The release kinds that let `party` see a record owned by another party
    (LISTED aside, which depends on the record's list)."""
    return _releases_for_standing(party.standing)


def _releases_for_standing(standing: str) -> list[str]:
    from accord.core.models import Party, Release

    if standing == Party.Standing.MEMBER:
        return [Release.MEMBERS, Release.MEMBERS_OBSERVERS, Release.PUBLIC]
    return [Release.MEMBERS_OBSERVERS, Release.PUBLIC]


def _release_list(model: type[models.Model]) -> tuple[Any, str, str]:
    """The through table of `model.released_to` and its record and party columns."""
    field: Any = model._meta.get_field("released_to")
    return field.remote_field.through, field.m2m_field_name(), field.m2m_reverse_field_name()


def _listed_q(model: type[models.Model], party_id: int) -> Q:
    """LISTED records whose list names `party`: one probe of the through table's unique
    (record, party) index per candidate row. Not `pk IN (...)`, which both databases
    answer by first collecting every id listed to the party, on every page; not EXISTS,
    which PostgreSQL hashes the same way inside an OR (bench/RESULTS.md)."""
    from accord.core.models import Release

    through, record_column, party_column = _release_list(model)
    probe = through.objects.filter(
        **{f"{record_column}_id": OuterRef("pk"), f"{party_column}_id": party_id}
    ).values(f"{party_column}_id")[:1]
    return Q(release=Release.LISTED) & Q(IsNull(Subquery(probe), False))


def visibility_q(model: type[models.Model], user: Any) -> Q:
    """The rule as a filter over `model` for `user`, the cheap tests first. It reads the
    user only through `access_key` (and hands the party to `participant_q`)."""
    key = access_key(user)
    if key is None:
        return Q(pk__in=[])
    covered = (
        Q(owner_id=key.party_id)
        | Q(release__in=_releases_for_standing(key.standing))
        | _listed_q(model, key.party_id)
    )
    if has_participants(model):
        extra = model.participant_q(party_of(user))  # type: ignore[attr-defined]
        if extra is not None:
            covered |= extra
    return Q(classification__lte=key.clearance) & covered


def can_see(user: Any, obj: Any) -> bool:
    """Whether `user` may see `obj`: the same rule as `visibility_q`, on one object."""
    from accord.core.models import Release

    key = access_key(user)
    if key is None:
        return False
    if obj.classification > key.clearance:
        return False
    if obj.owner_id == key.party_id:
        return True
    if obj.release in _releases_for_standing(key.standing):
        return True
    if (
        obj.release == Release.LISTED
        and type(obj)
        ._default_manager.filter(_listed_q(type(obj), key.party_id), pk=obj.pk)
        .exists()
    ):
        return True
    if not has_participants(type(obj)):
        return False
    extra = type(obj).participant_q(party_of(user))
    return extra is not None and type(obj)._default_manager.filter(extra, pk=obj.pk).exists()


def parties_covered(obj: Any) -> Any:
    """The active parties whose party alone lets them see `obj` under the rule: its owner,
    the parties its release covers (`_releases_for_standing`) and, for LISTED, those on its
    list. Clearance (a user's, not a party's) and participation are not applied: this is
    the party half of the rule, for questions asked of parties ("which states vote on this
    standard?"), never a substitute for `visible_to` when a user reads."""
    from accord.core.models import Party, Release

    standings = [
        standing
        for standing in Party.Standing.values
        if obj.release in _releases_for_standing(standing)
    ]
    covered = Q(pk=obj.owner_id) | Q(standing__in=standings)
    if obj.release == Release.LISTED:
        through, record_column, party_column = _release_list(type(obj))
        listed = through.objects.filter(**{f"{record_column}_id": obj.pk}).values(
            f"{party_column}_id"
        )
        covered |= Q(pk__in=listed)
    return Party.objects.filter(covered, active=True)


class MarkedQuerySet(models.QuerySet):
    """Queryset of a marked model; every read users reach starts from `visible_to`."""

    def visible_to(self, user: Any) -> MarkedQuerySet:
        return self.filter(visibility_q(self.model, user))
