"""One date widget for the whole project: every date field of every form is drawn as
`<input type=date>` with an ISO value (`YYYY-MM-DD`) whatever the active language, and the
value it draws is read back as the same date. A field drawn in the language's format
("06.01.2027" in Russian) is rejected by the browser's date picker, which then shows the
field empty and sends the form without its date."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
import re
from typing import Any

import pytest
from django import forms
from django.utils import translation

import accord
from accord.core.web import DateInput

DAY = dt.date(2027, 1, 6)


def _all_form_classes() -> list[type[forms.BaseForm]]:
    """Every form class defined in a `forms` module (or package) of an Accord app."""
    for info in pkgutil.walk_packages(accord.__path__, "accord."):
        parts = info.name.split(".")
        if "forms" in parts and "tests" not in parts and "app_template" not in parts:
            importlib.import_module(info.name)
    found: list[type[forms.BaseForm]] = []
    stack: list[type[Any]] = [forms.BaseForm]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            stack.append(sub)
            if ".forms" in sub.__module__ and sub.__module__.startswith("accord."):
                found.append(sub)
    return sorted(set(found), key=lambda c: f"{c.__module__}.{c.__qualname__}")


def _date_fields() -> list[tuple[str, str, forms.Field]]:
    rows = []
    for cls in _all_form_classes():
        for name, field in cls.base_fields.items():
            if isinstance(field, forms.DateField):
                rows.append((f"{cls.__module__}.{cls.__qualname__}", name, field))
    return rows


DATE_FIELDS = _date_fields()


def test_the_date_fields_are_found() -> None:
    """The walk finds the forms the issue names (so the tests below are not vacuous)."""
    names = {f"{form.rsplit('.', 1)[1]}.{name}" for form, name, _ in DATE_FIELDS}
    assert {
        "TracingRequestForm.due_date",
        "TransferForm.date",
        "IncidentForm.occurred_on",
        "IncidentFilterForm.since",
        "IncidentFilterForm.until",
        "EntityForm.listed_on",
        "OperationForm.starts_on",
        "BilateralForm.signed_on",
    } <= names, names


@pytest.mark.parametrize(
    ("form", "name", "field"), DATE_FIELDS, ids=[f"{f}.{n}" for f, n, _ in DATE_FIELDS]
)
@pytest.mark.parametrize("language", ["ru", "en"])
def test_every_date_field_draws_iso_and_reads_it_back(
    form: str, name: str, field: forms.Field, language: str
) -> None:
    with translation.override(language):
        assert isinstance(field.widget, DateInput), f"{form}.{name} has its own date widget"
        html = field.widget.render(name, DAY)
        assert 'type="date"' in html, html
        value = re.search(r'value="([^"]*)"', html)
        assert value is not None and value.group(1) == "2027-01-06", html
        assert field.clean(value.group(1)) == DAY


def test_a_date_typed_in_the_language_format_still_parses() -> None:
    """A hand-typed Russian date (a browser without a date picker) is still read."""
    with translation.override("ru"):
        assert DateInput().render("d", None).count('type="date"') == 1
        from accord.core.web import DateField

        assert DateField().clean("06.01.2027") == DAY
