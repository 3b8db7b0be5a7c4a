from accord.provision.services.records import RECORD_FIELDS, record_create, record_update

__all__ = ["RECORD_FIELDS", "record_create", "record_update"]
