"""Comments on drafts and ballots on versions: api."""
