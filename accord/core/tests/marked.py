"""Builders of every real marked model, for the access meta-test and the URL sweep.

Each builder makes one record of its model through the module's own services, owned by
the owner user's party, then gives it the marking asked for (classification, release,
released-to list) with a plain queryset update: some services fix the marking (a review
and an internal note are always OWNER), and the access rule reads only the stored
fields, so that is how every release kind and classification is reached for every model.

A builder also says, from how it built the record and independently of the model's
`participant_q`, which parties take part in the record (the oracle widens the rule for
them), and which URLs show the record (page and API detail).

`BUILDERS` maps a model label to its builder. A marked model without one fails
`test_marked_models.test_every_marked_model_has_a_builder`, naming it.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from accord.core.models import Classification, MarkedModel, Party
from accord.provision.tests import builders as provision_builders

OWNER = "RUS"
LISTED = "KAZ"
PARTICIPANT = "BLR"

_codes = itertools.count(1)


@dataclass(frozen=True)
class Built:
    obj: Any
    marker: str
    participants: frozenset[str]  # party codes taking part (besides the owner)


@dataclass(frozen=True)
class Builder:
    build: Callable[..., tuple[Any, frozenset[str]]]  # (owner_user, marker) -> (obj, parties)
    page: str | None  # URL name of the detail page (pk)
    api: str | None  # URL name of the API detail (pk)


def real_marked_models() -> list[type[MarkedModel]]:
    """Every concrete marked model of Accord's own apps, and every model of them with a
    `participant_q` of its own."""
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("accord."):
            continue
        if issubclass(model, MarkedModel) or hasattr(model, "participant_q"):
            found.append(model)
    return found


def parties() -> dict[str, Party]:
    return {p.code: p for p in Party.objects.all()}


# --- The builders ----------------------------------------------------------------------------


def _bilateral(owner: Any, marker: str) -> tuple[Any, frozenset[str]]:
    from accord.law.services import bilateral_register

    agreement = bilateral_register(
        actor=owner,
        counterpart=parties()[PARTICIPANT],
        title_en=f"Agreement {marker}",
        subject=f"Subject {marker}",
        status="in_force",
        signed_on=dt.date(2026, 3, 1),
        classification=Classification.UNCLASSIFIED,
    )
    return agreement, frozenset({PARTICIPANT})


def _system(owner: Any, marker: str, *, review: bool = True) -> Any:
    from accord.expertise import services

    system = services.system_register(
        actor=owner,
        designation=f"System {marker}",
        description=f"Description {marker}",
        category="novel_munition",
        classification=Classification.UNCLASSIFIED,
    )
    review_obj = None
    if review:
        review_obj = services.review_open(
            actor=owner,
            version=system.versions.get(),
            conflict_type="international",
            invited=[parties()[PARTICIPANT]],
        )
    return system, review_obj


# A review's participants: the owner, the invited party and the Secretariat (coordinator).
REVIEW_PARTIES = frozenset({PARTICIPANT, "SEC"})


def _weapon_system(owner: Any, marker: str) -> tuple[Any, frozenset[str]]:
    system, _review = _system(owner, marker)
    return system, REVIEW_PARTIES


def _review(owner: Any, marker: str) -> tuple[Any, frozenset[str]]:
    # The review shows its system's designation; the system gets the review's marking too
    # (see `mark`), so that the marker is visible exactly where the review is.
    _system_obj, review = _system(owner, marker)
    return review, REVIEW_PARTIES


def _note(owner: Any, marker: str) -> tuple[Any, frozenset[str]]:
    from accord.expertise import services

    _system_obj, review = _system(owner, f"for notes {next(_codes)}")
    note = services.note_add(actor=owner, review=review, text=f"Note {marker}")
    return note, frozenset()


def _item(owner: Any, marker: str) -> tuple[Any, frozenset[str]]:
    from accord.trafficking.services.items import item_register

    item = item_register(
        actor=owner,
        kind="component",
        manufacturer=f"Maker {marker}",
        model=f"Model {marker}",
        serial_number=f"SN-{next(_codes):05d}-{marker}",
        other_markings=f"Marking {marker}",
        status="stolen",
        classification=Classification.UNCLASSIFIED,
    )
    return item, frozenset()


def _incident(owner: Any, marker: str) -> tuple[Any, frozenset[str]]:
    from accord.trafficking.services.incidents import incident_report

    incident = incident_report(
        actor=owner,
        kind="seizure",
        occurred_on=dt.date(2025, 6, 1),
        country="RUS",
        locality=f"Post {marker}",
        route=["CHN", "RUS"],
        items=[{"kind": "component", "serial_number": f"IS-{marker}", "quantity": 1}],
        entities=[{"kind": "person", "name": f"Courier {marker}", "role": "courier"}],
        classification=Classification.UNCLASSIFIED,
    )
    return incident, frozenset()


def _operation(owner: Any, marker: str) -> tuple[Any, frozenset[str]]:
    from accord.trafficking.services import operations as services

    operation = services.operation_create(
        actor=owner,
        name=f"Operation {marker}",
        code=f"OP-{next(_codes):05d}",
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 2, 1),
        area=f"Area {marker}",
        objectives=f"Objectives {marker}",
        classification=Classification.UNCLASSIFIED,
    )
    services.participant_add(
        actor=owner, operation=operation, party=parties()[PARTICIPANT], agencies="Customs"
    )
    return operation, frozenset({PARTICIPANT})


def _tracing(owner: Any, marker: str) -> tuple[Any, frozenset[str]]:
    from accord.trafficking.services.tracing import tracing_request_send

    request = tracing_request_send(
        actor=owner,
        requested_party=parties()[PARTICIPANT],
        items=[{"kind": "component", "serial_number": f"TR-{marker}"}],
        circumstances=f"Circumstances {marker}",
        grounds=f"Grounds {marker}",
        due_date=dt.date.today() + dt.timedelta(days=30),
        classification=Classification.UNCLASSIFIED,
    )
    return request, frozenset({PARTICIPANT})


def _entity(owner: Any, marker: str) -> tuple[Any, frozenset[str]]:
    from accord.trafficking.services.watchlist import entity_create

    entity = entity_create(
        actor=owner,
        kind="organisation",
        name=f"Entity {marker}",
        reason=f"Reason {marker}",
        classification=Classification.UNCLASSIFIED,
    )
    return entity, frozenset()


def _standard(owner: Any, marker: str) -> tuple[Any, frozenset[str]]:
    from accord.standards.services.drafting import standard_create

    standard = standard_create(
        actor=owner,
        code=f"PS {next(_codes)}",
        title_en=f"Standard {marker}",
        scope_en=f"Scope {marker}",
        threat_categories=["uncrewed_aerial"],
        protection_classes=[{"code": "PC1", "name_en": "Basic", "name_ru": "Базовый"}],
        classification=Classification.UNCLASSIFIED,
    )
    return standard, frozenset()


def _facility(owner: Any, marker: str) -> tuple[Any, frozenset[str]]:
    from accord.standards.services.facilities import facility_register

    facility = facility_register(
        actor=owner,
        name=f"Facility {marker}",
        sector="energy",
        protection_class="PC1",
        description=f"Description {marker}",
        classification=Classification.UNCLASSIFIED,
    )
    return facility, frozenset()


def _legislation_staff(owner: Any, roles: list[str]) -> Any:
    """A colleague of `owner` (same party) holding the module's writing role."""
    from accord.accounts.services import user_create

    return user_create(
        actor=None,
        username=f"{owner.party.code.lower()}.legislation{next(_codes)}",
        party=owner.party,
        clearance=owner.clearance,
        roles=roles,
        password="correct-horse-battery-9",
    )


