"""API routes of the standards module, under /api/v1/standards/ (app namespace
`standards-api`). URL keywords are `pk` and `code` only (the URL sweep)."""

from django.urls import path

from accord.standards.api import consultation, drafting, facilities

app_name = "standards-api"

urlpatterns: list = [
    # API routes of: standards, versions, clauses, comparisons, OSCAL catalogs.
    path("standards/", drafting.StandardListApi.as_view(), name="standard-list"),
    path(
        "standards/import-oscal/", drafting.OscalImportApi.as_view(), name="standard-import-oscal"
    ),
    path("standards/<int:pk>/", drafting.StandardDetailApi.as_view(), name="standard-detail"),
    path(
        "standards/<int:pk>/versions/",
        drafting.StandardVersionsApi.as_view(),
        name="standard-versions",
    ),
    path(
        "standards/<int:pk>/import-oscal/",
        drafting.StandardOscalImportApi.as_view(),
        name="standard-version-import-oscal",
    ),
    path("versions/<int:pk>/", drafting.VersionDetailApi.as_view(), name="version-detail"),
    path("versions/<int:pk>/stage/", drafting.VersionStageApi.as_view(), name="version-stage"),
    path(
        "versions/<int:pk>/clauses/", drafting.VersionClausesApi.as_view(), name="version-clauses"
    ),
    path(
        "versions/<int:pk>/compare/", drafting.VersionCompareApi.as_view(), name="version-compare"
    ),
    path("versions/<int:pk>/oscal/", drafting.VersionOscalApi.as_view(), name="version-oscal"),
    path("clauses/<int:pk>/", drafting.ClauseDetailApi.as_view(), name="clause-detail"),
    path("clauses/<int:pk>/move/", drafting.ClauseMoveApi.as_view(), name="clause-move"),
    path(
        "clauses/<int:pk>/parameters/",
        drafting.ClauseParametersApi.as_view(),
        name="clause-parameters",
    ),
    # API routes of: comments and ballots.
    path(
        "versions/<int:pk>/comments/",
        consultation.VersionCommentsApi.as_view(),
        name="version-comments",
    ),
    path(
        "versions/<int:pk>/comments.xlsx",
        consultation.CommentTableApi.as_view(),
        name="comment-table",
    ),
    path(
        "versions/<int:pk>/comments/import/",
        consultation.CommentTableImportApi.as_view(),
        name="comment-table-import",
    ),
    path("comments/<int:pk>/", consultation.CommentApi.as_view(), name="comment"),
    path(
        "comments/<int:pk>/withdraw/",
        consultation.CommentWithdrawApi.as_view(),
        name="comment-withdraw",
    ),
    path(
        "comments/<int:pk>/dispose/",
        consultation.CommentDisposeApi.as_view(),
        name="comment-dispose",
    ),
    path(
        "versions/<int:pk>/ballots/",
        consultation.VersionBallotsApi.as_view(),
        name="version-ballots",
    ),
    path("ballots/<int:pk>/", consultation.BallotApi.as_view(), name="ballot"),
    path("ballots/<int:pk>/votes/", consultation.BallotVoteApi.as_view(), name="ballot-vote"),
    path("ballots/<int:pk>/close/", consultation.BallotCloseApi.as_view(), name="ballot-close"),
    path("ballots/<int:pk>/cancel/", consultation.BallotCancelApi.as_view(), name="ballot-cancel"),
    # API routes of: facilities, assessments, improvement plans, aggregates.
    path("facilities/", facilities.FacilityListApi.as_view(), name="facility-list"),
    path("facilities/<int:pk>/", facilities.FacilityDetailApi.as_view(), name="facility-detail"),
    path(
        "facilities/<int:pk>/assessments/",
        facilities.FacilityAssessmentsApi.as_view(),
        name="facility-assessments",
    ),
    path(
        "assessments/<int:pk>/", facilities.AssessmentDetailApi.as_view(), name="assessment-detail"
    ),
    path(
        "assessments/<int:pk>/answers/",
        facilities.AnswerSaveApi.as_view(),
        name="assessment-answer",
    ),
    path(
        "assessments/<int:pk>/complete/",
        facilities.AssessmentCompleteApi.as_view(),
        name="assessment-complete",
    ),
    path(
        "assessments/<int:pk>/reassess/",
        facilities.AssessmentReassessApi.as_view(),
        name="assessment-reassess",
    ),
    path(
        "assessments/<int:pk>/actions/",
        facilities.AssessmentActionsApi.as_view(),
        name="assessment-actions",
    ),
    path(
        "assessments/<int:pk>/plan-from-gaps/",
        facilities.PlanFromGapsApi.as_view(),
        name="assessment-plan-from-gaps",
    ),
    path("answers/<int:pk>/evidence/", facilities.EvidenceAddApi.as_view(), name="answer-evidence"),
    path("actions/", facilities.ActionListApi.as_view(), name="action-list"),
    path("actions/<int:pk>/", facilities.ActionDetailApi.as_view(), name="action-detail"),
    path("actions/<int:pk>/status/", facilities.ActionStatusApi.as_view(), name="action-status"),
    path(
        "assessments/<int:pk>/oscal/",
        facilities.AssessmentOscalApi.as_view(),
        name="assessment-oscal",
    ),
    path(
        "facilities/<int:pk>/oscal-import/",
        facilities.FacilityOscalImportApi.as_view(),
        name="facility-oscal-import",
    ),
    path("aggregates/", facilities.AggregatesApi.as_view(), name="aggregates"),
]
