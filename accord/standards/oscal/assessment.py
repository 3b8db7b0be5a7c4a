"""A facility assessment as OSCAL assessment results, and back.

Mapping (Accord's own names carry the namespace `NS`, shared with the catalog export):

- `assessment-results.uuid`: a UUID 5 of the assessment's id (stable across exports);
  `metadata` with the facility's owner party as an organisation party, and props for the
  standard code, the version number, the facility and its protection class; `import-ap`
  points to the catalog of the standard version (`#c-…` controls are the catalog's ids);
- one `result` per assessment: start/end, props for the state, the score and the
  average maturity; `reviewed-controls` lists every requirement of the version
  (control id `c-<uid>`, as in the catalog export);
- each answer is an `observation` (description: the notes, or the status when there are
  none; props: status, maturity, justification, carried over; evidence files as
  `relevant-evidence` with their SHA-256) and a `finding` whose target is the
  requirement's control (`statement-id` `c-<uid>_smt`), its state satisfied when
  implemented or not applicable, not-satisfied otherwise, and the OSCAL implementation
  status (implemented, partial, planned, not-applicable).

Timestamps are whole seconds: the 1.1.x schema's date-time pattern does not accept a
decimal fraction.

The schema (`schema/oscal_assessment-results_schema.json`) is NIST's OSCAL 1.1.3
assessment-results JSON schema (public domain, as vendored by compliance-trestle in
`release-schemas/`) with its annotations — `title`, `description`, `$comment` — left out
to keep it small; every validating keyword, definition and pattern is as published (the
1.2.0 release of this model was not available here).

`assessment_import` reads such a document back into a new in-progress assessment of a
facility the actor assesses (same standard version, matched by code and number; answers
matched by requirement uid), in one transaction: a finding that does not fit rejects the
whole file, naming the finding's position.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accord.core.audit import record_event
from accord.core.errors import ValidationFailed
from accord.standards.models import Assessment, AssessmentAnswer, Facility, StandardVersion
from accord.standards.oscal.validation import errors as schema_errors
from accord.standards.services import facilities as services

__all__ = ["NS", "OSCAL_VERSION", "SCHEMA", "assessment_import", "export_assessment", "validate"]

NS = "https://accord.example.org/ns/oscal"
OSCAL_VERSION = "1.1.3"
SCHEMA = "oscal_assessment-results_schema.json"
_NAMESPACE = uuid.UUID("0d7d0b2e-3c55-4f0e-8a0b-7c1f5a2e9b41")

_STATE = {
    "implemented": ("satisfied", "implemented"),
    "partly": ("not-satisfied", "partial"),
    "not_implemented": ("not-satisfied", "planned"),
    "not_applicable": ("satisfied", "not-applicable"),
}


def validate(document: Any) -> list[str]:
    """Schema errors of an OSCAL assessment-results document (empty when valid)."""
    return schema_errors(document, SCHEMA)


def _uuid(*parts: Any) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join(str(p) for p in parts)))


def _time(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _prop(name: str, value: Any) -> dict[str, str]:
    return {"name": name, "ns": NS, "value": str(value).strip() or "-"}


def _text(value: str, fallback: str) -> str:
    return value.strip() or fallback


def export_assessment(assessment: Assessment) -> dict[str, Any]:
    """The assessment as an OSCAL assessment-results document. The caller has resolved it
    through the selectors (the reader may see the facility)."""
    facility = assessment.facility
    version = assessment.standard_version
    standard = version.standard
    requirements = list(services.requirements_of(version))
    answers = {
        a.clause_id: a
        for a in AssessmentAnswer.objects.filter(assessment=assessment).prefetch_related("evidence")
    }
    summary = services.assessment_summary(assessment)
    party_uuid = _uuid("party", facility.owner.code)
    observations, findings = [], []
    for clause in requirements:
        answer = answers.get(clause.pk)
        if answer is None:
            continue
        control = f"c-{clause.uid}"
        observation_uuid = _uuid(assessment.pk, "observation", clause.uid)
        props = [
            _prop("requirement-uid", clause.uid),
            _prop("requirement-number", clause.number),
            _prop("normative-level", clause.normative_level),
            _prop("implementation-status", answer.status),
            _prop("maturity", answer.maturity),
        ]
        if answer.carried_over_from_id:
            props.append(_prop("carried-over", "true"))
        if not answer.notes.strip():
            props.append(_prop("notes", "none"))  # the description is then only the status
        observation: dict[str, Any] = {
            "uuid": observation_uuid,
            "title": f"{clause.number} {clause.title_en or clause.title}".strip(),
            "description": _text(answer.notes, answer.get_status_display()),
            "props": props,
            "methods": ["EXAMINE"],
            "collected": _time(answer.updated_at),
        }
        if answer.justification.strip():
            observation["remarks"] = answer.justification.strip()
        evidence = [
            {
                "href": f"#evidence-{item.sha256}",
                "description": item.title or item.file_name,
                "props": [
                    _prop("file-name", item.file_name),
                    _prop("sha256", item.sha256),
                    _prop("size", item.size),
                ],
            }
            for item in answer.evidence.all()
        ]
        if evidence:
            observation["relevant-evidence"] = evidence
        observations.append(observation)
        state, implementation = _STATE[answer.status]
        findings.append(
            {
                "uuid": _uuid(assessment.pk, "finding", clause.uid),
                "title": f"{clause.number} {clause.title_en or clause.title}".strip(),
                "description": answer.get_status_display(),
                "props": [_prop("requirement-uid", clause.uid)],
                "target": {
                    "type": "statement-id",
                    "target-id": f"{control}_smt",
                    "status": {"state": state},
                    "implementation-status": {"state": implementation},
                },
                "related-observations": [{"observation-uuid": observation_uuid}],
            }
        )
    result_props = [
        _prop("assessment-state", assessment.state),
        _prop("protection-class", assessment.protection_class),
    ]
    if assessment.score is not None or summary.score is not None:
        result_props.append(_prop("score", assessment.score or summary.score))
    if summary.average_maturity is not None:
        result_props.append(_prop("average-maturity", summary.average_maturity))
    result: dict[str, Any] = {
        "uuid": _uuid(assessment.pk, "result"),
        "title": f"{facility.name} — {standard.code} v{version.number}",
        "description": f"Assessment of {facility.name} against {standard.code} "
        f"v{version.number} at protection class {assessment.protection_class}.",
        "start": _time(assessment.started_at),
        "props": result_props,
        "reviewed-controls": {
            "control-selections": [
                {"include-controls": [{"control-id": f"c-{c.uid}"} for c in requirements]}
                if requirements
                else {"include-all": {}}
            ]
        },
    }
    if assessment.completed_at:
        result["end"] = _time(assessment.completed_at)
    if observations:
        result["observations"] = observations
    if findings:
        result["findings"] = findings
    return {
        "assessment-results": {
            "uuid": _uuid(assessment.pk),
            "metadata": {
                "title": f"Assessment results: {facility.name}",
                "last-modified": _time(assessment.completed_at or assessment.started_at),
                "version": str(assessment.version),
                "oscal-version": OSCAL_VERSION,
                "props": [
                    _prop("standard-code", standard.code),
                    _prop("standard-version", version.number),
                    _prop("facility", facility.name),
                    _prop("sector", facility.sector),
                    _prop("protection-class", assessment.protection_class),
                ],
                "parties": [
                    {
                        "uuid": party_uuid,
                        "type": "organization",
                        "name": facility.owner.name_en,
                        "short-name": facility.owner.code,
                    }
                ],
            },
            "import-ap": {"href": f"#catalog-{_uuid(standard.code, version.number)}"},
            "results": [result],
        }
    }


def _props(item: dict[str, Any]) -> dict[str, str]:
    return {
        p.get("name", ""): p.get("value", "")
        for p in item.get("props", []) or []
        if isinstance(p, dict) and p.get("ns") == NS
    }


@transaction.atomic
def assessment_import(*, actor: Any, facility: Facility, document: Any) -> Assessment:
    """Read an OSCAL assessment-results document into a new in-progress assessment of
    `facility` (one transaction: any bad finding rejects the whole file)."""
    problems = validate(document) if isinstance(document, dict) else ["(document): not JSON"]
    if problems:
        raise ValidationFailed.single(
            "file",
            _("The file is not valid OSCAL assessment results: %(error)s") % {"error": problems[0]},
        )
    body = document["assessment-results"]
    meta = _props(body["metadata"])
    try:
        number = int(meta.get("standard-version", ""))
    except ValueError:
        number = 0
    version = (
        StandardVersion.objects.visible_to(actor)
        .filter(standard__code=meta.get("standard-code", ""), number=number)
        .first()
    )
    if version is None:
        raise ValidationFailed.single(
            "file", _("The standard version the results refer to is not known here.")
        )
    assessment = services.assessment_start(actor=actor, facility=facility, standard_version=version)
    if assessment.answers.exists():  # a reassessment: the file's answers replace carried ones
        assessment.answers.all().delete()
    clauses = {c.uid: c for c in services.requirements_of(version)}
    for result in body["results"][:1]:
        observations = {o["uuid"]: o for o in result.get("observations", [])}
        for index, finding in enumerate(result.get("findings", []), start=1):
            related = finding.get("related-observations") or [{}]
            observation = observations.get(related[0].get("observation-uuid", ""), {})
            values = _props(observation)
            clause = clauses.get(values.get("requirement-uid", ""))
            try:
                if clause is None:
                    raise ValidationFailed.single(
                        "clause", _("The requirement is not part of this standard version.")
                    )
                status = values.get("implementation-status", "")
                notes = "" if values.get("notes") == "none" else observation.get("description", "")
                services.answer_save(
                    actor=actor,
                    assessment=assessment,
                    clause=clause,
                    status=status,
                    maturity=int(values.get("maturity", "0") or 0),
                    justification=observation.get("remarks", ""),
                    notes=notes,
                )
            except (ValidationFailed, ValueError) as exc:
                detail = (
                    "; ".join(str(m) for ms in exc.errors.values() for m in ms)
                    if isinstance(exc, ValidationFailed)
                    else str(_("maturity is not a number"))
                )
                raise ValidationFailed.single(
                    "file",
                    _("Finding %(index)s: %(error)s") % {"index": index, "error": detail},
                ) from exc
    record_event(
        actor=actor,
        action="standards.assessment.import",
        obj=facility,
        object_repr=str(assessment),
        after={"assessment": assessment.pk, "answers": assessment.answers.count()},
    )
    return assessment
