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

__all__ = [
    "LESSONS_MANAGER",
    "LIFECYCLE_KINDS",
    "Area",
    "Kind",
    "KnowledgeItem",
    "RemedialAction",
    "SolutionType",
    "StageChoice",
    "is_lessons_manager",
    "item_seen",
]
