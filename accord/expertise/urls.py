"""Pages of the joint legal expertise, under /expertise/ (with the reports and exports of
`report_urls`)."""

from django.urls import path

from accord.expertise import report_urls
from accord.expertise.views import matrix, register, review_actions, reviews, versions

app_name = "expertise"

urlpatterns: list = [
    path("", register.index, name="index"),
    # The register
    path("systems/", register.system_list, name="systems"),
    path("systems/new/", register.system_new, name="system-new"),
    path("systems/<int:pk>/", register.system_detail, name="system"),
    path("systems/<int:pk>/edit/", register.system_edit, name="system-edit"),
    path("systems/<int:pk>/versions/new/", register.version_new, name="version-new"),
    # A version: questionnaire, evidence, contingents, opening a review
    path("versions/<int:pk>/", versions.version_detail, name="version"),
    path("versions/<int:pk>/evidence/file/", versions.evidence_file, name="evidence-file"),
    path(
        "versions/<int:pk>/evidence/reference/",
        versions.evidence_reference,
        name="evidence-reference",
    ),
    path("versions/<int:pk>/assignments/", versions.assignment_add, name="assignment-add"),
    path("versions/<int:pk>/reviews/new/", versions.review_open, name="review-open"),
    path("evidence/<int:pk>/download/", versions.evidence_download, name="evidence-download"),
    # The review file
    path("reviews/<int:pk>/", reviews.review_detail, name="review"),
    path("reviews/<int:pk>/submit/", review_actions.review_submit, name="review-submit"),
    path("reviews/<int:pk>/start/", review_actions.review_start, name="review-start"),
    path(
        "reviews/<int:pk>/deliberate/",
        review_actions.review_deliberate,
        name="review-deliberate",
    ),
    path("reviews/<int:pk>/withdraw/", review_actions.review_withdraw, name="review-withdraw"),
    path("reviews/<int:pk>/invite/", review_actions.review_invite, name="review-invite"),
    path("reviews/<int:pk>/reviewers/", review_actions.review_reviewers, name="review-reviewers"),
    path("reviews/<int:pk>/rereview/", review_actions.review_rereview, name="review-rereview"),
    path("reviews/<int:pk>/requests/", review_actions.request_ask, name="request-ask"),
    path("reviews/<int:pk>/requests/answer/", review_actions.request_answer, name="request-answer"),
    path(
        "reviews/<int:pk>/requests/withdraw/",
        review_actions.request_withdraw,
        name="request-withdraw",
    ),
    path("reviews/<int:pk>/findings/", review_actions.finding_record, name="finding-record"),
    path("reviews/<int:pk>/sign/", review_actions.conclusion_sign, name="conclusion-sign"),
    path("reviews/<int:pk>/notes/", review_actions.note_add, name="note-add"),
    # The interoperability matrix
    path("matrix/", matrix.matrix, name="matrix"),
    *report_urls.urlpatterns,
]
