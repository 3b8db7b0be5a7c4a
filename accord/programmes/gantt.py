"""A Gantt chart as server-side SVG (no script, so it reads the same in the PDF): a bar
per work package, and the baseline's dates as a thin bar under it, so a slip shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape
from django.utils.translation import gettext

ROW = 26
LABEL = 220
WIDTH = 760


@dataclass(frozen=True)
class Bar:
    code: str
    title: str
    start: dt.date
    finish: dt.date
    base_start: dt.date | None = None
    base_finish: dt.date | None = None
    milestone: bool = False


def svg(bars: Sequence[Bar]) -> str:
    if not bars:
        return ""
    days = [b.start for b in bars] + [b.finish for b in bars]
    days += [d for b in bars for d in (b.base_start, b.base_finish) if d is not None]
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    room = WIDTH - LABEL - 10

    def x(day: dt.date) -> int:
        return LABEL + (day - first).days * room // span

    height = ROW * len(bars) + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" class="chart" '
        f'aria-label="{escape(gettext("Schedule: work packages and milestones (Gantt chart)"))}" '
        'data-testid="gantt">',
        f'<text x="{LABEL}" y="12" font-size="10">{first.isoformat()}</text>',
        f'<text x="{WIDTH - 70}" y="12" font-size="10">{last.isoformat()}</text>',
    ]
    for i, bar in enumerate(bars):
        y = 20 + i * ROW
        label = escape(f"{bar.code} {bar.title}"[:40])
        parts.append(f'<text x="0" y="{y + 12}" font-size="11">{label}</text>')
        if bar.milestone:
            cx = x(bar.finish)
            parts.append(
                f'<polygon points="{cx},{y} {cx + 7},{y + 8} {cx},{y + 16} {cx - 7},{y + 8}" '
                'fill="#b45309"/>'
            )
        else:
            w = max(x(bar.finish) - x(bar.start), 2)
            parts.append(
                f'<rect x="{x(bar.start)}" y="{y}" width="{w}" height="12" fill="#2563eb"/>'
            )
        if bar.base_start and bar.base_finish:
            w = max(x(bar.base_finish) - x(bar.base_start), 2)
            parts.append(
                f'<rect x="{x(bar.base_start)}" y="{y + 14}" width="{w}" height="4" '
                'fill="#9ca3af"/>'
            )
    parts.append("</svg>")
    return "".join(parts)


CURVE_W, CURVE_H, PAD = 520, 200, 30
CURVES = (
    ("planned_value", "PV", "#6b7280"),
    ("earned_value", "EV", "#2563eb"),
    ("actual_cost", "AC", "#b91c1c"),
)


def s_curve(snapshots: Iterable[Any]) -> str:
    """The EVM trend as an S-curve: cumulative PV, EV and AC by month (integer pixels,
    exact arithmetic on the stored Decimals)."""
    rows = list(snapshots)
    if not rows:
        return ""
    top = max(max(getattr(row, name) for name, _label, _colour in CURVES) for row in rows) or 1
    steps = max(len(rows) - 1, 1)

    def point(i: int, value: Any) -> str:
        x = PAD + i * (CURVE_W - 2 * PAD) // steps
        y = CURVE_H - PAD - int(value * (CURVE_H - 2 * PAD) / top)
        return f"{x},{y}"

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{CURVE_W}" height="{CURVE_H}" '
        f'viewBox="0 0 {CURVE_W} {CURVE_H}" role="img" class="chart" '
        f'aria-label="{escape(gettext("Earned value over time (S-curve): PV, EV and AC"))}" '
        'data-testid="s-curve">',
        f'<line x1="{PAD}" y1="{CURVE_H - PAD}" x2="{CURVE_W - PAD}" y2="{CURVE_H - PAD}" '
        'stroke="#999"/>',
    ]
    for n, (name, label, colour) in enumerate(CURVES):
        points = " ".join(point(i, getattr(row, name)) for i, row in enumerate(rows))
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>'
        )
        parts.append(
            f'<text x="{PAD + n * 50}" y="14" font-size="11" fill="{colour}">{label}</text>'
        )
    first, last = rows[0].period, rows[-1].period
    parts.append(f'<text x="{PAD}" y="{CURVE_H - 8}" font-size="10">{first:%Y-%m}</text>')
    parts.append(
        f'<text x="{CURVE_W - PAD - 40}" y="{CURVE_H - 8}" font-size="10">{last:%Y-%m}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)
