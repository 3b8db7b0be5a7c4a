from accord.legislation.models.acts import ActVersion, ModelAct, Provision, Stage
from accord.legislation.models.comments import CommentKind, Disposition, DraftComment
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
    "CommentKind",
    "ConformityCell",
    "Disposition",
    "DraftComment",
    "ImplementationArea",
    "ImplementingMeasure",
    "ModelAct",
    "NationalAct",
    "NationalActKind",
    "Provision",
    "Stage",
]
