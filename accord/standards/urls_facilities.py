"""Pages of: Facilities, assessments, improvement plans, aggregates."""

from django.urls import path

from accord.standards.views import facilities as views

urlpatterns: list = [
    path("facilities/", views.facility_list, name="facilities"),
    path("facilities/new/", views.facility_new, name="facility-new"),
    path("facilities/<int:pk>/", views.facility_detail, name="facility"),
    path("facilities/<int:pk>/edit/", views.facility_edit, name="facility-edit"),
    path(
        "facilities/<int:pk>/assessments/new/",
        views.assessment_start,
        name="assessment-start",
    ),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment"),
    path("assessments/<int:pk>/answer/", views.answer_save, name="assessment-answer"),
    path("assessments/<int:pk>/complete/", views.assessment_complete, name="assessment-complete"),
    path("assessments/<int:pk>/reassess/", views.assessment_reassess, name="assessment-reassess"),
    path("assessments/<int:pk>/report.pdf", views.assessment_report, name="assessment-report"),
    path("assessments/<int:pk>/oscal.json", views.assessment_oscal, name="assessment-oscal"),
    path("assessments/<int:pk>/plan-from-gaps/", views.plan_from_gaps, name="assessment-plan-gaps"),
    path("assessments/<int:pk>/actions/new/", views.action_new, name="action-new"),
    path("answers/<int:pk>/evidence/", views.evidence_add, name="answer-evidence"),
    path("assessment-evidence/<int:pk>/", views.evidence_download, name="assessment-evidence"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action-edit"),
    path("actions/<int:pk>/status/", views.action_status, name="action-status"),
    path("plan/", views.plan_board, name="plan"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
