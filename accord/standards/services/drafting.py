"""Standards, versions and the clause tree: every write.

Who may do what (checked here, on top of `visible_to`):

- create a standard: a standards editor or a Secretariat officer; the standard is owned
  by the actor's party (the drafting party — usually the Secretariat);
- edit a standard, its versions and clauses, move a version between the draft stages,
  withdraw it: a standards editor or Secretariat officer *of the owner party*. Member
  parties take part through comments and ballots (the consultation services), not by
  editing the text;
- put a version to ballot and adopt it: the consultation services (`ballot_open`,
  `ballot_close`) call `version_set_stage` / `version_adopt` with their own actor, who
  may be any Secretariat officer (the Secretariat runs the ballots) or an editor of the
  owner party.

An adopted version is frozen: every edit is refused with a Conflict, and a change is a
new version made from it (`version_create(previous=...)`), which copies the clause tree
with its uids. A version in ballot or withdrawn is not editable either.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import F, ProtectedError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.core.access import parties_covered, party_of
from accord.core.audit import record_event, snapshot
from accord.core.concurrency import save_versioned
from accord.core.errors import Conflict, PermissionDenied, ValidationFailed
from accord.core.guards import require, require_seen, within_clearance
from accord.core.models import Party
from accord.core.validation import full_clean, reject_unknown
from accord.standards.models import Clause, ClauseParameter, Standard, StandardVersion
from accord.standards.permissions import (
    is_ballot_officer,
    is_editor,
    may_create_standard,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


Stage = StandardVersion.Stage

# Moves `version_set_stage` makes itself; adoption and withdrawal have their own services.
STAGE_MOVES: dict[str, tuple[str, ...]] = {
    Stage.WORKING_DRAFT: (Stage.COMMITTEE_DRAFT,),
    Stage.COMMITTEE_DRAFT: (Stage.WORKING_DRAFT, Stage.BALLOT),
    Stage.BALLOT: (Stage.COMMITTEE_DRAFT,),
}
# The moves a user makes directly (pages and API): the ballot is opened, and a version
# adopted, by the consultation services.
USER_STAGE_MOVES: dict[str, tuple[str, ...]] = {
    Stage.WORKING_DRAFT: (Stage.COMMITTEE_DRAFT, Stage.WITHDRAWN),
    Stage.COMMITTEE_DRAFT: (Stage.WORKING_DRAFT, Stage.WITHDRAWN),
    Stage.ADOPTED: (Stage.WITHDRAWN,),
}

STANDARD_FIELDS = (
    "code",
    "title_en",
    "title_ru",
    "scope_en",
    "scope_ru",
    "threat_categories",
    "protection_classes",
    "classification",
    "release",
)
CLAUSE_FIELDS = (
    "number",
    "normative_level",
    "conformity",
    *Clause.TEXT_FIELDS,
)


def _lock_version(version: StandardVersion) -> StandardVersion:
    """Re-read the version under a row lock: edits and stage moves decide on fresh state."""
    return StandardVersion.objects.select_for_update().select_related("standard").get(pk=version.pk)


def require_editable(version: StandardVersion) -> None:
    """Refuse an edit of a frozen (adopted), balloted or withdrawn version."""
    if version.frozen:
        raise Conflict(
            _("This version is adopted and frozen. To change it, make a new version from it.")
        )
    if version.stage not in StandardVersion.EDITABLE_STAGES:
        raise Conflict(
            _("The text cannot be changed while the version is at the stage %(stage)s.")
            % {"stage": version.get_stage_display()}
        )


def _edit_target(actor: User, version: StandardVersion) -> StandardVersion:
    """Visibility, the editor's permission and the version's state, in that order (a
    hidden version answers 404 before anything else is said about it)."""
    require_seen(actor, version.standard)
    require(is_editor(actor, version.standard))
    locked = _lock_version(version)
    require_editable(locked)
    return locked


# --- Standards -----------------------------------------------------------------------------


@transaction.atomic
def standard_create(
    *, actor: User, released_to: Iterable[Party] | None = None, **fields: Any
) -> Standard:
    """A new standard owned by the actor's party, with its first version (a working
    draft). Release defaults to MEMBERS: the parties draft standards together."""
    party = party_of(actor)
    require(party is not None and may_create_standard(actor))
    reject_unknown(fields, STANDARD_FIELDS)
    fields.setdefault("release", "members")
    standard = Standard(owner=party, **fields)
    within_clearance(actor, standard.classification)
    full_clean(standard)
    standard.save()
    standard.released_to.set(list(released_to or []))
    record_event(
        actor=actor, action="standards.standard.create", obj=standard, after=snapshot(standard)
    )
    version = StandardVersion(standard=standard, number=1)
    full_clean(version)
    version.save()
    record_event(
        actor=actor, action="standards.version.create", obj=version, after=snapshot(version)
    )
    return standard


@transaction.atomic
def standard_update(
    *,
    actor: User,
    standard: Standard,
    version: int,
    released_to: Iterable[Party] | None = None,
    **fields: Any,
) -> Standard:
    """Edit the standard's code, titles, scope, threat categories, protection classes or
    marking (`version` is the one the editor read; a stale one is a Conflict)."""
    require_seen(actor, standard)
    require(is_editor(actor, standard))
    reject_unknown(fields, STANDARD_FIELDS)
    before = snapshot(standard)
    for name, value in fields.items():
        setattr(standard, name, value)
    within_clearance(actor, standard.classification)
    full_clean(standard)
    if "protection_classes" in fields:
        used = set(
            ClauseParameter.objects.filter(clause__version__standard=standard).values_list(
                "protection_class", flat=True
            )
        )
        missing = used - set(standard.protection_class_codes)
        if missing:
            raise ValidationFailed.single(
                "protection_classes",
                _("Parameters still use the protection classes %(codes)s.")
                % {"codes": ", ".join(sorted(missing))},
            )
    save_versioned(standard, expected_version=version, fields=[*fields, "updated_at"])
    if released_to is not None:
        standard.released_to.set(list(released_to))
    _keep_open_ballots_visible(standard)
    record_event(
        actor=actor,
        action="standards.standard.update",
        obj=standard,
        before=before,
        after=snapshot(standard),
    )
    return standard


def _keep_open_ballots_visible(standard: Standard) -> None:
    """Refuse a marking that would hide the standard from a state voting in one of its open
    ballots. The electorate is fixed when a ballot opens; a state in it that could no
    longer see the standard could neither read nor vote, yet would count toward the
    quorum. Widening is allowed (the new readers do not vote in the open ballot)."""
    from accord.standards.models import Ballot

    covered = parties_covered(standard).values("pk")
    shut_out = (
        Party.objects.filter(
            pk__in=Ballot.objects.filter(
                standard_version__standard=standard, state=Ballot.State.OPEN
            ).values("electorate")
        )
        .exclude(pk__in=covered)
        .order_by("code")
        .values_list("code", flat=True)
    )
    if shut_out:
        raise Conflict(
            _(
                "A ballot on this standard is open: this marking would hide it from "
                "%(codes)s, which vote in it. Close or cancel the ballot first."
            )
            % {"codes": ", ".join(shut_out)}
        )


# --- Versions ------------------------------------------------------------------------------


def _copy_tree(source: StandardVersion, target: StandardVersion) -> None:
    """Copy every clause (with its uid) and parameter of `source` into `target`, level by
    level so that each parent exists before its children."""
    clauses = list(source.clauses.all().order_by("order", "id"))
    by_parent: dict[int | None, list[Clause]] = {}
    for clause in clauses:
        by_parent.setdefault(clause.parent_id, []).append(clause)
    new_pk: dict[int, int] = {}
    level: list[Clause] = by_parent.get(None, [])
    copy_fields = ("kind", "number", "order", "uid", "normative_level", "conformity")
    while level:
        copies = [
            Clause(
                version=target,
                parent_id=new_pk[c.parent_id] if c.parent_id else None,
                **{name: getattr(c, name) for name in (*copy_fields, *Clause.TEXT_FIELDS)},
            )
            for c in level
        ]
        created = Clause.objects.bulk_create(copies)
        for original, copy in zip(level, created, strict=True):
            new_pk[original.pk] = copy.pk
        level = [child for c in level for child in by_parent.get(c.pk, [])]
    ClauseParameter.objects.bulk_create(
        ClauseParameter(
            clause_id=new_pk[p.clause_id],
            protection_class=p.protection_class,
            name=p.name,
            value=p.value,
            unit=p.unit,
        )
        for p in ClauseParameter.objects.filter(clause__version=source)
    )


@transaction.atomic
def version_create(
    *,
    actor: User,
    standard: Standard,
    previous: StandardVersion | None = None,
    label: str = "",
) -> StandardVersion:
    """A new working draft: the first version of a standard that has none, or a new
    version made from an adopted one (its clause tree copied, uids kept)."""
    require_seen(actor, standard)
    require(is_editor(actor, standard))
    Standard.objects.select_for_update().filter(pk=standard.pk).first()
    latest = standard.versions.order_by("-number").first()
    if previous is None and latest is not None:
        raise Conflict(
            _("The standard already has versions: make the new version from an adopted one.")
        )
    if previous is not None:
        if previous.standard_id != standard.pk:
            raise ValidationFailed.single("previous", _("The version belongs to another standard."))
        if previous.stage != Stage.ADOPTED:
            raise ValidationFailed.single(
                "previous", _("A new version is made from an adopted version.")
            )
    version = StandardVersion(
        standard=standard,
        number=(latest.number + 1) if latest else 1,
        previous=previous,
        label=label.strip(),
    )
    full_clean(version)
    version.save()
    if previous is not None:
        _copy_tree(previous, version)
    record_event(
        actor=actor,
        action="standards.version.create",
        obj=version,
        after={**snapshot(version), "clauses": version.clauses.count()},
    )
    return version


@transaction.atomic
def version_update(
    *, actor: User, version: StandardVersion, expected_version: int, label: str
) -> StandardVersion:
    """Rename a version while it is editable."""
    locked = _edit_target(actor, version)
    before = snapshot(locked)
    locked.label = label.strip()
    full_clean(locked)
    save_versioned(locked, expected_version=expected_version, fields=["label", "updated_at"])
    record_event(
        actor=actor,
        action="standards.version.update",
        obj=locked,
        before=before,
        after=snapshot(locked),
    )
    return locked


def _move_stage(
    actor: User | None, version: StandardVersion, stage: str, **extra: Any
) -> StandardVersion:
    before = {"stage": version.stage, "frozen": version.frozen}
    version.stage = stage
    for name, value in extra.items():
        setattr(version, name, value)
    version.version += 1
    version.save(update_fields=["stage", "version", "updated_at", *extra])
    record_event(
        actor=actor,
        action=f"standards.version.{stage}",
        obj=version,
        before=before,
        after={"stage": stage, **extra},
    )
    return version


def _require_requirements(version: StandardVersion) -> None:
    if not version.clauses.filter(kind=Clause.Kind.REQUIREMENT).exists():
        raise Conflict(_("A version without requirements cannot leave the working draft."))


@transaction.atomic
def version_set_stage(
    *, actor: User | None, version: StandardVersion, stage: str
) -> StandardVersion:
    """Move a version between the draft stages: working draft ⇄ committee draft ⇄ ballot.
    The consultation's `ballot_open` calls this with stage "ballot" (and a failed or
    cancelled ballot brings the version back to "committee_draft"). Adoption and
    withdrawal go to `version_adopt` and `version_withdraw`."""
    if stage == Stage.ADOPTED:
        return version_adopt(actor=actor, version=version)
    if stage == Stage.WITHDRAWN:
        if actor is None:  # the system only adopts or returns a version, never withdraws
            raise PermissionDenied()
        return version_withdraw(actor=actor, version=version)
    standard = version.standard
    if actor is None and version.stage == Stage.BALLOT:
        pass  # the system closing a ballot whose date has passed (`ballot_close`)
    else:
        require_seen(actor, standard)
        if stage == Stage.BALLOT or version.stage == Stage.BALLOT:
            require(is_ballot_officer(actor, standard))
        else:
            require(is_editor(actor, standard))
    locked = _lock_version(version)
    if stage not in Stage.values:
        raise ValidationFailed.single("stage", _("Unknown stage."))
    if stage not in STAGE_MOVES.get(locked.stage, ()):
        raise Conflict(
            _("A version cannot move from %(from)s to %(to)s.")
            % {"from": locked.get_stage_display(), "to": Stage(stage).label}
        )
    if stage in (Stage.COMMITTEE_DRAFT, Stage.BALLOT):
        _require_requirements(locked)
    _move_stage(actor, locked, stage)
    version.refresh_from_db()
    return locked


@transaction.atomic
def version_adopt(*, actor: User | None, version: StandardVersion) -> StandardVersion:
    """Adopt a version in ballot (called by the consultation's `ballot_close` when the
    ballot passed): it is frozen from now on. `actor=None` is the system closing a ballot
    whose date has passed."""
    if actor is not None:
        require_seen(actor, version.standard)
        require(is_ballot_officer(actor, version.standard))
    locked = _lock_version(version)
    if locked.stage != Stage.BALLOT:
        raise Conflict(_("Only a version in ballot can be adopted."))
    _move_stage(actor, locked, Stage.ADOPTED, frozen=True, adopted_at=timezone.now())
    version.refresh_from_db()
    return locked


@transaction.atomic
def version_withdraw(*, actor: User, version: StandardVersion) -> StandardVersion:
    """Withdraw an adopted version (it stays on record, frozen) or abandon a draft. A
    version in ballot is withdrawn by cancelling its ballot first."""
    require_seen(actor, version.standard)
    require(is_editor(actor, version.standard))
    locked = _lock_version(version)
    if locked.stage in (Stage.BALLOT, Stage.WITHDRAWN):
        raise Conflict(
            _("A version at the stage %(stage)s cannot be withdrawn.")
            % {"stage": locked.get_stage_display()}
        )
    _move_stage(actor, locked, Stage.WITHDRAWN, frozen=True, withdrawn_at=timezone.now())
    version.refresh_from_db()
    return locked


# --- Clauses -------------------------------------------------------------------------------


def _parent_in(version: StandardVersion, parent: Clause | None) -> Clause | None:
    """The parent section, re-read from the version (an id from another version or
    standard is refused as if it did not exist)."""
    if parent is None:
        return None
    found = Clause.objects.filter(pk=parent.pk, version=version).first()
    if found is None:
        raise ValidationFailed.single("parent", _("No such section in this version."))
    if found.kind != Clause.Kind.SECTION:
        raise ValidationFailed.single("parent", _("Clauses can be placed under sections only."))
    return found


def _next_number(version: StandardVersion, parent: Clause | None) -> str:
    """The next free number under `parent` (e.g. "4.3" after 4.1 and 4.2)."""
    taken = set(version.clauses.values_list("number", flat=True))
    siblings = version.clauses.filter(parent=parent).count()
    prefix = f"{parent.number}." if parent is not None else ""
    n = siblings + 1
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


def _check_number(version: StandardVersion, number: str, exclude_pk: int | None = None) -> None:
    clash = version.clauses.filter(number=number)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationFailed.single(
            "number", _("Another clause of this version has the number %(n)s.") % {"n": number}
        )


def _normalise_clause(fields: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for name, value in fields.items():
        out[name] = value.strip() if isinstance(value, str) else value
    return out


@transaction.atomic
def clause_add(
    *,
    actor: User,
    version: StandardVersion,
    kind: str,
    parent: Clause | None = None,
    position: int | None = None,
    uid: str | None = None,
    **fields: Any,
) -> Clause:
    """Add a section or a requirement under `parent` (at the top level when None), at
    `position` among its siblings (last when None). A blank number is assigned from the
    parent's (e.g. 4.3)."""
    locked = _edit_target(actor, version)
    reject_unknown(fields, CLAUSE_FIELDS)
    fields = _normalise_clause(fields)
    if kind not in Clause.Kind.values:
        raise ValidationFailed.single("kind", _("Choose a section or a requirement."))
    parent = _parent_in(locked, parent)
    number = fields.pop("number", "") or _next_number(locked, parent)
    _check_number(locked, number)
    siblings = locked.clauses.filter(parent=parent)
    count = siblings.count()
    order = count if position is None else max(0, min(position, count))
    clause = Clause(version=locked, parent=parent, kind=kind, number=number, order=order, **fields)
    if uid:
        if locked.clauses.filter(uid=uid).exists():
            raise ValidationFailed.single("uid", _("This identifier is already used."))
        clause.uid = uid
    if kind == Clause.Kind.SECTION:
        clause.normative_level = ""
    full_clean(clause)
    siblings.filter(order__gte=order).update(order=F("order") + 1)
    clause.save()
    record_event(actor=actor, action="standards.clause.add", obj=clause, after=snapshot(clause))
    return clause


