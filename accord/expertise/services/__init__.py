"""Every write of the register and the joint review: keyword-only `actor`, permission
check, validation, one transaction, an audit event. Callers use `services.<name>`."""

from accord.core.files import EVIDENCE_TYPES, MAX_EVIDENCE_BYTES
from accord.expertise.services.deliberation import (
    conclusion_sign,
    finding_record,
    missing_findings,
    request_answer,
    request_ask,
    request_withdraw,
    rules_needing_findings,
)
from accord.expertise.services.register import (
    SYSTEM_FIELDS,
    VERSION_FIELDS,
    contingent_assign,
    evidence_add_file,
    evidence_add_reference,
    system_register,
    system_update,
    version_create,
    version_update,
)
from accord.expertise.services.rereview import (
    mark_expired,
    note_add,
    rereview_mark,
    rereview_on_participation_change,
)
from accord.expertise.services.review import (
    participant_invite,
    participant_name_reviewers,
    review_deliberate,
    review_open,
    review_start,
    review_submit,
    review_withdraw,
)

__all__ = [
    "EVIDENCE_TYPES",
    "MAX_EVIDENCE_BYTES",
    "SYSTEM_FIELDS",
    "VERSION_FIELDS",
    "conclusion_sign",
    "contingent_assign",
    "evidence_add_file",
    "evidence_add_reference",
    "finding_record",
    "mark_expired",
    "missing_findings",
    "note_add",
    "participant_invite",
    "participant_name_reviewers",
    "request_answer",
    "request_ask",
    "request_withdraw",
    "rereview_mark",
    "rereview_on_participation_change",
    "review_deliberate",
    "review_open",
    "review_start",
    "review_submit",
    "review_withdraw",
    "rules_needing_findings",
    "system_register",
    "system_update",
    "version_create",
    "version_update",
]
