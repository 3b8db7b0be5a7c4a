"""Every URL, visited as users of different parties and anonymously: none answers 500;
anonymous visitors are sent to sign in (pages) or refused (API). Query counts of list
pages are pinned so an N+1 is caught."""

import datetime as dt
import itertools
import re
from typing import Any

import pytest
from django.urls import reverse

from accord.core.models import AuditEvent, Classification, Release
from accord.core.tests.marked import BUILDERS, OWNER, mark, named_patterns, parties, same_404
from accord.core.tests.queries import assert_flat
from accord.core.tests.rule import rule_as_written
from tests.markedapp.services import dossier_create

OPEN_PAGES = {"accounts:sign-in", "set_language", "api:schema", "api:docs", "healthz", "readyz"}


# --- Every URL that takes a record id, with real ids -----------------------------------------
#
# Each such URL is mapped to the record it shows: (the marked record it belongs to, how to
# reach its id from that record, what a visible id answers to GET). "show": 200 with the
# record's marker in the body; "page": any answer but 404 (a form, a download, a redirect
# for an action-only URL, 405 for POST-only). A hidden and a missing id answer alike (404,
# or 405 when the URL refuses GET before looking the id up), with the same body.

_system = ("expertise.WeaponSystem", lambda o: o.pk)
_version = ("expertise.WeaponSystem", lambda o: o.versions.get().pk)
_review = ("expertise.Review", lambda o: o.pk)
_bilateral = ("law.BilateralAgreement", lambda o: o.pk)
_item = ("trafficking.Item", lambda o: o.pk)
_entity = ("trafficking.Entity", lambda o: o.pk)
_alias = ("trafficking.Entity", lambda o: o.names.order_by("pk").last().pk)
_identifier = ("trafficking.Entity", lambda o: o.identifiers.get().pk)
_incident = ("trafficking.Incident", lambda o: o.pk)
_incident_item = ("trafficking.Incident", lambda o: o.items.get().pk)
_incident_entity = ("trafficking.Incident", lambda o: o.entities.get().pk)
_tracing = ("trafficking.TracingRequest", lambda o: o.pk)
_operation = ("trafficking.Operation", lambda o: o.pk)
_standard = ("standards.Standard", lambda o: o.pk)
_std_version = ("standards.Standard", lambda o: o.versions.get().pk)
_clause = ("standards.Standard", lambda o: o.versions.get().clauses.get().pk)
_facility = ("standards.Facility", lambda o: o.pk)
_request = ("expertise.Review", lambda o: o.requests.get().pk)
_evidence = ("expertise.WeaponSystem", lambda o: o.versions.get().evidence.get().pk)
_comment = ("standards.Standard", lambda o: o.versions.get().comments.get().pk)
_ballot = ("standards.Standard", lambda o: o.versions.get().ballots.get().pk)
_assessment = ("standards.Facility", lambda o: o.assessments.get().pk)
_answer = ("standards.Facility", lambda o: o.assessments.get().answers.get().pk)
_answer_file = ("standards.Facility", lambda o: o.assessments.get().answers.get().evidence.get().pk)
_action = ("standards.Facility", lambda o: o.assessments.get().actions.get().pk)
_dossier = ("markedapp.Dossier", lambda o: o.pk)
_prov_requirement = ("provision.Requirement", lambda o: o.pk)
_prov_commitment = ("provision.Commitment", lambda o: o.pk)
_prov_consignment = ("provision.Commitment", lambda o: o.consignments.get().pk)
_prov_line = ("provision.Commitment", lambda o: o.consignments.get().lines.get().pk)
_prov_inspection = ("provision.Commitment", lambda o: o.consignments.get().inspections.get().pk)
_prov_discrepancy = (
    "provision.Commitment",
    lambda o: o.consignments.get().inspections.get().discrepancies.get().pk,
)
_prov_check = ("provision.Commitment", lambda o: o.checks.get().pk)
_prov_hold = ("provision.Commitment", lambda o: o.checks.get().hold.pk)
_prov_retransfer = ("provision.RetransferRequest", lambda o: o.pk)
_prov_return = ("provision.Return", lambda o: o.pk)
_knowledge_item = ("knowledge.KnowledgeItem", lambda o: o.pk)
_knowledge_action = ("knowledge.KnowledgeItem", lambda o: o.actions.get().pk)
_knowledge_request = ("knowledge.InformationRequest", lambda o: o.pk)
_knowledge_guideline = ("knowledge.GuidelineEdition", lambda o: o.pk)
_knowledge_expert = ("knowledge.Expert", lambda o: o.pk)
_programme = ("programmes.Programme", lambda o: o.pk)
_support_request = ("programmes.SupportRequest", lambda o: o.pk)
_legislation_act = ("legislation.ModelAct", lambda o: o.pk)
_legislation_national = ("legislation.NationalAct", lambda o: o.pk)
_legislation_cell = ("legislation.ConformityCell", lambda o: o.pk)

