"""IATI 2.03 activity XML of programmes (the module's interchange format for funders):
identifier, reporting and participating organisations with their IATI roles, titles in
English and Russian, status, dates, budgets (original / revised, indicative / committed),
planned disbursements, transactions (IATI types) and cash contributions as incoming
funds (these three for readers shown cost detail only), parent / child links.
In-kind contributions have no IATI transaction type and are left out.

Validated against the official XSD in the tests (`tests/fixtures/iati-2.03/`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree as ET

from accord.programmes.models import IATI_ROLE, Programme

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ORG_TYPE = {"state": "10", "organisation": "40"}  # IATI OrganisationType: government, multilateral


def _org(parent: ET.Element, tag: str, party: Any, **attrs: str) -> ET.Element:
    node = ET.SubElement(
        parent, tag, {"ref": party.code, "type": ORG_TYPE.get(party.kind, "40"), **attrs}
    )
    ET.SubElement(node, "narrative").text = party.name_en
    return node


def _amount(value: Decimal) -> str:
    return format(value, "f")


def _activity(root: ET.Element, programme: Programme, detail: bool) -> None:
    attrs = {
        "default-currency": programme.currency,
        "last-updated-datetime": programme.created_at.replace(microsecond=0).isoformat(),
        XML_LANG: "en",
        "hierarchy": "2" if programme.parent_id else "1",
    }
    node = ET.SubElement(root, "iati-activity", attrs)
    ET.SubElement(node, "iati-identifier").text = programme.identifier
    _org(node, "reporting-org", programme.owner)
    title = ET.SubElement(node, "title")
    ET.SubElement(title, "narrative").text = programme.title_en
    if programme.title_ru:
        ET.SubElement(title, "narrative", {XML_LANG: "ru"}).text = programme.title_ru
    description = ET.SubElement(node, "description", {"type": "1"})
    ET.SubElement(description, "narrative").text = programme.objectives or programme.title_en
    for row in programme.participations.select_related("party"):
        extra = {"role": str(IATI_ROLE[row.role])}
        if row.role == "funding" and programme.funder_reference:
            extra["activity-id"] = programme.funder_reference
        _org(node, "participating-org", row.party, **extra)
    ET.SubElement(node, "activity-status", {"code": str(programme.status)})
    dates = [
        ("1", programme.planned_start),
        ("2", programme.actual_start),
        ("3", programme.planned_end),
        ("4", programme.actual_end),
    ]
    written = False
    for kind, day in dates:
        if day is not None:
            ET.SubElement(node, "activity-date", {"type": kind, "iso-date": day.isoformat()})
            written = True
    if not written:  # one date is mandatory: the proposal's
        ET.SubElement(
            node,
            "activity-date",
            {"type": "1", "iso-date": programme.created_at.date().isoformat()},
        )
    for budget in programme.budgets.prefetch_related("lines"):
        for line in budget.lines.all():
            item = ET.SubElement(
                node,
                "budget",
                {
                    "type": "1" if budget.kind == "original" else "2",
                    "status": "1" if budget.status == "indicative" else "2",
                },
            )
            ET.SubElement(item, "period-start", {"iso-date": line.period_start.isoformat()})
            ET.SubElement(item, "period-end", {"iso-date": line.period_end.isoformat()})
            ET.SubElement(
                item, "value", {"value-date": line.period_start.isoformat()}
            ).text = _amount(line.amount)
    if not detail:
        _related(node, programme)
        return
    for plan in programme.planned_disbursements.select_related("provider", "receiver"):
        item = ET.SubElement(node, "planned-disbursement", {"type": plan.kind})
        ET.SubElement(item, "period-start", {"iso-date": plan.period_start.isoformat()})
        ET.SubElement(item, "period-end", {"iso-date": plan.period_end.isoformat()})
        ET.SubElement(
            item, "value", {"currency": plan.currency, "value-date": plan.value_date.isoformat()}
        ).text = _amount(plan.amount)
        if plan.provider is not None:
            _org(item, "provider-org", plan.provider)
        if plan.receiver is not None:
            _org(item, "receiver-org", plan.receiver)
    flows: list[tuple[dt.date, str, Decimal, str, Any, Any, str]] = [
        (c.value_date, "1", c.amount, c.currency, c.party, programme.owner, "")
        for c in programme.contributions.select_related("party").filter(kind="cash")
    ]
    flows += [
        (t.value_date, str(t.type), t.amount, t.currency, t.provider, t.receiver, t.description)
        for t in programme.transactions.select_related("provider", "receiver")
    ]
    for day, kind, amount, currency, provider, receiver, text in sorted(
        flows, key=lambda f: (f[0], f[1])
    ):
        tx = ET.SubElement(node, "transaction")
        ET.SubElement(tx, "transaction-type", {"code": kind})
        ET.SubElement(tx, "transaction-date", {"iso-date": day.isoformat()})
        ET.SubElement(
            tx, "value", {"currency": currency, "value-date": day.isoformat()}
        ).text = _amount(amount)
        if text:
            ET.SubElement(ET.SubElement(tx, "description"), "narrative").text = text
        if provider is not None:
            _org(tx, "provider-org", provider)
        if receiver is not None:
            _org(tx, "receiver-org", receiver)
    _related(node, programme)


def _related(node: ET.Element, programme: Programme) -> None:
    if programme.parent is not None:
        ET.SubElement(node, "related-activity", {"ref": programme.parent.identifier, "type": "1"})
    for child in programme.children.all():
        ET.SubElement(node, "related-activity", {"ref": child.identifier, "type": "2"})


def activities_xml(
    programmes: Iterable[Programme], *, generated: dt.datetime, detail: bool = True
) -> bytes:
    """The programmes (already read through `visible_to`) as one iati-activities file;
    without `detail` (a reader not shown cost detail), no planned disbursements and no
    transactions."""
    root = ET.Element(
        "iati-activities",
        {"version": "2.03", "generated-datetime": generated.replace(microsecond=0).isoformat()},
    )
    for programme in programmes:
        _activity(root, programme, detail)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
