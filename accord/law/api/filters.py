"""The filters of the law API's lists (`accord.core.api.filters`)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.utils.translation import gettext_lazy as _

from accord.core.api.filters import (
    SELECTOR,
    BooleanFilter,
    FilterSet,
    OrderingFilter,
    party_filter,
)
from accord.law import selectors
from accord.law.models import BilateralAgreement, Instrument, ParticipationAct, Rule


def instrument_filter(**kwargs: Any) -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        queryset=selectors.instrument_list(),
        to_field_name="code",
        error_messages={"invalid_choice": _("No instrument has the code %(value)s.")},
        **kwargs,
    )


class ActFilter(FilterSet):
    party = party_filter(method=SELECTOR, help_text=_("Only this party's acts (its code)."))
    instrument = instrument_filter(
        method=SELECTOR, help_text=_("Only acts on this instrument (its code).")
    )
    kind = django_filters.ChoiceFilter(choices=ParticipationAct.Kind.choices)
    ordering = OrderingFilter(fields=(("date", "date"), ("party__code", "party")))
    search_fields = ("instrument__code", "party__code", "source_note")

    class Meta:
        model = ParticipationAct
        fields: list[str] = []


class RuleFilter(FilterSet):
    kind = django_filters.ChoiceFilter(choices=Rule.Kind.choices, help_text=_("Only this kind."))
    customary = BooleanFilter(
        method=SELECTOR, help_text=_("Only customary (or only non-customary) rules.")
    )
    instrument = instrument_filter(
        method=SELECTOR, help_text=_("Only rules laid down by this instrument.")
    )
    ordering = OrderingFilter(fields=("code", "kind"))
    search_fields = ("code", "title_en", "title_ru")

    class Meta:
        model = Rule
        fields: list[str] = []


class BilateralFilter(FilterSet):
    status = django_filters.ChoiceFilter(choices=BilateralAgreement.Status.choices)
    counterpart = party_filter(help_text=_("Only agreements with this party (its code)."))
    ordering = OrderingFilter(fields=("signed_on", "title_en", "status"))
    search_fields = ("title_en", "title_ru", "subject")

    class Meta:
        model = BilateralAgreement
        fields: list[str] = []


class InstrumentFilter(FilterSet):
    kind = django_filters.ChoiceFilter(choices=Instrument.Kind.choices)
    ordering = OrderingFilter(fields=("code",))
    search_fields = ("code", "title_en", "title_ru")

    class Meta:
        model = Instrument
        fields: list[str] = []
