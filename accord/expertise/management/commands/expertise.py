"""`accord expertise mark-expired`: mark concluded reviews whose re-review date has passed
as needing re-review (run it daily, e.g. from cron or the task worker's schedule)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from accord.expertise import services


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


class Command(BaseCommand):
    help = "Expertise tools. `mark-expired` marks conclusions past their re-review date."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        mark = sub.add_parser(
            "mark-expired",
            help="Mark concluded reviews past their re-review date as needing re-review.",
        )
        mark.add_argument(
            "--date",
            type=_date,
            default=None,
            help="Take this day (YYYY-MM-DD) as today; default: today.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "mark-expired":
            marked = services.mark_expired(today=options["date"])
            noun = "review" if marked == 1 else "reviews"
            self.stdout.write(
                self.style.SUCCESS(f"{marked} concluded {noun} marked as needing re-review.")
            )
