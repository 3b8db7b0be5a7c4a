from accord.knowledge.models.dissemination import Dissemination
from accord.knowledge.models.experts import Expert
from accord.knowledge.models.guidelines import GuidelineClause, GuidelineEdition
from accord.knowledge.models.item import (
    LESSONS_MANAGER,
    LIFECYCLE_KINDS,
    Area,
    Kind,
    KnowledgeItem,
    RemedialAction,
    SolutionType,
    StageChoice,
    is_lessons_manager,
    item_seen,
)
from accord.knowledge.models.requests import (
    InformationRequest,
    RequestAddressee,
    RequestAnswer,
)

__all__ = [
    "LESSONS_MANAGER",
    "LIFECYCLE_KINDS",
    "Area",
    "Dissemination",
    "Expert",
    "GuidelineClause",
    "GuidelineEdition",
    "InformationRequest",
    "Kind",
    "KnowledgeItem",
    "RemedialAction",
    "RequestAddressee",
    "RequestAnswer",
    "SolutionType",
    "StageChoice",
    "is_lessons_manager",
    "item_seen",
]
