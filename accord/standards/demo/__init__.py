"""Demo records of the standards module, loaded part by part in dependency order."""

from typing import IO, Any

from accord.standards.demo import consultation, drafting, facilities


def load(stdout: IO[Any]) -> None:
    drafting.load(stdout)
    consultation.load(stdout)
    facilities.load(stdout)
