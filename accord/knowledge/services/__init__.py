from accord.knowledge.services.actions import action_add, action_close, actions_remind
from accord.knowledge.services.dissemination import item_disseminate
from accord.knowledge.services.experts import (
    expert_nominate,
    expert_set_availability,
    expert_validate,
)
from accord.knowledge.services.guidelines import guideline_publish, item_link_clause
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
from accord.knowledge.services.requests import (
    answer_add,
    request_close,
    request_send,
    request_to_item,
)

__all__ = [
    "ITEM_FIELDS",
    "action_add",
    "action_close",
    "actions_remind",
    "answer_add",
    "expert_nominate",
    "expert_set_availability",
    "expert_validate",
    "guideline_publish",
    "item_create",
    "item_disseminate",
    "item_identify",
    "item_learn",
    "item_link_clause",
    "item_reject",
    "item_update",
    "item_validate",
    "item_verify",
    "request_close",
    "request_send",
    "request_to_item",
]
