"""Demo records of the trafficking module, loaded part by part in dependency order."""

from typing import IO, Any

from accord.trafficking.demo import incidents, items, operations, tracing, watchlist


def load(stdout: IO[Any]) -> None:
    items.load(stdout)
    watchlist.load(stdout)
    incidents.load(stdout)
    tracing.load(stdout)
    operations.load(stdout)
