from accord.programmes.models.record import Record

__all__ = ["Record"]
