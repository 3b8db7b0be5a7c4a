from accord.programmes.views.money import (
    assessment_new,
    budget_new,
    contribution_new,
    key_decide,
    key_new,
    what_if,
)
from accord.programmes.views.programmes import (
    index,
    programme_advance,
    programme_detail,
    programme_edit,
    programme_export,
    programme_iati,
    programme_new,
    programme_participant,
)
from accord.programmes.views.support import (
    support_accept,
    support_deliver,
    support_detail,
    support_list,
    support_new,
    support_offer,
)

__all__ = [
    "assessment_new",
    "budget_new",
    "contribution_new",
    "index",
    "key_decide",
    "key_new",
    "programme_advance",
    "programme_detail",
    "programme_edit",
    "programme_export",
    "programme_iati",
    "programme_new",
    "programme_participant",
    "support_accept",
    "support_deliver",
    "support_detail",
    "support_list",
    "support_new",
    "support_offer",
    "what_if",
]
