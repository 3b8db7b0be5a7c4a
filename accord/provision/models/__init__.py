from accord.provision.models.record import Record

__all__ = ["Record"]
