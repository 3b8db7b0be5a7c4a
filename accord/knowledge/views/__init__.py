from accord.knowledge.views.items import (
    action_add,
    action_close,
    index,
    item_detail,
    item_edit,
    item_identify,
    item_learn,
    item_new,
    item_reject,
    item_validate,
    item_verify,
    overdue,
)

__all__ = [
    "action_add",
    "action_close",
    "index",
    "item_detail",
    "item_edit",
    "item_identify",
    "item_learn",
    "item_new",
    "item_reject",
    "item_validate",
    "item_verify",
    "overdue",
]
