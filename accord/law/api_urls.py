"""API routes of the law base, under /api/v1/law/ (see the accord.law.api package)."""

from django.urls import path

from accord.law.api import acts, bilateral, csv, instruments, obligations, rules, screening

app_name = "law-api"

urlpatterns = [
    path("instruments/", instruments.InstrumentListApi.as_view(), name="instrument-list"),
    path(
        "instruments/<str:code>/",
        instruments.InstrumentDetailApi.as_view(),
        name="instrument-detail",
    ),
    path(
        "instruments/<str:code>/participation/",
        instruments.InstrumentParticipationApi.as_view(),
        name="instrument-participation",
    ),
    path("acts/", acts.ActListApi.as_view(), name="act-list"),
    path("acts/<int:pk>/", acts.ActDetailApi.as_view(), name="act-detail"),
    path("acts/<int:pk>/verify/", acts.ActVerifyApi.as_view(), name="act-verify"),
    path("matrix/", instruments.MatrixApi.as_view(), name="matrix"),
    path(
        "parties/<str:code>/obligations/",
        obligations.PartyObligationsApi.as_view(),
        name="party-obligations",
    ),
    path("rules/", rules.RuleListApi.as_view(), name="rule-list"),
    path("rules/<str:code>/", rules.RuleDetailApi.as_view(), name="rule-detail"),
    path("vocabulary/", rules.VocabularyApi.as_view(), name="vocabulary"),
    path("screen/", screening.ScreenApi.as_view(), name="screen"),
    path("bilateral/", bilateral.BilateralListApi.as_view(), name="bilateral-list"),
    path("bilateral/<int:pk>/", bilateral.BilateralDetailApi.as_view(), name="bilateral-detail"),
    path("export/instruments.csv", csv.InstrumentsExportApi.as_view(), name="export-instruments"),
    path(
        "export/participation.csv",
        csv.ParticipationExportApi.as_view(),
        name="export-participation",
    ),
    path("export/rules.csv", csv.RulesExportApi.as_view(), name="export-rules"),
    path("import/instruments/", csv.InstrumentsImportApi.as_view(), name="import-instruments"),
    path(
        "import/participation/",
        csv.ParticipationImportApi.as_view(),
        name="import-participation",
    ),
    path("import/rules/", csv.RulesImportApi.as_view(), name="import-rules"),
]
