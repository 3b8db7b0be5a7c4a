"""The access rule exactly as DESIGN.md words it, in plain Python, as the tests' oracle."""

from accord.core.models import Party, Release


def rule_as_written(
    *, user_party, user_active, clearance, owner, classification, release, listed, participants=()
) -> bool:
    """(user.party == owner or release covers user.party) and clearance >= classification.

    `release` covers: OWNER nobody else; LISTED the listed parties; MEMBERS member states
    and the Secretariat; MEMBERS_OBSERVERS those and observers; PUBLIC everyone. A user
    who is inactive, or whose party is inactive, sees nothing. A joint procedure's
    `participants` (parties, besides the owner, taking part in it) see it as the owner does.
    """
    if not user_active or not user_party.active:
        return False
    is_member = user_party.standing == Party.Standing.MEMBER
    covers = (
        user_party.pk == owner.pk
        or user_party.pk in {p.pk for p in participants}
        or release == Release.PUBLIC
        or release == Release.MEMBERS_OBSERVERS
        or (release == Release.MEMBERS and is_member)
        or (release == Release.LISTED and user_party.pk in {p.pk for p in listed})
    )
    return covers and clearance >= classification
