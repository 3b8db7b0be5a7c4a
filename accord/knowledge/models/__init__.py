from accord.knowledge.models.record import Record

__all__ = ["Record"]
