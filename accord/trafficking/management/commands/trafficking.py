"""The trafficking module on the command line, one command with subcommands:

- `accord trafficking import-items FILE --actor USERNAME`,
- `accord trafficking export-items FILE --actor USERNAME`: the register of marked items;
- `accord trafficking remind-tracing [--date YYYY-MM-DD]`: reminders of tracing requests
  coming due and overdue (run it daily; each reminder is recorded on the request, so
  running it twice reminds once).

The import prints a progress bar as batches go in (all in one transaction: an interrupted
or rejected file stores nothing). The export writes what the actor may see, in the format
the import reads (CSV or XLSX by the file's extension)."""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.core.errors import ServiceError, ValidationFailed
from accord.trafficking import imports


def _actor(username: str) -> Any:
    from accord.accounts.models import User

    try:
        return User.objects.select_related("party").get(username=username)
    except User.DoesNotExist:
        raise CommandError(f"No user {username!r}.") from None


def _message(exc: ServiceError) -> str:
    if isinstance(exc, ValidationFailed) and exc.errors:
        return " ".join(str(m) for messages in exc.errors.values() for m in messages)
    return str(exc.message)


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def add_remind_arguments(parser: CommandParser) -> None:
    parser.add_argument(
        "--date",
        type=_date,
        default=None,
        help="Take this day (YYYY-MM-DD) as today; default: today.",
    )


def remind_tracing(command: BaseCommand, today: dt.date | None) -> None:
    from accord.trafficking.services.tracing import tracing_reminders_send

    result = tracing_reminders_send(today=today)
    command.stdout.write(
        command.style.SUCCESS(
            f"Reminders sent: {result.before_due} coming due, {result.overdue} overdue."
        )
    )


class Command(BaseCommand):
    help = (
        "Trafficking: import-items FILE, export-items FILE (both need --actor); "
        "remind-tracing (run daily)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("import-items", help="Import a CSV or XLSX file of items.")
        load.add_argument("file", type=Path)
        load.add_argument("--actor", required=True, help="Username of the importing officer.")
        load.add_argument("--batch-size", type=int, default=imports.BATCH_SIZE)
        load.add_argument("--no-progress", action="store_true", help="Do not draw the bar.")
        dump = sub.add_parser("export-items", help="Export the items the actor may see.")
        dump.add_argument("file", type=Path)
        dump.add_argument("--actor", required=True)
        remind = sub.add_parser(
            "remind-tracing",
            help="Send reminders of tracing requests coming due and overdue (run daily).",
        )
        add_remind_arguments(remind)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "remind-tracing":
            remind_tracing(self, options["date"])
            return
        actor = _actor(options["actor"])
        if options["action"] == "import-items":
            self._import(actor, options["file"], options["batch_size"], options["no_progress"])
        else:
            self._export(actor, options["file"])

    def _import(self, actor: Any, path: Path, batch_size: int, quiet: bool) -> None:
        if not path.is_file():
            raise CommandError(f"No file {path}.")
        started = time.monotonic()
        tty = not quiet

        def progress(step: imports.ImportProgress) -> None:
            if not tty:
                return
            width = 40
            filled = width * step.percent // 100
            rate = step.done / max(time.monotonic() - started, 1e-6)
            bar = "#" * filled + "-" * (width - filled)
            self.stdout.write(
                f"\r[{bar}] {step.percent:3d}% {step.done:,}/{step.total:,} rows "
                f"({rate:,.0f} rows/s)",
                ending="",
            )
            self.stdout.flush()

        try:
            with path.open("rb") as source:
                batch = imports.item_import(
                    actor=actor,
                    source=source,
                    file_name=path.name,
                    progress=progress,
                    batch_size=batch_size,
                )
        except ServiceError as exc:
            if tty:
                self.stdout.write("")
            raise CommandError(_message(exc)) from None
        seconds = time.monotonic() - started
        if tty:
            self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {batch.row_count:,} items from {path.name} in {seconds:.1f} s "
                f"(sha256 {batch.sha256})."
            )
        )

    def _export(self, actor: Any, path: Path) -> None:
        from accord.trafficking.selectors.items import item_export_queryset

        items = item_export_queryset(actor=actor)
        if path.suffix.lower() == ".xlsx":
            path.write_bytes(imports.export_xlsx(items))
        else:
            with path.open("w", encoding="utf-8", newline="") as out:
                for chunk in imports.export_csv_chunks(items):
                    out.write(chunk)
        sys.stdout.flush()
        self.stdout.write(self.style.SUCCESS(f"Exported to {path}."))
