from accord.legislation.services.acts import (
    ACT_FIELDS,
    act_create,
    act_transition,
    act_update,
    current_version,
    provision_save,
    version_create,
)
from accord.legislation.services.comments import COMMENT_FIELDS, comment_add, comment_decide
from accord.legislation.services.matrix import CELL_FIELDS, cell_save, matrix_import
from accord.legislation.services.national import (
    NATIONAL_FIELDS,
    measure_add,
    national_create,
    national_import_akn,
    national_update,
)
from accord.legislation.services.pit import national_provision_save
from accord.legislation.services.programmes import (
    ITEM_FIELDS,
    PROGRAMME_FIELDS,
    item_link,
    item_save,
    programme_create,
)

__all__ = [
    "ACT_FIELDS",
    "CELL_FIELDS",
    "COMMENT_FIELDS",
    "ITEM_FIELDS",
    "NATIONAL_FIELDS",
    "PROGRAMME_FIELDS",
    "act_create",
    "act_transition",
    "act_update",
    "cell_save",
    "comment_add",
    "comment_decide",
    "current_version",
    "item_link",
    "item_save",
    "matrix_import",
    "measure_add",
    "national_create",
    "national_import_akn",
    "national_provision_save",
    "national_update",
    "programme_create",
    "provision_save",
    "version_create",
]
