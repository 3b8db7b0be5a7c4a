"""API routes of the expertise module, under /api/v1/expertise/ (see the
accord.expertise.api package). URL keywords are `pk` and `code` only, as the URL sweep
(accord/core/tests/test_sweep.py) expects."""

from django.urls import path

from accord.expertise.api import (
    deliberation,
    export,
    matrix,
    report,
    reviews,
    systems,
    transitions,
    versions,
)

app_name = "expertise-api"

urlpatterns = [
    # The register
    path("systems/", systems.SystemListApi.as_view(), name="system-list"),
    path("systems/<int:pk>/", systems.SystemDetailApi.as_view(), name="system-detail"),
    path("systems/<int:pk>/versions/", systems.SystemVersionsApi.as_view(), name="system-versions"),
    path("versions/<int:pk>/", versions.VersionDetailApi.as_view(), name="version-detail"),
    path(
        "versions/<int:pk>/evidence/", versions.EvidenceListApi.as_view(), name="version-evidence"
    ),
    path(
        "versions/<int:pk>/assignments/",
        versions.AssignmentListApi.as_view(),
        name="version-assignments",
    ),
    path(
        "versions/<int:pk>/clearance/<str:code>/",
        matrix.ClearanceApi.as_view(),
        name="version-clearance",
    ),
    path(
        "evidence/<int:pk>/download/",
        versions.EvidenceDownloadApi.as_view(),
        name="evidence-download",
    ),
    # Joint reviews
    path("reviews/", reviews.ReviewListApi.as_view(), name="review-list"),
    path("reviews/<int:pk>/", reviews.ReviewDetailApi.as_view(), name="review-detail"),
    path("reviews/<int:pk>/report.pdf", report.ReviewReportApi.as_view(), name="review-report"),
    path("reviews/<int:pk>/submit/", transitions.ReviewSubmitApi.as_view(), name="review-submit"),
    path("reviews/<int:pk>/start/", transitions.ReviewStartApi.as_view(), name="review-start"),
    path(
        "reviews/<int:pk>/deliberate/",
        transitions.ReviewDeliberateApi.as_view(),
        name="review-deliberate",
    ),
    path(
        "reviews/<int:pk>/withdraw/",
        transitions.ReviewWithdrawApi.as_view(),
        name="review-withdraw",
    ),
    path("reviews/<int:pk>/invite/", transitions.ReviewInviteApi.as_view(), name="review-invite"),
    path(
        "reviews/<int:pk>/reviewers/",
        transitions.ReviewReviewersApi.as_view(),
        name="review-reviewers",
    ),
    path(
        "reviews/<int:pk>/rereview/",
        transitions.ReviewRereviewApi.as_view(),
        name="review-rereview",
    ),
    path(
        "reviews/<int:pk>/requests/",
        deliberation.ReviewRequestsApi.as_view(),
        name="review-requests",
    ),
    path(
        "requests/<int:pk>/answer/", deliberation.RequestAnswerApi.as_view(), name="request-answer"
    ),
    path(
        "requests/<int:pk>/withdraw/",
        deliberation.RequestWithdrawApi.as_view(),
        name="request-withdraw",
    ),
    path(
        "reviews/<int:pk>/findings/",
        deliberation.ReviewFindingsApi.as_view(),
        name="review-findings",
    ),
    path(
        "reviews/<int:pk>/conclusions/",
        deliberation.ReviewConclusionsApi.as_view(),
        name="review-conclusions",
    ),
    path("reviews/<int:pk>/notes/", deliberation.ReviewNotesApi.as_view(), name="review-notes"),
    # What the reviews produce
    path("matrix/", matrix.MatrixApi.as_view(), name="matrix"),
    path("dashboard/", matrix.DashboardApi.as_view(), name="dashboard"),
    path("export/register.csv", export.RegisterCsvApi.as_view(), name="export-register-csv"),
    path("export/register.json", export.RegisterJsonApi.as_view(), name="export-register-json"),
    path("export/matrix.csv", export.MatrixCsvApi.as_view(), name="export-matrix-csv"),
    path("export/matrix.json", export.MatrixJsonApi.as_view(), name="export-matrix-json"),
]