def _legislation_act(owner: Any, marker: str) -> tuple[Any, frozenset[str]]:
    # Model acts are the assembly's (the Secretariat drafts them): one of the owner's
    # party is written directly, as the skeleton's records were.
    from accord.legislation.models import ActVersion, ModelAct, Provision

    act = ModelAct.objects.create(
        owner=owner.party,
        number=f"{next(_codes) % 1000}-{next(_codes) % 1000}",
        title_en=f"Model act {marker}",
        summary=f"Summary {marker}",
        stage="adopted",
        classification=Classification.UNCLASSIFIED,
    )
    version = ActVersion.objects.create(act=act, number=1)
    Provision.objects.create(version=version, eid="art_1", num="1", text_en=f"Text {marker}")
    return act, frozenset()


def _legislation_national(owner: Any, marker: str) -> tuple[Any, frozenset[str]]:
    from accord.legislation.services import national_create

    act = national_create(
        actor=_legislation_staff(owner, ["parliamentary_officer"]),
        kind="law",
        title=f"National act {marker}",
        enacted_on=dt.date(2025, 1, 1),
        classification=Classification.UNCLASSIFIED,
    )
    return act, frozenset()


def _legislation_cell(owner: Any, marker: str) -> tuple[Any, frozenset[str]]:
    from accord.legislation.models import ModelAct
    from accord.legislation.services import cell_save

    act, _none = _legislation_act(owner, f"for cells {next(_codes)}")
    ModelAct.objects.filter(pk=act.pk).update(release="public")
    act.refresh_from_db()
    cell = cell_save(
        actor=_legislation_staff(owner, ["parliamentary_officer"]),
        act=act,
        provision_eid="art_1",
        status="with_changes",
        deviation_note=f"Deviation {marker}",
    )
    # The Secretariat of the assembly sees every cell (`ConformityCell.participant_q`).
    return cell, frozenset({"SEC"})


