"""The eight modules of the agreement, as the navigation shows them.

Each module's app registers its own entry from its `AppConfig.ready()` (`register`), so
the kernel names no module's code. The modules of the agreement that no app provides yet
are entries of `PLANNED`, which the kernel registers itself; an app of the same slug
replaces its planned entry, whatever the order in which the apps become ready.

A module is "built" once its app registers a URL named `<slug>:index`; until then the
navigation links to a page that says plainly that it is not built yet.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Module:
    slug: str
    number: int  # the mechanism's number in the agreement: the menu's order
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


# Mechanisms of the agreement whose apps do not exist yet: shown as "not built yet".
PLANNED = (
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
        "legislation",
        8,
        _("Harmonisation of legislation"),
        _("Model acts, national implementation and the conformity matrix."),
    ),
)

_registered: dict[str, Module] = {}
_planned: dict[str, Module] = {}


def register(module: Module) -> None:
    """Add an app's module to the navigation (call from its `AppConfig.ready()`)."""
    current = _registered.get(module.slug)
    if current is not None and current != module:
        raise ImproperlyConfigured(f"Two apps register the module {module.slug!r}.")
    clash = next(
        (m for m in _registered.values() if m.number == module.number and m != module), None
    )
    if clash is not None:
        raise ImproperlyConfigured(
            f"Modules {clash.slug!r} and {module.slug!r} share the number {module.number}."
        )
    _registered[module.slug] = module


def register_planned(modules: tuple[Module, ...] = PLANNED) -> None:
    """The kernel's entries for mechanisms no app provides yet (see the module docstring)."""
    for module in modules:
        _planned[module.slug] = module


def modules() -> list[Module]:
    """Every module in the agreement's order: the registered ones and the planned ones
    no app has registered."""
    entries = dict(_planned)
    entries.update(_registered)
    return sorted(entries.values(), key=lambda m: m.number)


def module_by_slug(slug: str) -> Module | None:
    return _registered.get(slug) or _planned.get(slug)
