"""Standards, versions, clauses, comments, ballots, comparisons: api."""
