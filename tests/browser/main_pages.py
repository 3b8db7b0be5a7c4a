"""The main pages of every module, as the demo data (`accord demo`) fills them, and what a
browser finds on each: Content-Security-Policy violations, console errors, sideways
overflow at a phone's width, axe-core's serious and critical violations.

Shared by the page sweep (tests/browser/test_page_sweep.py) and the screenshot script
(scripts/screens.py). Each page is visited by a demo user who may see it; a detail page
is the first record of its kind that this user sees.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page

AXE = Path(__file__).resolve().parent.parent / "vendor" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}

# Before any script of the page runs: collect CSP violations (the browser also reports
# them on the console, but this names the directive and the blocked thing).
COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(
    `${e.violatedDirective} blocked ${e.blockedURI || "inline"}`
    + ` at ${e.sourceFile || ""}:${e.lineNumber}`
  );
});
"""


def demo_password(username: str) -> str:
    return f"demo-{username}-2026"


@dataclass(frozen=True)
class MainPage:
    """One page: `name` (the test id), the demo user who opens it, how to find its path."""

    name: str
    user: str
    path: str | Callable[[], str]

    def resolve(self) -> str:
        return self.path if isinstance(self.path, str) else self.path()


def _first(model: str, url_name: str, *, key: str = "pk", suffix: str = "", **filters: Any):
    """A path to the first record of `model` ("app.Model") matching `filters`."""

    def resolve() -> str:
        from django.apps import apps
        from django.urls import reverse

        record = apps.get_model(model).objects.filter(**filters).order_by("pk").first()
        if record is None:
            raise LookupError(f"the demo data has no {model} {filters}")
        return reverse(url_name, kwargs={key: getattr(record, key)}) + suffix

    return resolve


