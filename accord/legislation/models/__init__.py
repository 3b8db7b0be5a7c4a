from accord.legislation.models.acts import ActVersion, ModelAct, Provision, Stage
from accord.legislation.models.comments import CommentKind, Disposition, DraftComment
from accord.legislation.models.matrix import CellStatus, ConformityCell
from accord.legislation.models.national import (
    ImplementationArea,
    ImplementingMeasure,
    NationalAct,
    NationalActKind,
)
from accord.legislation.models.pit import NationalProvision
from accord.legislation.models.programmes import (
    HarmonisationProgramme,
    ItemStatus,
    ProgrammeItem,
)

__all__ = [
    "ActVersion",
    "CellStatus",
    "CommentKind",
    "ConformityCell",
    "Disposition",
    "DraftComment",
    "HarmonisationProgramme",
    "ImplementationArea",
    "ImplementingMeasure",
    "ItemStatus",
    "ModelAct",
    "NationalAct",
    "NationalActKind",
    "NationalProvision",
    "ProgrammeItem",
    "Provision",
    "Stage",
]
