"""Comments on drafts and ballots on versions: selectors."""
