"""Demo records of: Watchlist entities and screening."""

from typing import IO, Any


def load(stdout: IO[Any]) -> None:
    pass
