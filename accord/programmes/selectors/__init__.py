from accord.programmes.selectors.records import record_get, record_list

__all__ = ["record_get", "record_list"]
