"""The module's API, under /api/v1/programmes/."""

from django.urls import path

from accord.programmes.api import programmes as p
from accord.programmes.api import support

app_name = "programmes-api"

urlpatterns = [
    path("programmes/", p.ProgrammeListApi.as_view(), name="programme-list"),
    path("programmes/import/", p.ProgrammeImportApi.as_view(), name="programme-import"),
    path("programmes/<int:pk>/", p.ProgrammeDetailApi.as_view(), name="programme-detail"),
    path("programmes/<int:pk>/json/", p.ProgrammeJsonApi.as_view(), name="programme-json"),
    path("programmes/<int:pk>/advance/", p.ProgrammeAdvanceApi.as_view(), name="programme-advance"),
    path(
        "programmes/<int:pk>/participants/",
        p.ProgrammeParticipantsApi.as_view(),
        name="programme-participants",
    ),
    path("programmes/<int:pk>/keys/", p.ProgrammeKeysApi.as_view(), name="programme-keys"),
    path(
        "programmes/<int:pk>/keys/decide/",
        p.ProgrammeKeyDecideApi.as_view(),
        name="programme-key-decide",
    ),
    path("programmes/<int:pk>/what-if/", p.ProgrammeWhatIfApi.as_view(), name="programme-what-if"),
    path("programmes/<int:pk>/budgets/", p.ProgrammeBudgetsApi.as_view(), name="programme-budgets"),
    path(
        "programmes/<int:pk>/assessments/",
        p.ProgrammeAssessmentsApi.as_view(),
        name="programme-assessments",
    ),
    path(
        "programmes/<int:pk>/contributions/",
        p.ProgrammeContributionsApi.as_view(),
        name="programme-contributions",
    ),
    path(
        "programmes/<int:pk>/transactions/",
        p.ProgrammeTransactionsApi.as_view(),
        name="programme-transactions",
    ),
    path(
        "programmes/<int:pk>/statement/",
        p.ProgrammeStatementApi.as_view(),
        name="programme-statement",
    ),
    path(
        "programmes/<int:pk>/planned-disbursements/",
        p.ProgrammePlannedDisbursementsApi.as_view(),
        name="programme-planned-disbursements",
    ),
    path(
        "programmes/<int:pk>/budget-vs-actual/",
        p.ProgrammeBudgetVsActualApi.as_view(),
        name="programme-budget-vs-actual",
    ),
    path("aggregates/", p.AggregatesApi.as_view(), name="aggregates"),
    path("programmes/<int:pk>/evm/", p.ProgrammeEvmApi.as_view(), name="programme-evm"),
    path("rates/", p.RatesApi.as_view(), name="rates"),
    path("support/", support.SupportListApi.as_view(), name="support-list"),
    path("support/fulfilment/", support.FulfilmentApi.as_view(), name="support-fulfilment"),
    path("support/<int:pk>/", support.SupportDetailApi.as_view(), name="support-detail"),
    path("support/<int:pk>/offers/", support.SupportOfferApi.as_view(), name="support-offer"),
    path("support/<int:pk>/accept/", support.SupportAcceptApi.as_view(), name="support-accept"),
    path("support/<int:pk>/deliver/", support.SupportDeliverApi.as_view(), name="support-deliver"),
]
