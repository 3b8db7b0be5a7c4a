"""Demo records of: Facilities, assessments, improvement plans, aggregates."""

from typing import IO, Any


def load(stdout: IO[Any]) -> None:
    pass
