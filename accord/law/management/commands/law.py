"""`accord law import|export`: the law base's CSV files from the command line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.core.errors import ServiceError, ValidationFailed
from accord.law import csvio, selectors, services

KINDS = ("instruments", "participation", "rules")


class Command(BaseCommand):
    help = "Import or export the law base as CSV (instruments, participation, rules)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Import a CSV file; the whole file or nothing.")
        imp.add_argument("kind", choices=KINDS)
        imp.add_argument("file", type=Path)
        imp.add_argument(
            "--as",
            dest="username",
            required=True,
            help="The Secretariat user the changes are recorded under.",
        )
        exp = sub.add_parser("export", help="Write a CSV file (or - for standard output).")
        exp.add_argument("kind", choices=KINDS)
        exp.add_argument("file", nargs="?", default="-")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "export":
            text = {
                "instruments": lambda: csvio.write_instruments(selectors.instrument_list()),
                "participation": lambda: csvio.write_participation(selectors.acts_for()),
                "rules": lambda: csvio.write_rules(selectors.rule_list(include_inactive=True)),
            }[options["kind"]]()
            if options["file"] == "-":
                sys.stdout.write(text)
            else:
                Path(options["file"]).write_text(text, encoding="utf-8")
            return
        from accord.accounts.models import User

        actor = User.objects.filter(username=options["username"]).first()
        if actor is None:
            raise CommandError(f"No user {options['username']!r}.")
        try:
            content = options["file"].read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {options['file']}: {exc}") from exc
        function = {
            "instruments": services.instruments_import,
            "participation": services.participation_import,
            "rules": services.rules_import,
        }[options["kind"]]
        try:
            count = function(actor=actor, content=content)
        except ValidationFailed as exc:
            lines = "\n".join(f"  {m}" for m in exc.errors.get("file", []))
            raise CommandError(f"{exc.message}\n{lines}") from exc
        except ServiceError as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(self.style.SUCCESS(f"{count} {options['kind']} rows created or changed."))
