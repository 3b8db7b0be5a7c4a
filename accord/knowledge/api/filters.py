"""The filters of the knowledge lists and the search (`accord.core.api.filters`): an
unknown parameter or a bad value is a 400 naming it. Every filter is applied by the
selector (`selectors.Criteria`), over `visible_to(user)`."""

from __future__ import annotations

from typing import Any

import django_filters
from django.utils.translation import gettext_lazy as _

from accord.core.api.filters import SELECTOR, FilterSet, party_filter
from accord.knowledge.models import Area, Kind, KnowledgeItem, SolutionType, StageChoice
from accord.knowledge.selectors import Criteria


class ItemFilter(FilterSet):
    q = django_filters.CharFilter(
        method=SELECTOR, label=_("Search"), help_text=_("Words of the title, summary or body.")
    )
    area = django_filters.ChoiceFilter(choices=Area.choices, method=SELECTOR)
    kind = django_filters.ChoiceFilter(choices=Kind.choices, method=SELECTOR)
    stage = django_filters.ChoiceFilter(choices=StageChoice.choices, method=SELECTOR)
    solution_type = django_filters.ChoiceFilter(choices=SolutionType.choices, method=SELECTOR)
    topic = django_filters.CharFilter(
        method=SELECTOR, help_text=_("A topic and everything under it.")
    )
    party = party_filter(method=SELECTOR, help_text=_("Only this party's items (its code)."))

    class Meta:
        model = KnowledgeItem
        fields: list[str] = []


def criteria_of(filterset: FilterSet) -> Criteria:
    given: dict[str, Any] = filterset.selector_arguments()
    party = given.pop("party", None)
    text = given.pop("q", "")
    return Criteria(text=text, party=party.code if party is not None else "", **given)
