from accord.knowledge.selectors.records import record_get, record_list

__all__ = ["record_get", "record_list"]
