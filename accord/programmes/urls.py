"""The module's pages, under /programmes/."""

from django.urls import path

from accord.programmes import views
from accord.programmes.views import costs

app_name = "programmes"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.programme_new, name="programme-new"),
    path("<int:pk>/", views.programme_detail, name="programme-detail"),
    path("<int:pk>/edit/", views.programme_edit, name="programme-edit"),
    path("<int:pk>/export/", views.programme_export, name="programme-export"),
    path("<int:pk>/milestones.ics", views.programme_ical, name="programme-ical"),
    path("<int:pk>/iati.xml", views.programme_iati, name="programme-iati"),
    path("<int:pk>/advance/", views.programme_advance, name="programme-advance"),
    path("<int:pk>/participants/", views.programme_participant, name="programme-participant"),
    path("<int:pk>/keys/new/", views.key_new, name="programme-key-new"),
    path("<int:pk>/keys/decide/", views.key_decide, name="programme-key-decide"),
    path("<int:pk>/what-if/", views.what_if, name="programme-what-if"),
    path("<int:pk>/budgets/new/", views.budget_new, name="programme-budget-new"),
    path("<int:pk>/assessments/new/", views.assessment_new, name="programme-assessment-new"),
    path("<int:pk>/contributions/new/", views.contribution_new, name="programme-contribution-new"),
    path("<int:pk>/transactions/new/", costs.transaction_new, name="programme-transaction-new"),
    path(
        "<int:pk>/planned-disbursements/new/",
        costs.planned_disbursement_new,
        name="programme-planned-disbursement-new",
    ),
    path("<int:pk>/work-packages/new/", costs.work_package_new, name="programme-package-new"),
    path(
        "<int:pk>/work-packages/reschedule/",
        costs.work_package_reschedule,
        name="programme-package-reschedule",
    ),
    path("<int:pk>/baselines/new/", costs.baseline_new, name="programme-baseline-new"),
    path("<int:pk>/evm/new/", costs.evm_new, name="programme-evm-new"),
    path("rates/", costs.rates, name="rates"),
    path("rates/import/", costs.rates_import, name="rates-import"),
    path("aggregates/", costs.aggregates, name="aggregates"),
    path("support/", views.support_list, name="support-list"),
    path("support/new/", views.support_new, name="support-new"),
    path("support/<int:pk>/", views.support_detail, name="support-detail"),
    path("support/<int:pk>/offer/", views.support_offer, name="support-offer"),
    path("support/<int:pk>/accept/", views.support_accept, name="support-accept"),
    path("support/<int:pk>/deliver/", views.support_deliver, name="support-deliver"),
]
