from accord.legislation.views.acts import (
    act_compare,
    act_detail,
    act_edit,
    act_new,
    act_provision,
    act_step,
    act_version_new,
    index,
)
from accord.legislation.views.matrix import (
    act_cell,
    act_matrix,
    act_matrix_import,
    act_matrix_xlsx,
    cell_detail,
)
from accord.legislation.views.national import (
    act_akn,
    national_akn,
    national_detail,
    national_edit,
    national_import,
    national_list,
    national_new,
)

__all__ = [
    "act_akn",
    "act_cell",
    "act_compare",
    "act_detail",
    "act_edit",
    "act_matrix",
    "act_matrix_import",
    "act_matrix_xlsx",
    "act_new",
    "act_provision",
    "act_step",
    "act_version_new",
    "cell_detail",
    "index",
    "national_akn",
    "national_detail",
    "national_edit",
    "national_import",
    "national_list",
    "national_new",
]
