from accord.legislation.models.record import Record

__all__ = ["Record"]
