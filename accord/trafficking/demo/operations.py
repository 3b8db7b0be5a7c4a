"""Demo records of: Joint operations, the dashboard, exports."""

from typing import IO, Any


def load(stdout: IO[Any]) -> None:
    pass
