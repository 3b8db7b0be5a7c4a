"""API routes of: comments and ballots."""

urlpatterns: list = []
