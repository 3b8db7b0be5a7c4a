"""`accord demo`: load the demo data of every installed Accord module.

Each app may have a `demo` module with `load(stdout)`; they run in INSTALLED_APPS order
(core and accounts first), each in its own transaction. Safe to run twice: loaders create
what is missing and leave what exists alone, and the command ends by saying how many
records it added (counted over every model), or that nothing changed.
"""

from importlib import import_module
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load demo users and records (safe to run twice) and print the demo accounts."

    def handle(self, *args: Any, **options: Any) -> None:
        before = record_counts()
        for config in apps.get_app_configs():
            if not config.name.startswith("accord."):
                continue
            try:
                module = import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            with transaction.atomic():
                module.load(self.stdout)
        after = record_counts()
        added = sum(after.values()) - sum(before.values())
        if after == before:
            self.stdout.write("Nothing changed: the demo data was already loaded.\n")
        else:
            self.stdout.write(f"Demo data loaded: {added} records added.\n")


def record_counts() -> dict[str, int]:
    """The number of rows of every model (the demo's own and the reference data's)."""
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}
