"""Requests for information: send (the requester's lessons manager), answer (an
addressee's lessons manager, with the answer's own marking), close, and turn an answered
request into a knowledge item.

An answer must reach the requester: OWNER is refused, and a LISTED answer always lists
the requester (and whom else the answering party chooses) — so an answer "to the
requester only" is invisible to the other addressees by the access rule itself.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.core.access import can_see, party_of
from accord.core.audit import record_event, snapshot
from accord.core.errors import Conflict, NotFound, ValidationFailed
from accord.core.guards import require, within_clearance
from accord.core.models import Classification, Party, Release
from accord.core.notifications import notify_party
from accord.core.validation import full_clean
from accord.knowledge import search
from accord.knowledge.domain.lifecycle import Stage
from accord.knowledge.models import (
    LESSONS_MANAGER,
    InformationRequest,
    Kind,
    KnowledgeItem,
    RequestAddressee,
    RequestAnswer,
    is_lessons_manager,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


def _manager_of(actor: Any, party_id: int | None) -> bool:
    party = party_of(actor)
    return party is not None and party.pk == party_id and is_lessons_manager(actor)


@transaction.atomic
def request_send(
    *,
    actor: User,
    title: str,
    question: str,
    due_on: dt.date,
    addressees: list[Party],
    classification: int = Classification.RESTRICTED,
) -> InformationRequest:
    """Send a request for information from the actor's party to `addressees` (their
    lessons managers are told). The request is seen by the requester and the addressees."""
    party = party_of(actor)
    require(party is not None and is_lessons_manager(actor))
    assert party is not None
    others = [p for p in addressees if p.pk != party.pk and p.active]
    if not others:
        raise ValidationFailed.single("addressees", _("Address the request to another party."))
    if due_on is not None and due_on < timezone.localdate():
        raise ValidationFailed.single("due_on", _("The due date is in the past."))
    request = InformationRequest(
        owner=party,
        title=title,
        question=question,
        due_on=due_on,
        classification=classification,
        release=Release.OWNER,
        created_by=actor,
    )
    within_clearance(actor, request.classification)
    full_clean(request)
    request.save()
    RequestAddressee.objects.bulk_create(
        [RequestAddressee(request=request, party=p) for p in others]
    )
    record_event(
        actor=actor,
        action="knowledge.request.send",
        obj=request,
        after={**snapshot(request), "addressees": sorted(p.code for p in others)},
    )
    link = reverse("knowledge:request-detail", args=[request.pk])
    due = request.due_on.isoformat()
    for addressee in others:
        notify_party(
            party=addressee,
            roles=[LESSONS_MANAGER],
            kind="knowledge.request",
            message=lambda: (
                _("A request for information awaits your answer by %(due)s.") % {"due": due}
            ),
            link=link,
            obj=request,
        )
    return request


def require_request_seen(actor: Any, request: InformationRequest | None) -> InformationRequest:
    if request is None or not can_see(actor, request):
        raise NotFound()
    return request


@transaction.atomic
def answer_add(
    *,
    actor: User,
    request: InformationRequest,
    text: str,
    classification: int = Classification.RESTRICTED,
    release: str = Release.LISTED,
    released_to: list[Party] | None = None,
) -> RequestAnswer:
    """Answer a request (a lessons manager of an addressee), marked on its own."""
    require_request_seen(actor, request)
    party = party_of(actor)
    require(party is not None and is_lessons_manager(actor))
    assert party is not None
    require(RequestAddressee.objects.filter(request=request, party_id=party.pk).exists())
    if request.status != InformationRequest.Status.OPEN:
        raise Conflict(_("This request is closed."))
    if release == Release.OWNER:
        raise ValidationFailed.single("release", _("An answer must reach the requester."))
    answer = RequestAnswer(
        request=request,
        owner=party,
        text=str(text or "").strip(),
        classification=classification,
        release=release,
        author=actor,
    )
    within_clearance(actor, answer.classification)
    full_clean(answer)
    answer.save()
    listed = {p.pk: p for p in (released_to or [])}
    if release == Release.LISTED:
        listed[request.owner_id] = request.owner
    answer.released_to.set(list(listed.values()))
    record_event(
        actor=actor,
        action="knowledge.request.answer",
        obj=answer,
        object_repr=f"{request} — {party.code}",
        after={**snapshot(answer), "released_to": sorted(p.code for p in listed.values())},
    )
    return answer


@transaction.atomic
def request_close(*, actor: User, request: InformationRequest) -> InformationRequest:
    require_request_seen(actor, request)
    require(_manager_of(actor, request.owner_id))
    if request.status != InformationRequest.Status.OPEN:
        raise Conflict(_("This request is closed."))
    before = snapshot(request)
    request.status = InformationRequest.Status.CLOSED
    request.save(update_fields=["status"])
    record_event(
        actor=actor,
        action="knowledge.request.close",
        obj=request,
        before=before,
        after=snapshot(request),
    )
    return request


@transaction.atomic
def request_to_item(*, actor: User, request: InformationRequest, areas: list[str]) -> KnowledgeItem:
    """Turn an answered request into a knowledge item of kind "answer to a request": the
    question and the answers the actor sees, kept by the requester (OWNER) at the highest
    classification among them; its lessons manager may release it wider afterwards."""
    require_request_seen(actor, request)
    require(_manager_of(actor, request.owner_id))
    if request.item_id is not None:
        raise Conflict(_("This request is already a knowledge item."))
    answers = list(RequestAnswer.objects.visible_to(actor).filter(request=request))
    if not answers:
        raise Conflict(_("The request has no answer yet."))
    level = max([request.classification, *(a.classification for a in answers)])
    body = "\n\n".join([request.question, *(f"{a.owner.code}: {a.text}" for a in answers)])
    item = KnowledgeItem(
        owner=request.owner,
        author=actor,
        kind=Kind.ANSWER,
        stage=Stage.PUBLISHED,
        title_en=request.title,
        summary_en=request.question[:500],
        body=body,
        areas=KnowledgeItem.join_areas(areas),
        classification=level,
        release=Release.OWNER,
    )
    full_clean(item)
    item.save()
    search.index_item(item)
    request.item = item
    request.save(update_fields=["item"])
    record_event(
        actor=actor,
        action="knowledge.request.to_item",
        obj=item,
        object_repr=f"{request} → {item}",
        after=snapshot(item),
    )
    return item
