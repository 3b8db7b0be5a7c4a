"""Demo records of: Tracing requests between parties."""

from typing import IO, Any


def load(stdout: IO[Any]) -> None:
    pass
