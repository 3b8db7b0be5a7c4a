"""`accord standards close-ballots`: close the open ballots whose closing date has passed
and record their results (run it daily, e.g. from cron or the task worker's schedule).

Who closes: by default **the system** (no user): once the closing date has passed the
adoption rule alone decides, so no officer's judgement is needed, and the audit trail
records the closing without a user (like the other scheduled jobs, e.g. `accord expertise
mark-expired`). With `--actor USERNAME` the ballots are closed as that user — a ballot
officer (an editor of the standard's owner party or a Secretariat officer); ballots that
user may not close are left open and named in the output.

Running it twice closes each ballot once: the second run finds nothing due.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.accounts.models import User
from accord.standards.models import Ballot
from accord.standards.services import consultation as services


class Command(BaseCommand):
    help = "Standards tools. `close-ballots` closes ballots past their closing date."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        close = sub.add_parser(
            "close-ballots",
            help="Close the open ballots whose closing date has passed and record the results.",
        )
        close.add_argument(
            "--actor",
            default=None,
            metavar="USERNAME",
            help="Close as this user (a ballot officer); default: the system.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "close-ballots":
            self._close_ballots(options["actor"])

    def _close_ballots(self, username: str | None) -> None:
        actor = None
        if username:
            actor = User.objects.filter(username=username, is_active=True).first()
            if actor is None:
                raise CommandError(f"No active user {username!r}.")
        due = [ballot.pk for ballot in services.ballots_due()]
        closed = services.ballots_close_due(actor=actor)
        for ballot in closed:
            self.stdout.write(f"  {ballot.standard_version}: {ballot.get_result_display()}")
        left = Ballot.objects.filter(pk__in=due, state=Ballot.State.OPEN).select_related(
            "standard_version__standard"
        )
        for ballot in left:
            self.stderr.write(f"  {ballot.standard_version}: left open (not yours to close)")
        noun = "ballot" if len(closed) == 1 else "ballots"
        self.stdout.write(self.style.SUCCESS(f"{len(closed)} {noun} closed."))
