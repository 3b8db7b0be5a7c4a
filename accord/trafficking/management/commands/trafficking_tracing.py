"""`accord trafficking_tracing remind`: remind parties of tracing requests coming due and
overdue (run it daily). Each reminder is recorded on the request, so running it twice
reminds once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from accord.trafficking.services.tracing import tracing_reminders_send


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


class Command(BaseCommand):
    help = "Tracing requests. `remind` sends the reminders before and after the due date."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        remind = sub.add_parser(
            "remind", help="Send reminders of tracing requests coming due and overdue."
        )
        remind.add_argument(
            "--date",
            type=_date,
            default=None,
            help="Take this day (YYYY-MM-DD) as today; default: today.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "remind":
            result = tracing_reminders_send(today=options["date"])
            self.stdout.write(
                self.style.SUCCESS(
                    f"Reminders sent: {result.before_due} coming due, {result.overdue} overdue."
                )
            )
