"""Standards, versions, clauses, comments, ballots, comparisons: selectors."""
