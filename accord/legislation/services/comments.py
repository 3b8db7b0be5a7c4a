"""Comments and suggestions on draft model acts.

- `comment_add`: whoever sees a draft (stage draft or in commission) and may comment
  (`permissions.can_comment`) comments on a provision of the current version or on the
  whole act, or suggests a new wording of one provision in English or Russian.
- `comment_decide`: a drafter of the act (`can_edit_act`) accepts, rejects or notes an
  open comment, with reasons (required to reject). Accepting a suggestion writes its
  wording into the provision of the current version (through `provision_save`, so it
  is audited as a change of the provision too), and only if the provision's wording is
  still the one the suggestion was made on (`based_on`; else 409: re-read).
  A decided comment is not decided again (409).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.core.access import party_of
from accord.core.audit import record_event, snapshot
from accord.core.errors import Conflict, NotFound, ValidationFailed
from accord.core.guards import require, require_seen
from accord.core.validation import full_clean, reject_unknown
from accord.legislation.models import (
    CommentKind,
    Disposition,
    DraftComment,
    ModelAct,
)
from accord.legislation.permissions import COMMENTERS, can_comment, can_edit_act
from accord.legislation.services.acts import EDITABLE_STAGES, current_version, provision_save

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

COMMENT_FIELDS = ("provision_eid", "kind", "text", "language", "suggested_text")


@transaction.atomic
def comment_add(*, actor: User, act: ModelAct, **fields: Any) -> DraftComment:
    require_seen(actor, act)
    require(can_comment(actor), roles=COMMENTERS)
    reject_unknown(fields, COMMENT_FIELDS)
    if act.stage not in EDITABLE_STAGES:
        raise Conflict(_("Comments are taken while the act is a draft or in commission."))
    version = current_version(act)
    comment = DraftComment(act=act, version=version, author=actor, party=party_of(actor))
    for name, value in fields.items():
        setattr(comment, name, value)
    if comment.kind == CommentKind.COMMENT:
        comment.language, comment.suggested_text = "", ""
    full_clean(comment, exclude=["act", "version", "author", "party"])
    provision = None
    if comment.provision_eid:
        provision = version.provisions.filter(eid=comment.provision_eid).first()
        if provision is None:
            raise ValidationFailed.single("provision_eid", _("The act has no such provision."))
    if provision is not None and comment.kind == CommentKind.SUGGESTION:
        comment.based_on = getattr(provision, f"text_{comment.language}")
    comment.save()
    record_event(actor=actor, action="legislation.comment.add", obj=act, after=snapshot(comment))
    return comment


@transaction.atomic
def comment_decide(
    *,
    actor: User,
    act: ModelAct,
    comment_id: Any,
    disposition: str,
    note: str = "",
) -> DraftComment:
    require_seen(actor, act)
    require(can_edit_act(actor, act))
    comment = DraftComment.objects.select_for_update().filter(act=act, pk=comment_id).first()
    if comment is None:
        raise NotFound()
    if disposition not in (Disposition.ACCEPTED, Disposition.REJECTED, Disposition.NOTED):
        raise ValidationFailed.single("disposition", _("Accept, reject or note the comment."))
    if disposition == Disposition.REJECTED and not note.strip():
        raise ValidationFailed.single("note", _("Give the reasons for rejecting it."))
    if comment.disposition != Disposition.OPEN:
        raise Conflict(_("The comment has already been decided."))
    if act.stage not in EDITABLE_STAGES:
        raise Conflict(_("Comments are taken while the act is a draft or in commission."))
    before = snapshot(comment)
    if disposition == Disposition.ACCEPTED and comment.kind == CommentKind.SUGGESTION:
        _apply(actor, act, comment)
    comment.disposition = disposition
    comment.disposition_note = note
    comment.decided_by = actor
    comment.decided_at = timezone.now()
    comment.save()
    record_event(
        actor=actor,
        action="legislation.comment.decide",
        obj=act,
        before=before,
        after=snapshot(comment),
    )
    return comment


def _apply(actor: User, act: ModelAct, comment: DraftComment) -> None:
    """Write the suggested wording into the current version's provision."""
    field = f"text_{comment.language}"
    current = current_version(act).provisions.filter(eid=comment.provision_eid).first()
    if current is None:
        raise Conflict(_("The provision is no longer in the act."))
    if getattr(current, field) != comment.based_on:
        raise Conflict(
            _("The provision has changed since the suggestion; re-read it and decide again.")
        )
    provision_save(
        actor=actor, act=act, eid=comment.provision_eid, **{field: comment.suggested_text}
    )
