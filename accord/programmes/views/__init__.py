from accord.programmes.views.records import record_detail, record_edit, record_list, record_new

__all__ = ["record_detail", "record_edit", "record_list", "record_new"]
