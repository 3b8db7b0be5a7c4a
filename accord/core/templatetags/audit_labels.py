"""`{{ event.action|action_label }}`: an audit action code as a sentence in the reader's
language (the code itself when no module registered one)."""

from __future__ import annotations

from django import template

from accord.core.action_labels import action_label as label_of

register = template.Library()


@register.filter
def action_label(code: str) -> str:
    return label_of(code)