def _save_revision(clause: Clause, expected: int, names: list[str]) -> None:
    updated = Clause.objects.filter(pk=clause.pk, revision=expected).update(
        revision=F("revision") + 1, **{name: getattr(clause, name) for name in names}
    )
    if updated != 1:
        raise Conflict()
    clause.revision = expected + 1


@transaction.atomic
def clause_update(*, actor: User, clause: Clause, revision: int, **fields: Any) -> Clause:
    """Edit a clause's number, texts, normative level or conformity (`revision` is the
    one the editor read; a stale one is a Conflict)."""
    locked = _edit_target(actor, clause.version)
    reject_unknown(fields, CLAUSE_FIELDS)
    fields = _normalise_clause(fields)
    before = snapshot(clause)
    for name, value in fields.items():
        setattr(clause, name, value)
    if "number" in fields:
        if not clause.number:
            raise ValidationFailed.single("number", _("Give the clause a number."))
        _check_number(locked, clause.number, exclude_pk=clause.pk)
    full_clean(clause)
    _save_revision(clause, revision, list(fields))
    record_event(
        actor=actor,
        action="standards.clause.update",
        obj=clause,
        before=before,
        after=snapshot(clause),
    )
    return clause


def _descendant_ids(clause: Clause) -> set[int]:
    rows = list(clause.version.clauses.values_list("pk", "parent_id"))
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in rows:
        children.setdefault(parent_id, []).append(pk)
    found: set[int] = set()
    stack = [clause.pk]
    while stack:
        for child in children.get(stack.pop(), []):
            found.add(child)
            stack.append(child)
    return found


