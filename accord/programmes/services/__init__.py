from accord.programmes.services.finance import (
    assessment_issue,
    budget_set,
    contribution_record,
    key_decide,
    key_propose,
    planned_disbursement_add,
    rate_set,
    rates_import,
    transaction_record,
)
from accord.programmes.services.programmes import (
    PROGRAMME_FIELDS,
    participant_add,
    programme_advance,
    programme_create,
    programme_update,
    stage_record_supersede,
)
from accord.programmes.services.schedule import (
    baseline_take,
    evm_record,
    work_package_add,
    work_package_reschedule,
)
from accord.programmes.services.support import (
    REQUEST_FIELDS,
    offer_accept,
    offer_deliver,
    offer_make,
    support_request_create,
)

__all__ = [
    "PROGRAMME_FIELDS",
    "REQUEST_FIELDS",
    "assessment_issue",
    "baseline_take",
    "budget_set",
    "contribution_record",
    "evm_record",
    "key_decide",
    "key_propose",
    "offer_accept",
    "offer_deliver",
    "offer_make",
    "participant_add",
    "planned_disbursement_add",
    "programme_advance",
    "programme_create",
    "programme_update",
    "rate_set",
    "rates_import",
    "stage_record_supersede",
    "support_request_create",
    "transaction_record",
    "work_package_add",
    "work_package_reschedule",
]
