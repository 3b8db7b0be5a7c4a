"""Pages of the trafficking module, one section per part (items, watchlist, incidents,
tracing, operations). The order of the sections is the order the routes are matched in."""

from django.urls import path

from accord.trafficking.views import dashboard, items, operations, tracing
from accord.trafficking.views import incidents as incident_views
from accord.trafficking.views import watchlist as watchlist_views

app_name = "trafficking"

urlpatterns: list = [
    # --- Item registers, makes and models, imports, matching.
    path("items/", items.item_list, name="items"),
    path("items/new/", items.item_new, name="item-new"),
    path("items/import/", items.item_import, name="item-import"),
    path("items/export/", items.item_export, name="item-export"),
    path("items/match/", items.item_match, name="item-match"),
    path("items/<int:pk>/", items.item_detail, name="item"),
    path("items/<int:pk>/edit/", items.item_edit, name="item-edit"),
    path("makes/", items.make_list, name="makes"),
    path("makes/<int:pk>/edit/", items.make_edit, name="make-edit"),
    # --- Watchlist entities and screening.
    path("watchlist/", watchlist_views.entity_list, name="watchlist"),
    path("watchlist/new/", watchlist_views.entity_new, name="watchlist-entity-new"),
    path("watchlist/import/", watchlist_views.watchlist_import, name="watchlist-import"),
    path("watchlist/<int:pk>/", watchlist_views.entity_detail, name="watchlist-entity"),
    path("watchlist/<int:pk>/edit/", watchlist_views.entity_edit, name="watchlist-entity-edit"),
    path(
        "watchlist/<int:pk>/aliases/", watchlist_views.entity_alias_add, name="watchlist-alias-add"
    ),
    path(
        "watchlist/<int:pk>/identifiers/",
        watchlist_views.entity_identifier_add,
        name="watchlist-identifier-add",
    ),
    path(
        "watchlist/<int:pk>/delist/", watchlist_views.entity_delist, name="watchlist-entity-delist"
    ),
    path(
        "watchlist/aliases/<int:pk>/remove/",
        watchlist_views.entity_alias_remove,
        name="watchlist-alias-remove",
    ),
    path(
        "watchlist/identifiers/<int:pk>/remove/",
        watchlist_views.entity_identifier_remove,
        name="watchlist-identifier-remove",
    ),
    path("screening/", watchlist_views.screen, name="screening"),
    path("screening/bulk/", watchlist_views.screen_bulk, name="screening-bulk"),
    path("screening/bulk/<int:pk>/", watchlist_views.screen_bulk_job, name="screening-bulk-job"),
    # --- Incidents, their items and entities, correlation, MISP.
    path("incidents/", incident_views.incident_list, name="incidents"),
    path("incidents/new/", incident_views.incident_new, name="incident-new"),
    path("incidents/misp/", incident_views.incidents_misp, name="incidents-misp"),
    path(
        "incidents/misp/import/", incident_views.incidents_misp_import, name="incidents-misp-import"
    ),
    path("incidents/<int:pk>/", incident_views.incident_detail, name="incident"),
    path("incidents/<int:pk>/edit/", incident_views.incident_edit, name="incident-edit"),
    path("incidents/<int:pk>/status/", incident_views.incident_status, name="incident-status"),
    path(
        "incidents/<int:pk>/items/add/", incident_views.incident_item_add, name="incident-item-add"
    ),
    path(
        "incidents/<int:pk>/entities/add/",
        incident_views.incident_entity_add,
        name="incident-entity-add",
    ),
    path("incidents/<int:pk>/misp/", incident_views.incident_misp, name="incident-misp"),
    path(
        "incidents/<int:pk>/screening/",
        incident_views.incident_screening,
        name="incident-screening",
    ),
    path(
        "incident-items/<int:pk>/remove/",
        incident_views.incident_item_remove,
        name="incident-item-remove",
    ),
    path(
        "incident-entities/<int:pk>/remove/",
        incident_views.incident_entity_remove,
        name="incident-entity-remove",
    ),
    path("correlation/", incident_views.correlation_page, name="correlation"),
    # --- Tracing requests between parties.
    path("tracing/", tracing.tracing_list, name="tracing"),
    path("tracing/new/", tracing.tracing_new, name="tracing-new"),
    path("tracing/stats/", tracing.tracing_stats, name="tracing-stats"),
    path("tracing/export.csv", tracing.tracing_export, name="tracing-export"),
    path("tracing/<int:pk>/", tracing.tracing_detail, name="tracing-request"),
    path("tracing/<int:pk>/acknowledge/", tracing.tracing_acknowledge, name="tracing-acknowledge"),
    path("tracing/<int:pk>/answer/", tracing.tracing_answer, name="tracing-answer"),
    path("tracing/<int:pk>/close/", tracing.tracing_close, name="tracing-close"),
    path("tracing/<int:pk>/withdraw/", tracing.tracing_withdraw, name="tracing-withdraw"),
    # --- Joint operations, the dashboard, exports.
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
