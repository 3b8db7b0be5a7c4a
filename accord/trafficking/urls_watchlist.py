"""Pages of: Watchlist entities and screening."""

from django.urls import path

from accord.trafficking.views import watchlist as views

urlpatterns: list = [
    path("watchlist/", views.entity_list, name="watchlist"),
    path("watchlist/new/", views.entity_new, name="watchlist-entity-new"),
    path("watchlist/import/", views.watchlist_import, name="watchlist-import"),
    path("watchlist/<int:pk>/", views.entity_detail, name="watchlist-entity"),
    path("watchlist/<int:pk>/edit/", views.entity_edit, name="watchlist-entity-edit"),
    path("watchlist/<int:pk>/aliases/", views.entity_alias_add, name="watchlist-alias-add"),
    path(
        "watchlist/<int:pk>/identifiers/",
        views.entity_identifier_add,
        name="watchlist-identifier-add",
    ),
    path("watchlist/<int:pk>/delist/", views.entity_delist, name="watchlist-entity-delist"),
    path(
        "watchlist/aliases/<int:pk>/remove/",
        views.entity_alias_remove,
        name="watchlist-alias-remove",
    ),
    path(
        "watchlist/identifiers/<int:pk>/remove/",
        views.entity_identifier_remove,
        name="watchlist-identifier-remove",
    ),
    path("screening/", views.screen, name="screening"),
    path("screening/bulk/", views.screen_bulk, name="screening-bulk"),
    path("screening/bulk/<int:pk>/", views.screen_bulk_job, name="screening-bulk-job"),
]