def _knowledge_lesson(owner: Any, marker: str) -> tuple[Any, frozenset[str]]:
    """A lesson identified (past the stage where only its author and lessons manager see
    it), with one remedial action tasked to the participant, who takes part in it."""
    from accord.accounts.services import user_create
    from accord.knowledge import services

    manager = user_create(
        actor=None,
        username=f"lessons.{next(_codes)}",
        party=owner.party,
        clearance=Classification.SECRET,
        roles=["knowledge_editor"],
    )
    item = services.item_create(
        actor=owner,
        title_en=f"Lesson {marker}",
        summary_en=f"Summary {marker}",
        areas=["use"],
        classification=Classification.UNCLASSIFIED,
    )
    item = services.item_verify(actor=manager, item=item, version=item.version)
    item = services.item_identify(
        actor=manager,
        item=item,
        version=item.version,
        root_cause=f"Cause {marker}",
        recommendation=f"Recommendation {marker}",
    )
    services.action_add(
        actor=manager,
        lesson=item,
        action_body=parties()[PARTICIPANT],
        description=f"Action {marker}",
        due_on=dt.date.today() + dt.timedelta(days=30),
    )
    return item, frozenset({PARTICIPANT})


def _knowledge_manager(party: Any) -> Any:
    from accord.accounts.services import user_create

    return user_create(
        actor=None,
        username=f"lessons.{next(_codes)}",
        party=party,
        clearance=Classification.SECRET,
        roles=["knowledge_editor"],
    )


def _knowledge_request(owner: Any, marker: str) -> tuple[Any, frozenset[str]]:
    """A request for information of the owner's party to the participant."""
    from accord.knowledge import services

    request = services.request_send(
        actor=_knowledge_manager(owner.party),
        title=f"Request {marker}",
        question=f"Question {marker}",
        due_on=dt.date.today() + dt.timedelta(days=14),
        addressees=[parties()[PARTICIPANT]],
        classification=Classification.UNCLASSIFIED,
    )
    return request, frozenset({PARTICIPANT})


def _knowledge_answer(owner: Any, marker: str) -> tuple[Any, frozenset[str]]:
    """The owner party's answer to a public request of Tajikistan (seen by everyone): the
    answer's own marking alone decides who reads it on the request's page."""
    from accord.core.models import Release
    from accord.knowledge import services

    request = services.request_send(
        actor=_knowledge_manager(parties()["TJK"]),
        title=f"Public request {next(_codes)}",
        question="Question",
        due_on=dt.date.today() + dt.timedelta(days=14),
        addressees=[owner.party],
        classification=Classification.UNCLASSIFIED,
    )
    type(request).objects.filter(pk=request.pk).update(release=Release.PUBLIC)
    answer = services.answer_add(
        actor=_knowledge_manager(owner.party),
        request=request,
        text=f"Answer {marker}",
        classification=Classification.UNCLASSIFIED,
    )
    return answer, frozenset()


