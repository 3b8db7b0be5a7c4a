"""What each audit action code means, as a sentence in the reader's language.

The audit trail stores codes (`session.sign_in`, `standards.vote.replace`); the home and
audit pages show the sentence registered for the code, and the code itself only where no
module registered one. Each module registers its own labels from its `AppConfig.ready()`
(`register_action_labels({...})`), so core names no module's actions.

A family of codes made from a workflow's states (`trafficking.tracing.<state>`) registers
one label per state with `state_labels(...)`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

_LABELS: dict[str, Any] = {}


def register_action_labels(labels: Mapping[str, Any]) -> None:
    """Register the sentence (a lazy translation) for each action code."""
    _LABELS.update(labels)


def action_label(code: str) -> str:
    """The sentence for `code` in the active language; the code itself when unknown."""
    label = _LABELS.get(code)
    return str(label) if label is not None else code


def labelled_codes() -> frozenset[str]:
    return frozenset(_LABELS)


def _moved(template: Any, state: Any) -> str:
    return str(template) % {"state": state}


_moved_lazy = lazy(_moved, str)


def state_labels(prefix: str, choices: Iterable[tuple[str, Any]], template: Any) -> dict[str, Any]:
    """`{prefix + value: template % {"state": label}}` for each (value, label) of a
    workflow's choices; `template` is a lazy translation with a `%(state)s` placeholder."""
    return {f"{prefix}{value}": _moved_lazy(template, label) for value, label in choices}


# The kernel's own actions.
CORE_LABELS = {
    "view": _("Viewed a record"),
    "records.read": _("Was shown confidential records on a page or list"),
    "access.denied": _("Was refused a page or record"),
    "audit.verify": _("Verified the audit chain"),
    "party.create": _("Added a party"),
    "party.update": _("Changed a party"),
    "outbox.retry": _("Retried a failed message"),
    "periodic_job.run_soon": _("Asked a periodic job to run now"),
    "session.step_up_failed": _("Failed to confirm a signature (wrong code or password)"),
}
