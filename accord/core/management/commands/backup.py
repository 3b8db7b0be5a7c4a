"""`accord backup DIR`: the embedded database (SQLite's online backup API) and the media
files, with a manifest of their hashes and the audit head (accord/core/backup.py)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database (SQLite) and the media files into a new directory."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", help="A new directory for the backup.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup(Path(options["directory"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        head = manifest["audit_head"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {options['directory']}: {len(manifest['files'])} files, "
                f"audit head event {head['event_id']} ({head['events']} events)."
            )
        )
        if manifest["database"] != "sqlite":
            self.stdout.write(
                "The database itself is backed up by PostgreSQL (a base backup with WAL "
                "archiving, checked with pg_verifybackup; README, 'Backups'). This backup "
                "holds the media files and the audit head to compare after a restore."
            )