SHOWS: dict[str, tuple[tuple[str, Any], str]] = {
    "dossier-detail": (_dossier, "show"),
    "dossier-edit": (_dossier, "show"),
    "dossier-detail-api": (_dossier, "show"),
    "law:bilateral-detail": (_bilateral, "show"),
    "law:bilateral-edit": (_bilateral, "page"),
    "law-api:bilateral-detail": (_bilateral, "show"),
    "expertise:system": (_system, "show"),
    "expertise:system-edit": (_system, "page"),
    "expertise:version-new": (_system, "page"),
    "expertise-api:system-detail": (_system, "show"),
    "expertise-api:system-versions": (_system, "page"),
    "expertise:version": (_version, "show"),
    "expertise:evidence-file": (_version, "page"),
    "expertise:evidence-reference": (_version, "page"),
    "expertise:assignment-add": (_version, "page"),
    "expertise:review-open": (_version, "page"),
    "expertise-api:version-detail": (_version, "page"),
    "expertise-api:version-evidence": (_version, "page"),
    "expertise-api:version-assignments": (_version, "page"),
    "expertise-api:version-clearance": (_version, "page"),
    "expertise:review": (_review, "show"),
    "expertise:report-pdf": (_review, "page"),
    "expertise-api:review-detail": (_review, "show"),
    "trafficking:item": (_item, "show"),
    "trafficking:item-edit": (_item, "page"),
    "trafficking-api:item-detail": (_item, "show"),
    "trafficking-api:item-status": (_item, "page"),
    "trafficking:watchlist-entity": (_entity, "show"),
    "trafficking:watchlist-entity-edit": (_entity, "page"),
    "trafficking-api:watchlist-entity-detail": (_entity, "show"),
    "trafficking:watchlist-alias-remove": (_alias, "page"),
    "trafficking-api:watchlist-name-delete": (_alias, "page"),
    "trafficking:watchlist-identifier-remove": (_identifier, "page"),
    "trafficking-api:watchlist-identifier-delete": (_identifier, "page"),
    "trafficking:incident": (_incident, "show"),
    "trafficking-api:incident": (_incident, "show"),
    "trafficking:incident-item-remove": (_incident_item, "page"),
    "trafficking-api:incident-item": (_incident_item, "page"),
    "trafficking:incident-entity-remove": (_incident_entity, "page"),
    "trafficking-api:incident-entity": (_incident_entity, "page"),
    "trafficking:tracing-request": (_tracing, "show"),
    "trafficking-api:tracing-detail": (_tracing, "show"),
    "trafficking:operation": (_operation, "show"),
    "trafficking-api:operation-detail": (_operation, "show"),
    "standards:standard": (_standard, "show"),
    "standards-api:standard-detail": (_standard, "show"),
    "standards:version": (_std_version, "page"),
    "standards-api:version-detail": (_std_version, "page"),
    "standards:clause": (_clause, "show"),
    "standards-api:clause-detail": (_clause, "show"),
    "standards:facility": (_facility, "show"),
    "standards:facility-edit": (_facility, "page"),
    "standards-api:facility-detail": (_facility, "show"),
    "expertise-api:request-answer": (_request, "page"),
    "expertise-api:request-withdraw": (_request, "page"),
    "expertise:evidence-download": (_evidence, "page"),
    "expertise-api:evidence-download": (_evidence, "page"),
    "standards:comment-dispose": (_comment, "page"),
    "standards:comment-withdraw": (_comment, "page"),
    "standards-api:comment": (_comment, "show"),
    "standards-api:comment-withdraw": (_comment, "page"),
    "standards-api:comment-dispose": (_comment, "page"),
    "standards:ballot-detail": (_ballot, "page"),
    "standards-api:ballot": (_ballot, "page"),
    "standards:assessment": (_assessment, "page"),
    "standards-api:assessment-detail": (_assessment, "page"),
    "standards:answer-evidence": (_answer, "page"),
    "standards-api:answer-evidence": (_answer, "page"),
    "standards:assessment-evidence": (_answer_file, "page"),
    "standards:action-edit": (_action, "page"),
    "standards:action-status": (_action, "page"),
    "standards-api:action-detail": (_action, "page"),  # PATCH only
    "standards-api:action-status": (_action, "page"),
    "provision:requirement-detail": (_prov_requirement, "show"),
    "provision-api:requirement-detail": (_prov_requirement, "show"),
    "provision:commitment-detail": (_prov_commitment, "show"),
    "provision-api:commitment-detail": (_prov_commitment, "show"),
    "provision:retransfer-detail": (_prov_retransfer, "show"),
    "provision-api:retransfer-detail": (_prov_retransfer, "show"),
    "provision:return-detail": (_prov_return, "show"),
    "provision-api:return-detail": (_prov_return, "show"),
    "knowledge:item-detail": (_knowledge_item, "show"),
    "knowledge-api:item-detail": (_knowledge_item, "show"),
    "knowledge:action-close": (_knowledge_action, "page"),  # POST only
    "knowledge-api:action-close": (_knowledge_action, "page"),  # POST only
    "knowledge:request-detail": (_knowledge_request, "show"),
    "knowledge-api:request-detail": (_knowledge_request, "show"),
    "knowledge:guideline-detail": (_knowledge_guideline, "show"),
    "knowledge-api:guideline-detail": (_knowledge_guideline, "show"),
    "knowledge:expert-detail": (_knowledge_expert, "show"),
    "knowledge-api:expert-detail": (_knowledge_expert, "show"),
    "programmes:programme-detail": (_programme, "show"),
    "programmes-api:programme-detail": (_programme, "show"),
    "programmes:support-detail": (_support_request, "show"),
    "programmes-api:support-detail": (_support_request, "show"),
    "legislation:act-detail": (_legislation_act, "show"),
    "legislation:act-matrix": (_legislation_act, "show"),
    "legislation-api:act-detail": (_legislation_act, "show"),
    "legislation:national-detail": (_legislation_national, "show"),
    "legislation:national-edit": (_legislation_national, "page"),
    "legislation-api:national-detail": (_legislation_national, "show"),
    "legislation:cell-detail": (_legislation_cell, "show"),
    "legislation-api:cell-detail": (_legislation_cell, "show"),
}
# The other actions and sub-lists of a record, by the prefix of their URL name.
SHOWS_BY_PREFIX: list[tuple[str, tuple[str, Any]]] = [
    ("expertise:review-", _review),
    ("expertise:request-", _review),
    ("expertise:finding-", _review),
    ("expertise:conclusion-", _review),
    ("expertise:note-", _review),
    ("expertise-api:review-", _review),
    ("trafficking:watchlist-", _entity),
    ("trafficking-api:watchlist-", _entity),
    ("trafficking:incident-", _incident),
    ("trafficking-api:incident-", _incident),
    ("trafficking:tracing-", _tracing),
    ("trafficking-api:tracing-", _tracing),
    ("trafficking:operation-", _operation),
    ("trafficking-api:operation-", _operation),
    ("standards:standard-", _standard),
    ("standards-api:standard-", _standard),
    ("standards:version-", _std_version),
    ("standards-api:version-", _std_version),
    ("standards:clause-", _clause),
    ("standards-api:clause-", _clause),
    ("standards:comment-table", _std_version),
    ("standards-api:comment-table", _std_version),
    ("standards:comments", _std_version),
    ("standards:comment-add", _std_version),
    ("provision:requirement-", _prov_requirement),
    ("provision-api:requirement-", _prov_requirement),
    ("provision:commitment-", _prov_commitment),
    ("programmes:programme-", _programme),
    ("programmes-api:programme-", _programme),
    ("programmes:support-", _support_request),
    ("programmes-api:support-", _support_request),
    ("provision-api:commitment-", _prov_commitment),
    ("provision:consignment-", _prov_consignment),
    ("provision-api:consignment-", _prov_consignment),
    ("provision:line-", _prov_line),
    ("provision-api:line-", _prov_line),
    ("provision:inspection-", _prov_inspection),
    ("provision-api:inspection-", _prov_inspection),
    ("provision-api:discrepancy-", _prov_discrepancy),
    ("provision:discrepancy-", _prov_discrepancy),
    ("provision-api:check-", _prov_check),
    ("provision:check-", _prov_check),
    ("provision-api:hold-", _prov_hold),
    ("provision:hold-", _prov_hold),
    ("provision:retransfer-", _prov_retransfer),
    ("provision-api:retransfer-", _prov_retransfer),
    ("provision:return-", _prov_return),
    ("provision-api:return-", _prov_return),
    ("standards:ballot-open", _std_version),
    ("standards:assessment-start", _facility),
    ("standards-api:facility-", _facility),
    ("knowledge:item-", _knowledge_item),
    ("knowledge-api:item-", _knowledge_item),
    ("knowledge:request-", _knowledge_request),
    ("knowledge-api:request-", _knowledge_request),
    ("knowledge:guideline-", _knowledge_guideline),
    ("knowledge-api:guideline-", _knowledge_guideline),
    ("knowledge:expert-", _knowledge_expert),
    ("knowledge-api:expert-", _knowledge_expert),
    ("standards:ballot-", _ballot),
    ("standards-api:ballot-", _ballot),
    ("standards:assessment-", _assessment),
    ("standards-api:assessment-", _assessment),
    ("standards:action-new", _assessment),
    ("legislation:act-", _legislation_act),
    ("legislation-api:act-", _legislation_act),
    ("legislation:national-", _legislation_national),
    ("legislation-api:national-", _legislation_national),
]
# Ids of records nobody is denied (reference data) or of the user's own things: swept
# with a real id and a missing one only.
NOT_MARKED = {
    "law:act-verify",
    "law-api:act-detail",
    "law-api:act-verify",
    "trafficking:make-edit",
    "trafficking-api:make-detail",
    "core:notification-read",
    "core:notification-open",
    "api:notification-read",
    "accounts:token-revoke",
    "api:token",
}
# Unmarked rows whose access has its own tests, named so that a new URL still fails.
COVERED_ELSEWHERE = {
    # The operator's rows (Secretariat administrators only): core/tests/test_worker.py.
    "core:outbox-retry",
    "core:periodic-run-soon",
    # A background job is its starter's alone: trafficking/tests/test_jobs.py and
    # core/tests/test_worker.py check another user's 404.
    "trafficking:screening-bulk-job",
    "api:job",
    # The assembly's harmonisation programmes are public documents every signed-in user
    # reads; a missing id's 404 and the drafters-only writes: legislation/tests/test_programmes.py.
    "legislation:programme-detail",
    "legislation:programme-link",
    "legislation-api:programme-detail",
    "legislation-api:programme-items",
    "legislation-api:programme-link",
}
# URLs this sweep does not visit yet: named here so that a new URL still fails.
NOT_YET_SWEPT: set[str] = set()
# Arguments besides the id.
OTHER_ARGUMENTS = {"expertise-api:version-clearance": {"code": "RUS"}}


