from accord.knowledge.services.actions import action_add, action_close, actions_remind
from accord.knowledge.services.items import (
    ITEM_FIELDS,
    item_create,
    item_identify,
    item_learn,
    item_reject,
    item_update,
    item_validate,
    item_verify,
)

__all__ = [
    "ITEM_FIELDS",
    "action_add",
    "action_close",
    "actions_remind",
    "item_create",
    "item_identify",
    "item_learn",
    "item_reject",
    "item_update",
    "item_validate",
    "item_verify",
]
