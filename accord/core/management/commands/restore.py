"""`accord restore DIR [--force]`: check a backup against its manifest, restore it, and
verify the restored audit chain against the head the backup recorded."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by `accord backup`, then verify the audit chain."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace an existing database and media files.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            restored = restore(Path(options["directory"]), force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        head = restored.head
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored: {restored.files} media files; audit chain intact, "
                f"{head['events']} events, head event {head['event_id']} hash {head['hash']} "
                "(the same as at backup)."
            )
        )
