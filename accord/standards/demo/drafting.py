"""Demo records of: Standards, versions, clauses, comments, ballots, comparisons."""

from typing import IO, Any


def load(stdout: IO[Any]) -> None:
    pass