@transaction.atomic
def clause_move(
    *, actor: User, clause: Clause, parent: Clause | None, position: int, number: str = ""
) -> Clause:
    """Move a clause under another section (or to the top level) at `position` among its
    new siblings; it keeps its uid, and takes `number` when one is given."""
    locked = _edit_target(actor, clause.version)
    parent = _parent_in(locked, parent)
    if parent is not None and (parent.pk == clause.pk or parent.pk in _descendant_ids(clause)):
        raise ValidationFailed.single(
            "parent", _("A section cannot be moved under itself or its own subsections.")
        )
    before = snapshot(clause)
    old_siblings = locked.clauses.filter(parent_id=clause.parent_id).exclude(pk=clause.pk)
    old_siblings.filter(order__gt=clause.order).update(order=F("order") - 1)
    new_siblings = locked.clauses.filter(parent=parent).exclude(pk=clause.pk)
    position = max(0, min(position, new_siblings.count()))
    new_siblings.filter(order__gte=position).update(order=F("order") + 1)
    clause.parent = parent
    clause.order = position
    names = ["parent", "order"]
    if number.strip():
        clause.number = number.strip()
        _check_number(locked, clause.number, exclude_pk=clause.pk)
        names.append("number")
    Clause.objects.filter(pk=clause.pk).update(
        revision=F("revision") + 1, **{n: getattr(clause, n) for n in names}
    )
    clause.revision += 1
    record_event(
        actor=actor,
        action="standards.clause.move",
        obj=clause,
        before=before,
        after=snapshot(clause),
    )
    return clause


