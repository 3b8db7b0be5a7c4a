"""`accord trafficking_tracing remind`: the old name of `accord trafficking remind-tracing`,
kept so that schedules written for it go on working. It says on stderr that it is
deprecated, then does exactly what the new subcommand does."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from accord.trafficking.management.commands.trafficking import (
    add_remind_arguments,
    remind_tracing,
)

DEPRECATION = (
    "`accord trafficking_tracing remind` is deprecated and will be removed: "
    "use `accord trafficking remind-tracing`."
)


class Command(BaseCommand):
    help = "Deprecated: use `accord trafficking remind-tracing`."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        remind = sub.add_parser("remind", help="Deprecated: `accord trafficking remind-tracing`.")
        add_remind_arguments(remind)

    def handle(self, *args: Any, **options: Any) -> None:
        self.stderr.write(self.style.WARNING(DEPRECATION))
        remind_tracing(self, options["date"])