P = MainPage
MAIN_PAGES: tuple[MainPage, ...] = (
    # Core pages.
    P("home", "rus.legal", "/"),
    P("notifications", "rus.legal", "/notifications/"),
    P("profile", "rus.legal", "/accounts/profile/"),
    P("audit", "sec.auditor", "/audit/"),
    P("operations", "sec.admin", "/operations/"),
    P("api-docs", "rus.legal", "/api/v1/docs/"),
    # Law base.
    P("law-index", "rus.legal", "/law/"),
    P("law-instruments", "rus.legal", "/law/instruments/"),
    P("law-instrument", "rus.legal", _first("law.Instrument", "law:instrument", key="code")),
    P("law-matrix", "rus.legal", "/law/matrix/"),
    P("law-obligations", "rus.legal", "/law/obligations/"),
    P("law-rules", "rus.legal", "/law/rules/"),
    P("law-rule", "rus.legal", _first("law.Rule", "law:rule", key="code", active=True)),
    P("law-screen", "rus.legal", "/law/screening/"),
    P(
        "law-screen-result",
        "rus.legal",
        "/law/screening/?weapon_type=anti_personnel_mine&delivery=remotely_delivered"
        "&parties=RUS&parties=KAZ&parties=ARM",
    ),
    P("law-bilateral", "rus.legal", "/law/bilateral/"),
    # Joint legal expertise.
    P("expertise-desk", "rus.legal", "/expertise/"),
    P("expertise-systems", "rus.legal", "/expertise/systems/"),
    P("expertise-system", "rus.legal", _first("expertise.WeaponSystem", "expertise:system")),
    P("expertise-version", "rus.legal", _first("expertise.SystemVersion", "expertise:version")),
    P(
        "expertise-review",
        "rus.legal",
        _first("expertise.Review", "expertise:review", state="concluded"),
    ),
    P(
        "expertise-review-findings",
        "rus.legal",
        _first("expertise.Review", "expertise:review", state="concluded", suffix="?tab=findings"),
    ),
    P(
        "expertise-review-screening",
        "rus.legal",
        _first("expertise.Review", "expertise:review", state="concluded", suffix="?tab=screening"),
    ),
    P("expertise-matrix", "rus.legal", "/expertise/matrix/"),
    P("expertise-system-new", "rus.legal", "/expertise/systems/new/"),
    # Illicit trafficking.
    P("trafficking-index", "rus.customs", "/trafficking/"),
    P("trafficking-items", "rus.customs", "/trafficking/items/"),
    P("trafficking-item", "rus.customs", _first("trafficking.Item", "trafficking:item")),
    P("trafficking-item-new", "rus.customs", "/trafficking/items/new/"),
    P("trafficking-item-import", "rus.customs", "/trafficking/items/import/"),
    P("trafficking-watchlist", "rus.customs", "/trafficking/watchlist/"),
    P(
        "trafficking-watchlist-entity",
        "rus.customs",
        _first("trafficking.Entity", "trafficking:watchlist-entity"),
    ),
    P("trafficking-screening", "rus.customs", "/trafficking/screening/"),
    P("trafficking-incidents", "rus.customs", "/trafficking/incidents/"),
    P(
        "trafficking-incident",
        "rus.customs",
        _first("trafficking.Incident", "trafficking:incident", owner__code="RUS"),
    ),
    P("trafficking-incident-new", "rus.customs", "/trafficking/incidents/new/"),
    P("trafficking-correlation", "rus.customs", "/trafficking/correlation/"),
    P("trafficking-tracing", "rus.customs", "/trafficking/tracing/"),
    P("trafficking-tracing-new", "rus.customs", "/trafficking/tracing/new/"),
    P("trafficking-dashboard", "rus.customs", "/trafficking/dashboard/"),
    P("trafficking-operations", "rus.customs", "/trafficking/operations/"),
    P(
        "trafficking-operation",
        "rus.customs",
        _first("trafficking.Operation", "trafficking:operation"),
    ),
    # Protection standards.
    P("standards-index", "kaz.standards", "/standards/"),
    P("standards-standard", "kaz.standards", _first("standards.Standard", "standards:standard")),
    P(
        "standards-version",
        "kaz.standards",
        _first("standards.StandardVersion", "standards:version"),
    ),
    P(
        "standards-comments",
        "kaz.standards",
        _first("standards.StandardVersion", "standards:comments", number=2),
    ),
    P("standards-ballot", "kaz.standards", _first("standards.Ballot", "standards:ballot-detail")),
    P("standards-facilities", "kaz.facilities", "/standards/facilities/"),
    P(
        "standards-facility",
        "kaz.facilities",
        _first("standards.Facility", "standards:facility", owner__code="KAZ"),
    ),
    P(
        "standards-assessment",
        "kaz.facilities",
        _first("standards.Assessment", "standards:assessment", facility__owner__code="KAZ"),
    ),
    P("standards-plan", "kaz.facilities", "/standards/plan/"),
    P("standards-dashboard", "kaz.facilities", "/standards/dashboard/"),
    # Provision.
    P("provision-desk", "sec.officer", "/provision/"),
    P("provision-requirements", "sec.officer", "/provision/requirements/"),
    P(
        "provision-requirement",
        "sec.officer",
        _first("provision.Requirement", "provision:requirement-detail"),
    ),
    P("provision-register", "sec.officer", "/provision/register/"),
    P("provision-returns", "sec.officer", "/provision/returns/"),
    # Lessons learned (knowledge).
    P("knowledge-index", "rus.lessons", "/knowledge/"),
    P(
        "knowledge-item",
        "rus.lessons",
        _first("knowledge.KnowledgeItem", "knowledge:item-detail"),
    ),
    P("knowledge-requests", "rus.lessons", "/knowledge/requests/"),
    P("knowledge-item-new", "rus.lessons", "/knowledge/new/"),
    # Programmes.
    P("programmes-index", "sec.officer", "/programmes/"),
    P(
        "programmes-programme",
        "sec.officer",
        _first("programmes.Programme", "programmes:programme-detail"),
    ),
    P("programmes-support", "sec.officer", "/programmes/support/"),
    # Model legislation.
    P("legislation-index", "sec.parliament", "/legislation/"),
    P(
        "legislation-act",
        "sec.parliament",
        _first("legislation.ModelAct", "legislation:act-detail"),
    ),
    P(
        "legislation-matrix",
        "sec.parliament",
        _first("legislation.ModelAct", "legislation:act-matrix"),
    ),
    P("legislation-national", "sec.parliament", "/legislation/national/"),
    P("legislation-implementation", "sec.parliament", "/legislation/implementation/"),
)
PAGES_BY_NAME = {page.name: page for page in MAIN_PAGES}
USERS = tuple(dict.fromkeys(page.user for page in MAIN_PAGES))