@transaction.atomic
def clause_delete(*, actor: User, clause: Clause) -> None:
    """Delete a clause of an editable version. A section is deleted only once it is
    empty; a clause others refer to (comments) is kept."""
    locked = _edit_target(actor, clause.version)
    if clause.children.exists():
        raise Conflict(_("Move or delete the clauses of this section first."))
    before = snapshot(clause)
    pk, order, parent_id = clause.pk, clause.order, clause.parent_id
    try:
        with transaction.atomic():
            clause.parameters.all().delete()
            clause.delete()
    except ProtectedError as exc:
        raise Conflict(
            _("Other records (such as comments) refer to this clause; it cannot be deleted.")
        ) from exc
    locked.clauses.filter(parent_id=parent_id, order__gt=order).update(order=F("order") - 1)
    record_event(
        actor=actor,
        action="standards.clause.delete",
        object_type="standards.clause",
        object_id=pk,
        object_repr=str(before.get("number", "")),
        before=before,
    )


def _parse_value(value: Any) -> Decimal:
    try:
        result = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationFailed.single("value", _("Give the value as a number.")) from exc
    if not result.is_finite():
        raise ValidationFailed.single("value", _("Give the value as a number."))
    return result


@transaction.atomic
def parameter_set(
    *,
    actor: User,
    clause: Clause,
    name: str,
    protection_class: str,
    value: Any,
    unit: str = "",
) -> ClauseParameter | None:
    """Set a requirement's numeric parameter for one protection class; a value of None
    (or an empty string) removes it."""
    locked = _edit_target(actor, clause.version)
    name = (name or "").strip()
    if clause.kind != Clause.Kind.REQUIREMENT:
        raise ValidationFailed.single("name", _("Only requirements carry parameters."))
    if not name:
        raise ValidationFailed.single("name", _("Name the parameter."))
    if protection_class not in locked.standard.protection_class_codes:
        raise ValidationFailed.single(
            "protection_class",
            _("The standard has no protection class %(code)s.") % {"code": protection_class},
        )
    existing = ClauseParameter.objects.filter(
        clause=clause, name=name, protection_class=protection_class
    ).first()
    before = snapshot(existing) if existing else None
    if value is None or (isinstance(value, str) and not value.strip()):
        if existing is not None:
            existing.delete()
            record_event(
                actor=actor,
                action="standards.parameter.remove",
                obj=clause,
                before=before,
            )
        return None
    parameter = existing or ClauseParameter(
        clause=clause, name=name, protection_class=protection_class
    )
    parameter.value = _parse_value(value)
    parameter.unit = (unit or "").strip()
    full_clean(parameter)
    parameter.save()
    Clause.objects.filter(pk=clause.pk).update(revision=F("revision") + 1)
    record_event(
        actor=actor,
        action="standards.parameter.set",
        obj=clause,
        before=before,
        after=snapshot(parameter),
    )
    return parameter
