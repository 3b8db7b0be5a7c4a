"""The trafficking module's sub-navigation: links to every part the user may open (by
`trafficking.permissions`: a part whose page would refuse the user is not offered),
skipping a part whose page is not registered yet."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from accord.trafficking import permissions

register = template.Library()

# (URL name, title, what the part is for, URL names that also mark the link current).
PARTS: tuple[tuple[str, Any, Any, tuple[str, ...]], ...] = (
    ("trafficking:index", _("Overview"), "", ()),
    (
        "trafficking:items",
        _("Item registers"),
        _("Each party's register of marked items: kind, make, model, serials, status."),
        ("item",),
    ),
    (
        "trafficking:item-import",
        _("Import items"),
        _("Load a register from a CSV or XLSX file, one transaction per file."),
        (),
    ),
    (
        "trafficking:item-match",
        _("Match an item"),
        _("Match a serial number or marking against the registers, exact and fuzzy."),
        (),
    ),
    (
        "trafficking:incidents",
        _("Incidents"),
        _("Seizures, interdictions, attempted exports, thefts and losses, with their items."),
        ("incident", "incident-new"),
    ),
    (
        "trafficking:correlation",
        _("Correlation"),
        _("Incidents linked by a shared item, marking, entity or route segment."),
        (),
    ),
    (
        "trafficking:tracing",
        _("Tracing requests"),
        _("Requests to another party to trace an item, and their answers."),
        ("tracing-request",),
    ),
    (
        "trafficking:watchlist",
        _("Watchlist"),
        _("Persons, organisations, vessels and aircraft listed by the parties."),
        ("watchlist-entity",),
    ),
    (
        "trafficking:screening",
        _("Name screening"),
        _("Screen a name against the watchlist, in either script."),
        (),
    ),
    (
        "trafficking:operations",
        _("Joint operations"),
        _("Operations of several parties, their incidents and after-action figures."),
        ("operation", "operation-new"),
    ),
    (
        "trafficking:dashboard",
        _("Dashboard"),
        _("Charts of incidents, items and tracing response times."),
        (),
    ),
    (
        "trafficking:export",
        _("Export"),
        _("Everything you may see, in CSV or XLSX."),
        (),
    ),
)


# Who may open a part (the same predicates its page checks); a part not named here is
# open to every signed-in user (its page shows only what they may see).
MAY_OPEN: dict[str, Any] = {
    "trafficking:items": permissions.may_read_registers,
    "trafficking:item-import": permissions.may_keep_register,
    "trafficking:item-match": permissions.may_read_registers,
    "trafficking:screening": permissions.can_screen,
}


def resolvable_links(current: str = "", user: Any = None) -> list[dict[str, Any]]:
    """The parts whose page exists and that `user` may open, each with its URL and whether
    it is the current one."""
    links = []
    for name, title, description, also in PARTS:
        may_open = MAY_OPEN.get(name)
        if may_open is not None and not may_open(user):
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        short = name.split(":", 1)[1]
        links.append(
            {
                "name": short,
                "url": url,
                "title": title,
                "description": description,
                "current": bool(current) and (current == short or current in also),
            }
        )
    return links


@register.simple_tag(takes_context=True)
def trafficking_links(context: template.Context) -> list[dict[str, Any]]:
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    current = ""
    if match is not None and match.namespace == "trafficking":
        current = match.url_name or ""
    return resolvable_links(current, getattr(request, "user", None))


@register.simple_tag
def trafficking_url(name: str, *args: Any) -> str:
    """The address of a page of another part (e.g. `trafficking:incident`), or "" while
    that page does not exist yet."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""
