"""Demo records of: Item registers, makes and models, imports, matching."""

from typing import IO, Any


def load(stdout: IO[Any]) -> None:
    pass
