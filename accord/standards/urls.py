"""Pages of the standards module (app namespace `standards`)."""

from django.urls import path

from accord.standards.views import consultation, drafting, facilities

app_name = "standards"

urlpatterns: list = [
    # Pages of: standards, versions and their clause tree, comparisons, OSCAL catalogs.
    path("", drafting.index, name="index"),
    path("new/", drafting.standard_new, name="standard-new"),
    path("<int:pk>/", drafting.standard_detail, name="standard"),
    path("<int:pk>/edit/", drafting.standard_edit, name="standard-edit"),
    path("<int:pk>/versions/new/", drafting.version_new, name="version-new"),
    path("<int:pk>/import-oscal/", drafting.standard_import, name="standard-import"),
    path("versions/<int:pk>/", drafting.version_detail, name="version"),
    path("versions/<int:pk>/stage/", drafting.version_stage, name="version-stage"),
    path("versions/<int:pk>/clauses/new/", drafting.clause_new, name="clause-new"),
    path("versions/<int:pk>/compare/", drafting.version_compare, name="version-compare"),
    path("versions/<int:pk>/oscal/", drafting.version_oscal, name="version-oscal"),
    path("clauses/<int:pk>/", drafting.clause_view, name="clause"),
    path("clauses/<int:pk>/edit/", drafting.clause_edit, name="clause-edit"),
    path("clauses/<int:pk>/delete/", drafting.clause_delete, name="clause-delete"),
    path("clauses/<int:pk>/parameter/", drafting.clause_parameter, name="clause-parameter"),
    # Pages of: comments and ballots.
    path("versions/<int:pk>/comments/", consultation.comments_page, name="comments"),
    path("versions/<int:pk>/comments/add/", consultation.comment_add, name="comment-add"),
    path(
        "versions/<int:pk>/comments.xlsx",
        consultation.comment_table_download,
        name="comment-table",
    ),
    path(
        "versions/<int:pk>/comments/import/",
        consultation.comment_table_upload,
        name="comment-table-import",
    ),
    path("comments/<int:pk>/dispose/", consultation.comment_dispose, name="comment-dispose"),
    path("comments/<int:pk>/withdraw/", consultation.comment_withdraw, name="comment-withdraw"),
    path("versions/<int:pk>/ballot/open/", consultation.ballot_open, name="ballot-open"),
    path("ballots/<int:pk>/", consultation.ballot_detail, name="ballot-detail"),
    path("ballots/<int:pk>/vote/", consultation.ballot_vote, name="ballot-vote"),
    path("ballots/<int:pk>/close/", consultation.ballot_close, name="ballot-close"),
    path("ballots/<int:pk>/cancel/", consultation.ballot_cancel, name="ballot-cancel"),
    # Pages of: facilities, assessments, improvement plans, aggregates.
    path("facilities/", facilities.facility_list, name="facilities"),
    path("facilities/new/", facilities.facility_new, name="facility-new"),
    path("facilities/<int:pk>/", facilities.facility_detail, name="facility"),
    path("facilities/<int:pk>/edit/", facilities.facility_edit, name="facility-edit"),
    path(
        "facilities/<int:pk>/assessments/new/",
        facilities.assessment_start,
        name="assessment-start",
    ),
    path("assessments/<int:pk>/", facilities.assessment_detail, name="assessment"),
    path("assessments/<int:pk>/answer/", facilities.answer_save, name="assessment-answer"),
    path(
        "assessments/<int:pk>/complete/", facilities.assessment_complete, name="assessment-complete"
    ),
    path(
        "assessments/<int:pk>/reassess/", facilities.assessment_reassess, name="assessment-reassess"
    ),
    path("assessments/<int:pk>/report.pdf", facilities.assessment_report, name="assessment-report"),
    path("assessments/<int:pk>/oscal.json", facilities.assessment_oscal, name="assessment-oscal"),
    path(
        "assessments/<int:pk>/plan-from-gaps/",
        facilities.plan_from_gaps,
        name="assessment-plan-gaps",
    ),
    path("assessments/<int:pk>/actions/new/", facilities.action_new, name="action-new"),
    path("answers/<int:pk>/evidence/", facilities.evidence_add, name="answer-evidence"),
    path("assessment-evidence/<int:pk>/", facilities.evidence_download, name="assessment-evidence"),
    path("actions/<int:pk>/edit/", facilities.action_edit, name="action-edit"),
    path("actions/<int:pk>/status/", facilities.action_status, name="action-status"),
    path("plan/", facilities.plan_board, name="plan"),
    path("dashboard/", facilities.dashboard, name="dashboard"),
]
