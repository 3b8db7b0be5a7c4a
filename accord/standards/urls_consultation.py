"""Pages of: comments and ballots."""

from django.urls import path

from accord.standards.views import consultation as views

urlpatterns: list = [
    path("versions/<int:pk>/comments/", views.comments_page, name="comments"),
    path("versions/<int:pk>/comments/add/", views.comment_add, name="comment-add"),
    path(
        "versions/<int:pk>/comments.xlsx",
        views.comment_table_download,
        name="comment-table",
    ),
    path(
        "versions/<int:pk>/comments/import/",
        views.comment_table_upload,
        name="comment-table-import",
    ),
    path("comments/<int:pk>/dispose/", views.comment_dispose, name="comment-dispose"),
    path("comments/<int:pk>/withdraw/", views.comment_withdraw, name="comment-withdraw"),
    path("versions/<int:pk>/ballot/open/", views.ballot_open, name="ballot-open"),
    path("ballots/<int:pk>/", views.ballot_detail, name="ballot-detail"),
    path("ballots/<int:pk>/vote/", views.ballot_vote, name="ballot-vote"),
    path("ballots/<int:pk>/close/", views.ballot_close, name="ballot-close"),
    path("ballots/<int:pk>/cancel/", views.ballot_cancel, name="ballot-cancel"),
]
