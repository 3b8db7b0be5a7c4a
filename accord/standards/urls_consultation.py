"""Pages of: comments and ballots."""

urlpatterns: list = []
