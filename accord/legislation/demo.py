from typing import IO


def load(stdout: IO[str]) -> None:
    pass