def _knowledge_guideline(owner: Any, marker: str) -> tuple[Any, frozenset[str]]:
    """An edition of a guideline module of the owner's party, with one clause."""
    from accord.knowledge import services

    edition = services.guideline_publish(
        actor=_knowledge_manager(owner.party),
        code=f"IATG {next(_codes)}",
        title=f"Guideline {marker}",
        edition="1",
        issued_on=dt.date(2020, 1, 1),
        clauses=[{"key": "scope", "number": "1", "text": f"Clause {marker}"}],
        classification=Classification.UNCLASSIFIED,
    )
    return edition, frozenset()


def _knowledge_expert(owner: Any, marker: str) -> tuple[Any, frozenset[str]]:
    """An expert nominated by the owner's party."""
    from accord.knowledge import services

    expert = services.expert_nominate(
        actor=_knowledge_manager(owner.party),
        name=f"Expert {marker}",
        domains="disposal/demilitarisation",
        languages="ru, en",
        classification=Classification.UNCLASSIFIED,
    )
    return expert, frozenset()


def _programme_officer(owner: Any) -> Any:
    """A programme and finance officer of the owner's party (the builders' owner holds
    other modules' roles)."""
    from accord.accounts.models import User
    from accord.accounts.services import user_create

    name = f"programmes.{owner.party.code.lower()}"
    found = User.objects.filter(username=name).first()
    return found or user_create(
        actor=None,
        username=name,
        party=owner.party,
        clearance=Classification.SECRET,
        roles=["programme_officer", "finance_officer"],
    )


def _programme(owner: Any, marker: str) -> tuple[Any, frozenset[str]]:
    from accord.programmes.services import programme_create

    programme = programme_create(
        actor=_programme_officer(owner),
        identifier=f"PRG-{next(_codes):05d}",
        title_en=f"Programme {marker}",
        objectives=f"Objectives {marker}",
        classification=Classification.UNCLASSIFIED,
    )
    return programme, frozenset()


def _support_request(owner: Any, marker: str) -> tuple[Any, frozenset[str]]:
    from accord.programmes.services import support_request_create

    request = support_request_create(
        actor=_programme_officer(owner),
        kind="technical",
        title_en=f"Support {marker}",
        description=f"Description {marker}",
        classification=Classification.UNCLASSIFIED,
    )
    return request, frozenset()


