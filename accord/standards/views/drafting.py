"""Standards, versions, clauses, comments, ballots, comparisons: views."""
