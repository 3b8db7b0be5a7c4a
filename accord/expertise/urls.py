"""Pages of the joint legal expertise, under /expertise/ (with the reports and exports of
`report_urls`)."""

from django.urls import path

from accord.expertise import report_urls, views

app_name = "expertise"

urlpatterns: list = [
    path("", views.index, name="index"),
    # The register
    path("systems/", views.system_list, name="systems"),
    path("systems/new/", views.system_new, name="system-new"),
    path("systems/<int:pk>/", views.system_detail, name="system"),
    path("systems/<int:pk>/edit/", views.system_edit, name="system-edit"),
    path("systems/<int:pk>/versions/new/", views.version_new, name="version-new"),
    # A version: questionnaire, evidence, contingents, opening a review
    path("versions/<int:pk>/", views.version_detail, name="version"),
    path("versions/<int:pk>/evidence/file/", views.evidence_file, name="evidence-file"),
    path(
        "versions/<int:pk>/evidence/reference/",
        views.evidence_reference,
        name="evidence-reference",
    ),
    path("versions/<int:pk>/assignments/", views.assignment_add, name="assignment-add"),
    path("versions/<int:pk>/reviews/new/", views.review_open, name="review-open"),
    path("evidence/<int:pk>/download/", views.evidence_download, name="evidence-download"),
    # The review file
    path("reviews/<int:pk>/", views.review_detail, name="review"),
    path("reviews/<int:pk>/submit/", views.review_submit, name="review-submit"),
    path("reviews/<int:pk>/start/", views.review_start, name="review-start"),
    path("reviews/<int:pk>/deliberate/", views.review_deliberate, name="review-deliberate"),
    path("reviews/<int:pk>/withdraw/", views.review_withdraw, name="review-withdraw"),
    path("reviews/<int:pk>/invite/", views.review_invite, name="review-invite"),
    path("reviews/<int:pk>/reviewers/", views.review_reviewers, name="review-reviewers"),
    path("reviews/<int:pk>/rereview/", views.review_rereview, name="review-rereview"),
    path("reviews/<int:pk>/requests/", views.request_ask, name="request-ask"),
    path("reviews/<int:pk>/requests/answer/", views.request_answer, name="request-answer"),
    path("reviews/<int:pk>/requests/withdraw/", views.request_withdraw, name="request-withdraw"),
    path("reviews/<int:pk>/findings/", views.finding_record, name="finding-record"),
    path("reviews/<int:pk>/sign/", views.conclusion_sign, name="conclusion-sign"),
    path("reviews/<int:pk>/notes/", views.note_add, name="note-add"),
    # The interoperability matrix
    path("matrix/", views.matrix, name="matrix"),
    *report_urls.urlpatterns,
]
