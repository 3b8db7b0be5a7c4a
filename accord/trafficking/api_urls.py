"""API routes of the trafficking module, under /api/v1/trafficking/, one section per part
(items, watchlist, incidents, tracing, operations). URL keywords are `pk` and `code` only
(the URL sweep)."""

from django.urls import path

from accord.trafficking.api import dashboard, items, operations, tracing
from accord.trafficking.api import incidents as incident_api
from accord.trafficking.api import watchlist as watchlist_api

app_name = "trafficking-api"

urlpatterns: list = [
    # --- Item registers, makes and models, imports, matching.
    path("items/", items.ItemListApi.as_view(), name="item-list"),
    path("items/match/", items.ItemMatchApi.as_view(), name="item-match"),
    path("items/import/", items.ItemImportApi.as_view(), name="item-import"),
    path("items/export/", items.ItemExportApi.as_view(), name="item-export"),
    path("items/<int:pk>/", items.ItemDetailApi.as_view(), name="item-detail"),
    path("items/<int:pk>/status/", items.ItemStatusApi.as_view(), name="item-status"),
    path("makes/", items.MakeModelListApi.as_view(), name="make-list"),
    path("makes/<int:pk>/", items.MakeModelDetailApi.as_view(), name="make-detail"),
    # --- Watchlist entities and screening.
    path("entities/", watchlist_api.EntityListApi.as_view(), name="watchlist-entity-list"),
    path(
        "entities/import/",
        watchlist_api.WatchlistImportApi.as_view(),
        name="watchlist-entity-import",
    ),
    path(
        "entities/<int:pk>/",
        watchlist_api.EntityDetailApi.as_view(),
        name="watchlist-entity-detail",
    ),
    path(
        "entities/<int:pk>/delist/",
        watchlist_api.EntityDelistApi.as_view(),
        name="watchlist-entity-delist",
    ),
    path(
        "entities/<int:pk>/names/",
        watchlist_api.EntityNameAddApi.as_view(),
        name="watchlist-name-add",
    ),
    path(
        "entities/<int:pk>/identifiers/",
        watchlist_api.EntityIdentifierAddApi.as_view(),
        name="watchlist-identifier-add",
    ),
    path(
        "entity-names/<int:pk>/",
        watchlist_api.EntityNameDeleteApi.as_view(),
        name="watchlist-name-delete",
    ),
    path(
        "entity-identifiers/<int:pk>/",
        watchlist_api.EntityIdentifierDeleteApi.as_view(),
        name="watchlist-identifier-delete",
    ),
    path("screening/", watchlist_api.ScreenApi.as_view(), name="watchlist-screen"),
    path("screening/bulk/", watchlist_api.BulkScreenApi.as_view(), name="watchlist-screen-bulk"),
    # --- Incidents, their items and entities, correlation, MISP.
    path("incidents/", incident_api.IncidentListApi.as_view(), name="incidents"),
    path("incidents/misp/", incident_api.IncidentsMispApi.as_view(), name="incidents-misp"),
    path(
        "incidents/misp/import/",
        incident_api.IncidentsMispImportApi.as_view(),
        name="incidents-misp-import",
    ),
    path("incidents/<int:pk>/", incident_api.IncidentDetailApi.as_view(), name="incident"),
    path(
        "incidents/<int:pk>/status/",
        incident_api.IncidentStatusApi.as_view(),
        name="incident-status",
    ),
    path(
        "incidents/<int:pk>/items/",
        incident_api.IncidentItemAddApi.as_view(),
        name="incident-items",
    ),
    path(
        "incidents/<int:pk>/entities/",
        incident_api.IncidentEntityAddApi.as_view(),
        name="incident-entities",
    ),
    path(
        "incidents/<int:pk>/links/", incident_api.IncidentLinksApi.as_view(), name="incident-links"
    ),
    path("incidents/<int:pk>/misp/", incident_api.IncidentMispApi.as_view(), name="incident-misp"),
    path("incident-items/<int:pk>/", incident_api.IncidentItemApi.as_view(), name="incident-item"),
    path(
        "incident-entities/<int:pk>/",
        incident_api.IncidentEntityApi.as_view(),
        name="incident-entity",
    ),
    path("correlation/", incident_api.CorrelationApi.as_view(), name="correlation"),
    # --- Tracing requests between parties.
    path("tracing/", tracing.TracingListApi.as_view(), name="tracing-list"),
    path("tracing/stats/", tracing.TracingStatsApi.as_view(), name="tracing-stats"),
    path("tracing/export.csv", tracing.TracingExportApi.as_view(), name="tracing-export"),
    path("tracing/<int:pk>/", tracing.TracingDetailApi.as_view(), name="tracing-detail"),
    path(
        "tracing/<int:pk>/acknowledge/",
        tracing.TracingAcknowledgeApi.as_view(),
        name="tracing-acknowledge",
    ),
    path("tracing/<int:pk>/answer/", tracing.TracingAnswerApi.as_view(), name="tracing-answer"),
    path("tracing/<int:pk>/close/", tracing.TracingCloseApi.as_view(), name="tracing-close"),
    path(
        "tracing/<int:pk>/withdraw/", tracing.TracingWithdrawApi.as_view(), name="tracing-withdraw"
    ),
    # --- Joint operations, the dashboard, exports.
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
