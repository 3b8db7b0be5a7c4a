"""API routes of the law base, under /api/v1/law/ (see accord.law.api)."""

from django.urls import path

from accord.law import api

app_name = "law-api"

urlpatterns = [
    path("instruments/", api.InstrumentListApi.as_view(), name="instrument-list"),
    path("instruments/<str:code>/", api.InstrumentDetailApi.as_view(), name="instrument-detail"),
    path(
        "instruments/<str:code>/participation/",
        api.InstrumentParticipationApi.as_view(),
        name="instrument-participation",
    ),
    path("acts/", api.ActListApi.as_view(), name="act-list"),
    path("acts/<int:pk>/", api.ActDetailApi.as_view(), name="act-detail"),
    path("acts/<int:pk>/verify/", api.ActVerifyApi.as_view(), name="act-verify"),
    path("matrix/", api.MatrixApi.as_view(), name="matrix"),
    path(
        "parties/<str:code>/obligations/",
        api.PartyObligationsApi.as_view(),
        name="party-obligations",
    ),
    path("rules/", api.RuleListApi.as_view(), name="rule-list"),
    path("rules/<str:code>/", api.RuleDetailApi.as_view(), name="rule-detail"),
    path("vocabulary/", api.VocabularyApi.as_view(), name="vocabulary"),
    path("screen/", api.ScreenApi.as_view(), name="screen"),
    path("bilateral/", api.BilateralListApi.as_view(), name="bilateral-list"),
    path("bilateral/<int:pk>/", api.BilateralDetailApi.as_view(), name="bilateral-detail"),
    path("export/instruments.csv", api.InstrumentsExportApi.as_view(), name="export-instruments"),
    path(
        "export/participation.csv",
        api.ParticipationExportApi.as_view(),
        name="export-participation",
    ),
    path("export/rules.csv", api.RulesExportApi.as_view(), name="export-rules"),
    path("import/instruments/", api.InstrumentsImportApi.as_view(), name="import-instruments"),
    path(
        "import/participation/",
        api.ParticipationImportApi.as_view(),
        name="import-participation",
    ),
    path("import/rules/", api.RulesImportApi.as_view(), name="import-rules"),
]
