"""The trafficking module's background jobs (runners of `accord.core.jobs`): the API item
import and the bulk screening of a file of names, run by the worker with progress."""

from __future__ import annotations

from typing import IO, Any

from accord.trafficking import imports

ITEM_IMPORT = "accord.trafficking.jobs.item_import"
BULK_SCREENING = "accord.trafficking.jobs.bulk_screening"


def item_import(
    *,
    job: Any,
    actor: Any,
    source: IO[bytes],
    file_name: str,
    options: dict[str, Any],
    progress: Any,
) -> dict[str, Any]:
    batch = imports.item_import(
        actor=actor,
        source=source,
        file_name=file_name,
        progress=lambda step: progress(step.done, step.total),
    )
    return {"item_import": batch.pk, "row_count": batch.row_count, "sha256": batch.sha256}


def bulk_screening(
    *,
    job: Any,
    actor: Any,
    source: IO[bytes],
    file_name: str,
    options: dict[str, Any],
    progress: Any,
) -> dict[str, Any]:
    """The rows as the API shows them, and the CSV the `download=csv` variant answers."""
    from accord.trafficking import screening
    from accord.trafficking.api.watchlist import ScreeningBulkRowOutput

    rows = screening.screen_names(
        actor=actor, data=source.read(), filename=file_name, progress=progress
    )
    progress(len(rows), len(rows))
    return {
        "rows": ScreeningBulkRowOutput(rows, many=True).data,
        "csv": screening.bulk_rows_csv(rows),
    }
