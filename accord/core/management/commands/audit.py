"""`accord audit verify`: walk the whole audit chain; exit 1 naming the first broken event."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.core.audit import verify_chain


class Command(BaseCommand):
    help = "Audit trail tools. `verify` checks the whole hash chain."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="Verify the whole hash chain.")
        verify.add_argument("--batch-size", type=int, default=5000)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "verify":
            result = verify_chain(batch_size=options["batch_size"])
            if not result.ok:
                raise CommandError(
                    f"Audit chain broken at event {result.broken_event_id}: {result.reason} "
                    f"({result.checked} events before it are intact)."
                )
            self.stdout.write(
                self.style.SUCCESS(f"Audit chain intact: {result.checked} events verified.")
            )