def _url(name: str, arg: str, pk: int) -> str:
    return reverse(name, kwargs={arg: pk, **OTHER_ARGUMENTS.get(name, {})})


def id_urls() -> list[tuple[str, str]]:
    """(name, the argument) of every URL that takes a record id."""
    return [
        (name, arg)
        for name, pattern in named_patterns()
        for arg in pattern.pattern.regex.groupindex
        if arg in ("pk", "token_id")
    ]


def shown_by(name: str) -> tuple[tuple[str, Any], str] | None:
    if name in SHOWS:
        return SHOWS[name]
    for prefix, target in SHOWS_BY_PREFIX:
        if name.startswith(prefix):
            return target, "page"
    return None


def test_every_url_with_an_id_is_mapped_to_its_record() -> None:
    unmapped = [
        name
        for name, _arg in id_urls()
        if shown_by(name) is None and name not in NOT_MARKED | NOT_YET_SWEPT | COVERED_ELSEWHERE
    ]
    assert not unmapped, f"URLs with a record id but no entry in test_sweep.SHOWS: {unmapped}"
    assert len(id_urls()) > 150


MISSING = 987_654_321
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
WRITES = {False: ("post",), True: ("post", "patch", "delete")}  # page / API


@pytest.fixture
def sweep_world(make_user: Any, party: Any) -> dict[str, Any]:
    """For each marked model, a record released to MEMBERS and one kept by its owner
    (Russia), both RESTRICTED, with the children the URLs above need."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from accord.expertise.services import (
        evidence_add_file,
        request_ask,
        review_start,
        review_submit,
        version_update,
    )
    from accord.expertise.tests.conftest import MINE
    from accord.standards.services import facilities
    from accord.standards.services.consultation import ballot_open, comment_add
    from accord.standards.services.drafting import clause_add
    from accord.standards.services.drafting import version_set_stage as set_stage
    from accord.standards.tests.conftest import adopt, make_standard
    from accord.trafficking.services import watchlist

    owner = make_user(
        OWNER,
        roles=[
            "legal_adviser",
            "lead_reviewer",
            "customs_officer",
            "standards_editor",
            "facility_assessor",
        ],
    )
    coordinator = make_user("SEC", roles=["secretariat_officer"])
    # The adopted standard every facility is assessed against (public, one requirement).
    reference = make_standard(
        owner, code="PS-SWEEP", protection_classes=[{"code": "PC1", "name_en": "Basic"}]
    )
    requirement = clause_add(
        actor=owner,
        version=reference.versions.get(),
        kind="requirement",
        text_en="The operator shall sweep.",
        normative_level="shall",
        conformity="test",
    )
    adopted = adopt(owner, reference.versions.get())
    records: dict[str, dict[str, Any]] = {}
    for index, (label, builder) in enumerate(BUILDERS.items()):
        for kind, release in (("visible", Release.MEMBERS), ("hidden", Release.OWNER)):
            marker = f"zs{index:02d}{kind}x"
            obj, participants = builder.build(owner, marker)
            mark(obj, classification=Classification.RESTRICTED, release=release, listed=[])
            if label == "standards.Standard":
                clause_add(
                    actor=owner,
                    version=obj.versions.get(),
                    kind="requirement",
                    title_en=f"Clause {marker}",
                    text_en=f"The operator shall {marker}.",
                    normative_level="shall",
                    conformity="test",
                )
            if label == "standards.Standard":
                version = obj.versions.get()
                set_stage(actor=owner, version=version, stage="committee_draft")
                comment_add(
                    actor=owner, version=version, type="editorial", comment=f"Comment {marker}"
                )
                ballot_open(
                    actor=owner, version=version, closes_on=dt.date.today() + dt.timedelta(days=5)
                )
            if label == "expertise.Review":
                version_update(
                    actor=owner,
                    version=obj.subject,
                    expected_version=obj.subject.version,
                    characteristics=MINE,
                )
                review_submit(actor=owner, review=obj)
                review_start(actor=coordinator, review=obj)
                request_ask(
                    actor=owner,
                    review=obj,
                    question=f"Question {marker}",
                    due_date=dt.date.today() + dt.timedelta(days=3),
                )
            if label == "expertise.WeaponSystem":
                evidence_add_file(
                    actor=owner,
                    version=obj.versions.get(),
                    title=f"Evidence {marker}",
                    upload=SimpleUploadedFile("e.pdf", PDF),
                )
            if label == "standards.Facility":
                assessment = facilities.assessment_start(
                    actor=owner, facility=obj, standard_version=adopted
                )
                answer = facilities.answer_save(
                    actor=owner,
                    assessment=assessment,
                    clause=requirement,
                    status="implemented",
                    justification=f"Answer {marker}",
                )
                facilities.evidence_add(
                    actor=owner, answer=answer, upload=SimpleUploadedFile("e.pdf", PDF)
                )
                facilities.action_create(
                    actor=owner, assessment=assessment, title=f"Action {marker}"
                )
            if label == "trafficking.Entity":
                watchlist.entity_name_add(actor=owner, entity=obj, name=f"Alias {marker}")
                watchlist.entity_identifier_add(
                    actor=owner, entity=obj, kind="registration", value=f"REG-{marker}"
                )
            records.setdefault(label, {})[kind] = (obj, marker, participants)
        # the test model
    for kind, release in (("visible", Release.MEMBERS), ("hidden", Release.OWNER)):
        marker = f"zsdossier{kind}x"
        dossier = dossier_create(
            actor=owner, title=marker, release=release, classification=Classification.RESTRICTED
        )
        records.setdefault("markedapp.Dossier", {})[kind] = (dossier, marker, frozenset())
    return records


def _sees(user: Any, obj: Any, participants: frozenset[str]) -> bool:
    all_parties = parties()
    return rule_as_written(
        user_party=user.party,
        user_active=True,
        clearance=user.clearance,
        owner=obj.owner,
        classification=obj.classification,
        release=obj.release,
        listed=list(obj.released_to.all()),
        participants=[all_parties[code] for code in participants],
    )


@pytest.mark.parametrize("who", ["RUS", "KAZ", "IRN", "SEC"])
def test_every_url_with_an_id_answers_by_the_rule(
    sweep_world: dict[str, Any], client: Any, api_client: Any, make_user: Any, who: str
) -> None:
    """Visible id: the page (200 and the record's text where it shows the record); hidden
    id and missing id: the same answer, 404 (405 where GET is refused before any lookup)."""
    user = make_user(
        who,
        clearance=Classification.CONFIDENTIAL,
        roles=["legal_adviser", "customs_officer", "standards_editor", "facility_assessor"]
        if who != "SEC"
        else ["secretariat_officer", "standards_editor"],
    )
    client.force_login(user)
    api = api_client(user)
    checked = 0
    for name, arg in id_urls():
        target = shown_by(name)
        if target is None:
            continue
        (label, child_pk), kind = target
        http = api if _url(name, arg, 1).startswith("/api/") else client
        missing = http.get(_url(name, arg, MISSING))
        assert missing.status_code in (404, 405), (name, missing.status_code)
        for kind_of_record, (obj, marker, participants) in sweep_world[label].items():
            response = http.get(_url(name, arg, child_pk(obj)))
            assert response.status_code < 500, (name, who, marker, response.status_code)
            if _sees(user, obj, participants):
                # An action page may refuse another party with 404 (as the facility edit
                # page does); the owner's party always reaches it.
                if kind == "show" or user.party_id == obj.owner_id:
                    assert response.status_code != 404, (name, who, marker)
                if response.status_code == 302:  # read the messages it leaves
                    http.get(response.url)
                if kind == "show":
                    assert response.status_code == 200, (name, who, marker)
                    assert marker in response.content.decode(), (name, who, marker)
            else:
                assert same_404(response, missing, also=(405,)), (name, who, marker)
                # Writes to a hidden id answer as to a missing one, and change nothing (the
                # record kept by its owner; the one released to members reads the same).
                events = AuditEvent.objects.count()
                for method in WRITES[http is api] if kind_of_record == "hidden" else ():
                    url = _url(name, arg, child_pk(obj))
                    refused = getattr(http, method)(url)
                    gone = getattr(http, method)(_url(name, arg, MISSING))
                    assert refused.status_code >= 400, (method, name, who, marker)
                    assert same_404(refused, gone, also=(400, 403, 405)), (method, name, who)
                assert AuditEvent.objects.count() == events, (name, who, marker)
            checked += 1
    assert checked > 200


@pytest.mark.parametrize("who", ["RUS", "KAZ"])
def test_ids_of_unmarked_records_answer_and_missing_ids_are_404(
    client: Any, api_client: Any, make_user: Any, who: str
) -> None:
    from accord.accounts.services import token_create
    from accord.core.models import Notification
    from accord.core.notifications import notify_users
    from accord.law.models import ParticipationAct
    from accord.trafficking.models.items import MakeModel

    user = make_user(who, roles=["customs_officer", "legal_adviser"])
    other = make_user("ARM")
    notify_users(users=[user], kind="test", message=lambda: "To you", link="/")
    notify_users(users=[other], kind="test", message=lambda: "To another", link="/")
    token, _key = token_create(actor=user, name="mine", verified=False)
    theirs, _key = token_create(actor=other, name="theirs", verified=False)
    mine = Notification.objects.get(recipient=user).pk
    not_mine = Notification.objects.get(recipient=other).pk
    act = ParticipationAct.objects.order_by("pk").first()
    make = MakeModel.objects.order_by("pk").first()
    ids: dict[str, tuple[int | None, int | None]] = {
        "law:act-verify": (act.pk if act else None, None),
        "law-api:act-detail": (act.pk if act else None, None),
        "law-api:act-verify": (act.pk if act else None, None),
        "trafficking:make-edit": (make.pk if make else None, None),
        "trafficking-api:make-detail": (make.pk if make else None, None),
        "core:notification-read": (mine, not_mine),
        "core:notification-open": (mine, not_mine),
        "api:notification-read": (mine, not_mine),
        "accounts:token-revoke": (token.pk, theirs.pk),
        "api:token": (token.pk, theirs.pk),
    }
    assert set(ids) == NOT_MARKED
    client.force_login(user)
    api = api_client(user)
    for name, arg in id_urls():
        if name not in NOT_MARKED:
            continue
        http = api if reverse(name, kwargs={arg: 1}).startswith("/api/") else client
        missing = http.get(reverse(name, kwargs={arg: MISSING}))
        assert missing.status_code in (404, 405), (name, missing.status_code)
        real, someone_elses = ids[name]
        if real is not None:
            assert http.get(reverse(name, kwargs={arg: real})).status_code not in (404, 500)
        if someone_elses is not None:
            response = http.get(reverse(name, kwargs={arg: someone_elses}))
            assert same_404(response, missing, also=(405,)), (name, response.status_code)


@pytest.fixture
def urls(make_user: Any) -> list[tuple[str, str]]:
    """Every URL, an id-taking one with a missing id (the ids above sweep real ones)."""
    args = {"pk": MISSING, "slug": "expertise", "token_id": MISSING, "code": "APMBC"}
    found = []
    for name, pattern in named_patterns():
        kwargs = {k: args[k] for k in pattern.pattern.regex.groupindex}
        found.append((name, reverse(name, kwargs=kwargs)))
    assert len(found) > 15
    return found


@pytest.mark.parametrize("who", ["anonymous", "RUS", "KAZ", "IRN", "SEC-admin"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_no_url_answers_500(urls, client, make_user, who, method):
    if who != "anonymous":
        code, _, role = who.partition("-")
        client.force_login(make_user(code, roles=["administrator"] if role else []))
    for name, url in urls:
        if name == "accounts:sign-out":
            continue  # would end the session mid-sweep
        response = getattr(client, method)(url)
        assert response.status_code < 500, (name, url, response.status_code)
        if who == "anonymous" and name not in OPEN_PAGES:
            if url.startswith("/api/"):
                assert response.status_code in (401, 403), (name, url)
            else:
                assert response.status_code in (302, 405), (name, url)


def test_admin_is_only_for_the_secretariats_administrators(make_user, client):
    client.force_login(make_user("RUS", roles=["administrator"]))
    assert client.get("/admin/").status_code == 302
    client.force_login(make_user("SEC", roles=["administrator"]))
    assert client.get("/admin/").status_code == 200
    for url in (
        "/admin/core/party/",
        "/admin/accounts/user/",
        "/admin/core/auditevent/",
        "/admin/accounts/rolepolicy/",
        "/admin/accounts/apitoken/",
    ):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    ("name", "api", "at_most"),
    [
        ("dossier-list-api", True, 8),
        ("dossier-list", False, 10),
        ("core:audit", False, 10),
        ("api:audit-events", True, 8),
    ],
)
def test_list_queries_do_not_grow_with_rows(
    make_user: Any, client: Any, api_client: Any, name: str, api: bool, at_most: int
) -> None:
    """Each list shows its rows (the dossiers, or their creation events), and twice the rows
    cost the same queries."""
    owner = make_user("RUS")
    made = itertools.count()

    def grow() -> None:
        for _ in range(10):
            dossier_create(actor=owner, title=f"qdossier{next(made):03d}", release=Release.MEMBERS)

    grow()
    http = api_client(owner) if api else client
    if not api:
        client.force_login(owner)

    def rows(response: Any) -> int:
        assert response.status_code == 200
        return len(set(re.findall(r"qdossier\d{3}", response.content.decode())))

    assert assert_flat(lambda: http.get(reverse(name)), grow, rows=rows, at_most=at_most) == (
        10,
        20,
    )
