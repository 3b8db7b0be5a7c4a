"""Standards, versions, clauses, comments, ballots, comparisons: services."""
