"""`accord audit verify`: walk the whole audit chain; exit 1 naming the first broken event."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.core.audit import anchor_holds, verify_chain


class Command(BaseCommand):
    help = "Audit trail tools. `verify` checks the whole hash chain."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="Verify the whole hash chain.")
        verify.add_argument("--batch-size", type=int, default=20000)
        verify.add_argument(
            "--anchor",
            metavar="HASH",
            help="A head hash recorded from an earlier verify: fail if that event is gone "
            "(events removed from the end of the chain).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "verify":
            result = verify_chain(batch_size=options["batch_size"])
            if not result.ok:
                raise CommandError(
                    f"Audit chain broken at event {result.broken_event_id}: {result.reason} "
                    f"({result.checked} events before it are intact)."
                )
            if options["anchor"] and not anchor_holds(options["anchor"]):
                raise CommandError(
                    f"The recorded head {options['anchor']} is no longer in the chain: events "
                    "were removed from its end."
                )
            self.stdout.write(
                self.style.SUCCESS(f"Audit chain intact: {result.checked} events verified.")
            )
            if result.head_id is not None:
                self.stdout.write(
                    f"Head: event {result.head_id}, hash {result.head_hash} "
                    "(record it; pass it later as --anchor to detect truncation)."
                )
