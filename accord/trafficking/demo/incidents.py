"""Demo records of: Incidents, their items and entities, correlation, MISP."""

from typing import IO, Any


def load(stdout: IO[Any]) -> None:
    pass