@dataclass
class Findings:
    """What one page showed (empty lists: nothing wrong)."""

    status: int | None = None
    path: str = ""
    csp: list[str] = field(default_factory=list)  # as "<directive> blocked <what> at <where>"
    console: list[str] = field(default_factory=list)
    overflow: list[str] = field(default_factory=list)
    axe: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        status = [] if self.status == 200 else [f"HTTP {self.status} for {self.path}"]
        csp = [f"CSP violation: {v}" for v in self.csp]
        return status + csp + self.console + self.overflow + self.axe


def open_context(browser: Browser, base_url: str, *, locale: str = "en-US") -> BrowserContext:
    context = browser.new_context(base_url=base_url, locale=locale, viewport=DESKTOP)
    context.add_init_script(COLLECT_VIOLATIONS)
    return context


def sign_in(page: Page, username: str, password: str | None = None) -> None:
    page.goto("/accounts/sign-in/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password or demo_password(username))
    with page.expect_navigation():
        page.get_by_test_id("sign-in").click()
    if "/accounts/sign-in/" in page.url:
        raise AssertionError(f"{username} could not sign in")


def axe_violations(page: Page) -> list[str]:
    """axe-core's serious and critical violations, one line per rule and element."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated by the debugging protocol, so the page's CSP does not apply to it.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => {
          const r = await axe.run(document, {resultTypes: ["violations"]});
          return r.violations
            .filter((v) => v.impact === "serious" || v.impact === "critical")
            .map((v) => ({id: v.id, impact: v.impact, help: v.help,
                          targets: v.nodes.slice(0, 5).map((n) => n.target.join(" "))}));
        }"""
    )
    return [
        f"axe {v['impact']} {v['id']} ({v['help']}): {json.dumps(v['targets'], ensure_ascii=False)}"
        for v in result
    ]


def visit(page: Page, path: str, *, phone_width: int = PHONE["width"]) -> Findings:
    """Open `path` at 1366 px (axe-core runs there), then narrow the window to a phone's
    width and measure the page; collect what is wrong."""
    findings = Findings(path=path)
    console: list[str] = []

    def on_console(message: Any) -> None:
        if message.type == "error":
            console.append(f"console error: {message.text}")

    def on_error(error: Any) -> None:
        console.append(f"page error: {error}")

    page.on("console", on_console)
    page.on("pageerror", on_error)
    try:
        page.set_viewport_size(DESKTOP)
        response = page.goto(path, wait_until="load")
        findings.status = response.status if response else None
        if "/accounts/sign-in/" in page.url and "/accounts/" not in path:
            findings.status = None
            findings.path = f"{path} (sent to the sign-in page)"
        findings.axe = axe_violations(page)
        page.set_viewport_size({**PHONE, "width": phone_width})
        page.wait_for_timeout(50)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > phone_width:
            culprits = page.evaluate(WIDEST_ELEMENTS, phone_width)
            findings.overflow.append(
                f"page is {scroll_width}px wide at {phone_width}px; wider: {culprits}"
            )
        findings.csp = list(dict.fromkeys(page.evaluate("window.__cspViolations || []")))
    finally:
        page.remove_listener("console", on_console)
        page.remove_listener("pageerror", on_error)
    findings.console = list(dict.fromkeys(console))
    return findings


# The elements that stick out to the right of the window, outside any scroll area of
# their own (for the failure message): the innermost ones, which are the cause.
WIDEST_ELEMENTS = """(width) => {
  const clipped = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== "visible") return true;
    }
    return false;
  };
  const sticks = (el) => el.getBoundingClientRect().right > width + 1 && !clipped(el);
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    if (!sticks(el) || [...el.children].some(sticks)) continue;
    let name = el.tagName.toLowerCase();
    if (el.id) name += "#" + el.id;
    if (el.className && typeof el.className === "string") {
      name += "." + el.className.trim().split(/\\s+/).join(".");
    }
    const text = (el.textContent || "").trim().slice(0, 30);
    out.push(`${name}[${text}](${Math.round(el.getBoundingClientRect().right)}px)`);
    if (out.length >= 6) break;
  }
  return out.join(", ");
}"""
