"""API routes of: standards, versions, clauses, comparisons, OSCAL catalogs."""

from django.urls import path

from accord.standards.api import drafting as api

urlpatterns: list = [
    path("standards/", api.StandardListApi.as_view(), name="standard-list"),
    path("standards/import-oscal/", api.OscalImportApi.as_view(), name="standard-import-oscal"),
    path("standards/<int:pk>/", api.StandardDetailApi.as_view(), name="standard-detail"),
    path(
        "standards/<int:pk>/versions/",
        api.StandardVersionsApi.as_view(),
        name="standard-versions",
    ),
    path(
        "standards/<int:pk>/import-oscal/",
        api.StandardOscalImportApi.as_view(),
        name="standard-version-import-oscal",
    ),
    path("versions/<int:pk>/", api.VersionDetailApi.as_view(), name="version-detail"),
    path("versions/<int:pk>/stage/", api.VersionStageApi.as_view(), name="version-stage"),
    path("versions/<int:pk>/clauses/", api.VersionClausesApi.as_view(), name="version-clauses"),
    path("versions/<int:pk>/compare/", api.VersionCompareApi.as_view(), name="version-compare"),
    path("versions/<int:pk>/oscal/", api.VersionOscalApi.as_view(), name="version-oscal"),
    path("clauses/<int:pk>/", api.ClauseDetailApi.as_view(), name="clause-detail"),
    path("clauses/<int:pk>/move/", api.ClauseMoveApi.as_view(), name="clause-move"),
    path(
        "clauses/<int:pk>/parameters/",
        api.ClauseParametersApi.as_view(),
        name="clause-parameters",
    ),
]
