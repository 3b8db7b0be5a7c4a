from accord.legislation.models.acts import ActVersion, ModelAct, Provision, Stage
from accord.legislation.models.matrix import CellStatus, ConformityCell
from accord.legislation.models.national import (
    ImplementationArea,
    ImplementingMeasure,
    NationalAct,
    NationalActKind,
)

__all__ = [
    "ActVersion",
    "CellStatus",
    "ConformityCell",
    "ImplementationArea",
    "ImplementingMeasure",
    "ModelAct",
    "NationalAct",
    "NationalActKind",
    "Provision",
    "Stage",
]
