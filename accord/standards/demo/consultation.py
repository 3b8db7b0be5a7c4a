"""Demo records of: comments and ballots."""

from typing import IO, Any


def load(stdout: IO[Any]) -> None:
    pass
