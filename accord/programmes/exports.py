"""Exports of a programme: the contributions statement as CSV / XLSX (through
`accord.reports.tabular`, with its formula guard) and the programme report as PDF (the
marking as a banner on every page, the statement, budget vs actual, the EVM trend and the
Gantt chart as SVG)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import override, pgettext

from accord.programmes import selectors
from accord.programmes.gantt import s_curve
from accord.programmes.models import Programme
from accord.reports.pdf import render_pdf
from accord.reports.tabular import Sheet, csv_bytes, xlsx_bytes


def statement_columns() -> list[str]:
    return [
        _("Party"),
        _("Assessed"),
        _("Paid"),
        _("In kind"),
        _("Balance"),
        _("Arrears"),
        _("Overdue 0–90 days"),
        _("Overdue 91–180 days"),
        _("Overdue 181–365 days"),
        _("Overdue over 365 days"),
    ]


def statement_rows(programme: Programme) -> list[list[Any]]:
    return [
        [r.party.code, r.assessed, r.paid_cash, r.in_kind, r.balance, r.arrears, *r.ageing]
        for r in selectors.statement(programme)
    ]


def statement_csv(programme: Programme) -> bytes:
    return csv_bytes(statement_columns(), statement_rows(programme))


def statement_xlsx(programme: Programme) -> bytes:
    return xlsx_bytes(
        [
            Sheet(
                title=pgettext("spreadsheet title", "Statement")[:31],
                columns=statement_columns(),
                rows=statement_rows(programme),
                bold_header=True,
                freeze_header=True,
            )
        ]
    )


def report_pdf(programme: Programme, *, language: str, gantt_svg: str) -> bytes:
    with override(language):
        budgets = list(programme.budgets.prefetch_related("lines"))
        context = {
            "programme": programme,
            "statement": selectors.statement(programme),
            "budgets": [(b, selectors.budget_total(b)) for b in budgets],
            "flows": selectors.commitments_vs_disbursements(programme),
            "evm": list(programme.evm_snapshots.order_by("period")),
            "gantt": mark_safe(gantt_svg),  # noqa: S308 - built from escaped text
            "s_curve": mark_safe(s_curve(programme.evm_snapshots.order_by("period"))),  # noqa: S308
            "generated": timezone.now(),
        }
    return render_pdf("programmes/report.html", context, language=language)
