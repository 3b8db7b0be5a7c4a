"""API routes of: Joint operations, the dashboard, exports."""

from django.urls import path

from accord.trafficking.api import dashboard, operations

urlpatterns: list = [
    path("operations/", operations.OperationListApi.as_view(), name="operation-list"),
    path("operations/<int:pk>/", operations.OperationDetailApi.as_view(), name="operation-detail"),
    path(
        "operations/<int:pk>/status/",
        operations.OperationStatusApi.as_view(),
        name="operation-status",
    ),
    path(
        "operations/<int:pk>/summary/",
        operations.OperationSummaryApi.as_view(),
        name="operation-summary",
    ),
    path(
        "operations/<int:pk>/participants/",
        operations.OperationParticipantsApi.as_view(),
        name="operation-participants",
    ),
    path(
        "operations/<int:pk>/incidents/",
        operations.OperationIncidentsApi.as_view(),
        name="operation-incidents",
    ),
    path(
        "operations/<int:pk>/linkable-incidents/",
        operations.OperationLinkableIncidentsApi.as_view(),
        name="operation-linkable-incidents",
    ),
    path(
        "operations/<int:pk>/figures/",
        operations.OperationFiguresApi.as_view(),
        name="operation-figures",
    ),
    path("dashboard/", dashboard.DashboardApi.as_view(), name="dashboard"),
    path("export/", dashboard.ExportListApi.as_view(), name="export-list"),
    path("export/<slug:code>/csv/", dashboard.ExportCsvApi.as_view(), name="export-csv"),
    path("export/<slug:code>/xlsx/", dashboard.ExportXlsxApi.as_view(), name="export-xlsx"),
]
