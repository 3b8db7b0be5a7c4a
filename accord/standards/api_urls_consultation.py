"""API routes of: comments and ballots."""

from django.urls import path

from accord.standards.api import consultation as api

urlpatterns: list = [
    path(
        "versions/<int:pk>/comments/",
        api.VersionCommentsApi.as_view(),
        name="version-comments",
    ),
    path(
        "versions/<int:pk>/comments.xlsx",
        api.CommentTableApi.as_view(),
        name="comment-table",
    ),
    path(
        "versions/<int:pk>/comments/import/",
        api.CommentTableImportApi.as_view(),
        name="comment-table-import",
    ),
    path("comments/<int:pk>/", api.CommentApi.as_view(), name="comment"),
    path("comments/<int:pk>/withdraw/", api.CommentWithdrawApi.as_view(), name="comment-withdraw"),
    path("comments/<int:pk>/dispose/", api.CommentDisposeApi.as_view(), name="comment-dispose"),
    path("versions/<int:pk>/ballots/", api.VersionBallotsApi.as_view(), name="version-ballots"),
    path("ballots/<int:pk>/", api.BallotApi.as_view(), name="ballot"),
    path("ballots/<int:pk>/votes/", api.BallotVoteApi.as_view(), name="ballot-vote"),
    path("ballots/<int:pk>/close/", api.BallotCloseApi.as_view(), name="ballot-close"),
    path("ballots/<int:pk>/cancel/", api.BallotCancelApi.as_view(), name="ballot-cancel"),
]