BUILDERS: dict[str, Builder] = {
    "law.BilateralAgreement": Builder(
        _bilateral, "law:bilateral-detail", "law-api:bilateral-detail"
    ),
    "expertise.WeaponSystem": Builder(
        _weapon_system, "expertise:system", "expertise-api:system-detail"
    ),
    "expertise.Review": Builder(_review, "expertise:review", "expertise-api:review-detail"),
    # A note has no page of its own: it shows on its review's page, to its party only.
    "expertise.InternalNote": Builder(_note, None, None),
    "trafficking.Item": Builder(_item, "trafficking:item", "trafficking-api:item-detail"),
    "trafficking.Incident": Builder(_incident, "trafficking:incident", "trafficking-api:incident"),
    "trafficking.Operation": Builder(
        _operation, "trafficking:operation", "trafficking-api:operation-detail"
    ),
    "trafficking.TracingRequest": Builder(
        _tracing, "trafficking:tracing-request", "trafficking-api:tracing-detail"
    ),
    "trafficking.Entity": Builder(
        _entity, "trafficking:watchlist-entity", "trafficking-api:watchlist-entity-detail"
    ),
    "standards.Standard": Builder(_standard, "standards:standard", "standards-api:standard-detail"),
    "standards.Facility": Builder(_facility, "standards:facility", "standards-api:facility-detail"),
    "provision.Requirement": Builder(
        provision_builders.requirement,
        "provision:requirement-detail",
        "provision-api:requirement-detail",
    ),
    "provision.Commitment": Builder(
        provision_builders.commitment,
        "provision:commitment-detail",
        "provision-api:commitment-detail",
    ),
    "provision.RetransferRequest": Builder(
        provision_builders.retransfer,
        "provision:retransfer-detail",
        "provision-api:retransfer-detail",
    ),
    "provision.Return": Builder(
        provision_builders.annual_return, "provision:return-detail", "provision-api:return-detail"
    ),
    "knowledge.KnowledgeItem": Builder(
        _knowledge_lesson, "knowledge:item-detail", "knowledge-api:item-detail"
    ),
    "knowledge.InformationRequest": Builder(
        _knowledge_request, "knowledge:request-detail", "knowledge-api:request-detail"
    ),
    # An answer has no page of its own: it shows on its request's page, by its own marking.
    "knowledge.RequestAnswer": Builder(_knowledge_answer, None, None),
    "knowledge.Expert": Builder(
        _knowledge_expert, "knowledge:expert-detail", "knowledge-api:expert-detail"
    ),
    "knowledge.GuidelineEdition": Builder(
        _knowledge_guideline, "knowledge:guideline-detail", "knowledge-api:guideline-detail"
    ),
    "programmes.Programme": Builder(
        _programme, "programmes:programme-detail", "programmes-api:programme-detail"
    ),
    "programmes.SupportRequest": Builder(
        _support_request, "programmes:support-detail", "programmes-api:support-detail"
    ),
    "legislation.ModelAct": Builder(
        _legislation_act, "legislation:act-detail", "legislation-api:act-detail"
    ),
    "legislation.NationalAct": Builder(
        _legislation_national, "legislation:national-detail", "legislation-api:national-detail"
    ),
    "legislation.ConformityCell": Builder(
        _legislation_cell, "legislation:cell-detail", "legislation-api:cell-detail"
    ),
}


def mark(obj: Any, *, classification: int, release: str, listed: list[Party]) -> None:
    """Give `obj` (and, for a review, its system) the marking asked for."""
    targets = [obj]
    if obj._meta.label == "expertise.Review":
        targets.append(obj.subject.system)
    for target in targets:
        type(target).objects.filter(pk=target.pk).update(
            classification=classification, release=release
        )
        target.released_to.set(listed)
        target.refresh_from_db()
    if obj._meta.label == "expertise.WeaponSystem":
        # A review is never marked below its system (`review_open`, `system_update`).
        obj.versions.get().reviews.update(classification=classification)


# --- Answers ---------------------------------------------------------------------------------


def named_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            if entry.app_name == "admin":
                continue
            yield from named_patterns(entry, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + entry.name, entry


_CSRF = re.compile(rb'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]*"')


# Messages flashed by an earlier request (a redirect) show on whatever page comes next.
_MESSAGES = re.compile(rb'<section class="messages".*?</section>', re.DOTALL)


# The Content-Security-Policy nonce, new in every response.
_NONCE = re.compile(rb'nonce="[^"]*"')


def _page_body(response: Any) -> bytes:
    """The body less what differs by request alone: the CSRF token, the CSP nonce, the
    page's own path, the messages an earlier request left, the request id (shown on error
    pages)."""
    path = response.wsgi_request.path.encode()
    body = _MESSAGES.sub(b"", _NONCE.sub(b"nonce", _CSRF.sub(rb"\1", response.content)))
    request_id = response.get("X-Request-ID", "")
    if request_id:
        body = body.replace(request_id.encode(), b"<request-id>")
    return body.replace(path, b"<path>")


def same_404(response: Any, missing: Any, *, also: tuple[int, ...] = ()) -> bool:
    """Both answer 404 (or one of `also`, the same) with the same body."""
    return (
        response.status_code == missing.status_code
        and response.status_code in (404, *also)
        and _page_body(response) == _page_body(missing)
    )


def body_text(response: Any) -> str:
    """The text of an answer: the body; the XML inside an XLSX (or any zip)."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    return content.decode("utf-8", "replace")
