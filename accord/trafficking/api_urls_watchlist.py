"""API routes of: Watchlist entities and screening."""

from django.urls import path

from accord.trafficking.api import watchlist as api

urlpatterns: list = [
    path("entities/", api.EntityListApi.as_view(), name="watchlist-entity-list"),
    path("entities/import/", api.WatchlistImportApi.as_view(), name="watchlist-entity-import"),
    path("entities/<int:pk>/", api.EntityDetailApi.as_view(), name="watchlist-entity-detail"),
    path(
        "entities/<int:pk>/delist/", api.EntityDelistApi.as_view(), name="watchlist-entity-delist"
    ),
    path("entities/<int:pk>/names/", api.EntityNameAddApi.as_view(), name="watchlist-name-add"),
    path(
        "entities/<int:pk>/identifiers/",
        api.EntityIdentifierAddApi.as_view(),
        name="watchlist-identifier-add",
    ),
    path("entity-names/<int:pk>/", api.EntityNameDeleteApi.as_view(), name="watchlist-name-delete"),
    path(
        "entity-identifiers/<int:pk>/",
        api.EntityIdentifierDeleteApi.as_view(),
        name="watchlist-identifier-delete",
    ),
    path("screening/", api.ScreenApi.as_view(), name="watchlist-screen"),
    path("screening/bulk/", api.BulkScreenApi.as_view(), name="watchlist-screen-bulk"),
]
