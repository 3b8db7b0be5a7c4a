"""Pages of: Joint operations, the dashboard, exports."""

from django.urls import path

from accord.trafficking.views import dashboard, operations

urlpatterns: list = [
    path("", dashboard.index, name="index"),
    path("dashboard/", dashboard.dashboard_page, name="dashboard"),
    path("export/", dashboard.export_page, name="export"),
    path("export/<slug:code>/csv/", dashboard.export_csv, name="export-csv"),
    path("export/<slug:code>/xlsx/", dashboard.export_xlsx, name="export-xlsx"),
    path("operations/", operations.operation_list, name="operations"),
    path("operations/new/", operations.operation_new, name="operation-new"),
    path("operations/<int:pk>/", operations.operation_detail, name="operation"),
    path("operations/<int:pk>/edit/", operations.operation_edit, name="operation-edit"),
    path("operations/<int:pk>/status/", operations.operation_status, name="operation-status"),
    path("operations/<int:pk>/summary/", operations.operation_summary, name="operation-summary"),
    path(
        "operations/<int:pk>/participants/add/",
        operations.participant_add,
        name="operation-participant-add",
    ),
    path(
        "operations/<int:pk>/participants/remove/",
        operations.participant_remove,
        name="operation-participant-remove",
    ),
    path(
        "operations/<int:pk>/incidents/link/",
        operations.incident_link,
        name="operation-incident-link",
    ),
    path(
        "operations/<int:pk>/incidents/unlink/",
        operations.incident_unlink,
        name="operation-incident-unlink",
    ),
]
