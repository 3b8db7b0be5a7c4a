"""API routes of: Facilities, assessments, improvement plans, aggregates."""

from django.urls import path

from accord.standards.api import facilities as api

urlpatterns: list = [
    path("facilities/", api.FacilityListApi.as_view(), name="facility-list"),
    path("facilities/<int:pk>/", api.FacilityDetailApi.as_view(), name="facility-detail"),
    path(
        "facilities/<int:pk>/assessments/",
        api.FacilityAssessmentsApi.as_view(),
        name="facility-assessments",
    ),
    path("assessments/<int:pk>/", api.AssessmentDetailApi.as_view(), name="assessment-detail"),
    path("assessments/<int:pk>/answers/", api.AnswerSaveApi.as_view(), name="assessment-answer"),
    path(
        "assessments/<int:pk>/complete/",
        api.AssessmentCompleteApi.as_view(),
        name="assessment-complete",
    ),
    path(
        "assessments/<int:pk>/reassess/",
        api.AssessmentReassessApi.as_view(),
        name="assessment-reassess",
    ),
    path(
        "assessments/<int:pk>/actions/",
        api.AssessmentActionsApi.as_view(),
        name="assessment-actions",
    ),
    path(
        "assessments/<int:pk>/plan-from-gaps/",
        api.PlanFromGapsApi.as_view(),
        name="assessment-plan-from-gaps",
    ),
    path("answers/<int:pk>/evidence/", api.EvidenceAddApi.as_view(), name="answer-evidence"),
    path("actions/", api.ActionListApi.as_view(), name="action-list"),
    path("actions/<int:pk>/", api.ActionDetailApi.as_view(), name="action-detail"),
    path("actions/<int:pk>/status/", api.ActionStatusApi.as_view(), name="action-status"),
    path("assessments/<int:pk>/oscal/", api.AssessmentOscalApi.as_view(), name="assessment-oscal"),
    path(
        "facilities/<int:pk>/oscal-import/",
        api.FacilityOscalImportApi.as_view(),
        name="facility-oscal-import",
    ),
    path("aggregates/", api.AggregatesApi.as_view(), name="aggregates"),
]
