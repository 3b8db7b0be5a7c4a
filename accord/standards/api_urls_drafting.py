"""API routes of: Standards, versions, clauses, comments, ballots, comparisons."""

urlpatterns: list = []
