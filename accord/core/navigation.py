"""The eight modules of the agreement, as the navigation shows them.

A module is "built" once its app registers a URL named `<slug>:index`; until then the
navigation links to a page that says plainly that it is not built yet.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Module:
    slug: str
    number: int
    title: Promise
    summary: Promise

    @property
    def url(self) -> str:
        try:
            return reverse(f"{self.slug}:index")
        except NoReverseMatch:
            return reverse("core:module", args=[self.slug])

    @property
    def built(self) -> bool:
        try:
            reverse(f"{self.slug}:index")
        except NoReverseMatch:
            return False
        return True


MODULES = (
    Module(
        "expertise",
        1,
        _("Joint legal expertise"),
        _(
            "Weapons register, joint legal reviews of new weapons and technologies, "
            "conclusions per party."
        ),
    ),
    Module(
        "trafficking",
        2,
        _("Illicit trafficking"),
        _(
            "Registers of marked items, incidents, tracing requests, watchlist screening, "
            "joint operations."
        ),
    ),
    Module(
        "standards",
        3,
        _("Protection standards"),
        _("Standards for protecting critical facilities, ballots, facility assessments."),
    ),
    Module(
        "provision",
        4,
        _("Provision to the forces"),
        _("Commitments and deliveries to the collective forces, gated by legal review."),
    ),
    Module(
        "knowledge",
        5,
        _("Knowledge exchange"),
        _("Library of shared knowledge and requests for information."),
    ),
    Module(
        "programmes",
        6,
        _("Programmes and financing"),
        _("Joint programmes, activities, budgets, contributions and support requests."),
    ),
    Module(
        "law",
        7,
        _("Treaties and bilateral agreements"),
        _(
            "Treaties, participation, the IHL rules catalogue and the register of "
            "bilateral agreements."
        ),
    ),
    Module(
        "legislation",
        8,
        _("Harmonisation of legislation"),
        _("Model acts, national implementation and the conformity matrix."),
    ),
)

MODULES_BY_SLUG = {module.slug: module for module in MODULES}
