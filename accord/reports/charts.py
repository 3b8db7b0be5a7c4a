"""Charts drawn as inline SVG from the figures on the page.

The SVG is computed from the same numbers the page shows in its table (pass both the chart
and the table to the template), so a chart is never an image pasted in, works without
JavaScript, prints, and goes into the PDF reports unchanged. Labels are escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

PALETTE = ("#1f6feb", "#d97706", "#059669", "#b91c1c", "#7c3aed", "#0e7490", "#a16207")


@dataclass(frozen=True)
class Series:
    """One named series of values, aligned with the chart's categories."""

    name: str
    values: Sequence[float]


def _number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def bar_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    width: int = 640,
    bar_height: int = 18,
    stacked: bool = False,
) -> SafeString:
    """Horizontal bars, one row per category; several series side by side (or stacked).
    The values are written at the end of each bar, so the chart reads without a scale."""
    label_width = min(220, 12 + 7 * max((len(c) for c in categories), default=4))
    plot = width - label_width - 60
    per_row = bar_height if stacked else bar_height * max(1, len(series))
    row_height = per_row + 8
    legend = 22 if len(series) > 1 else 0
    height = legend + row_height * max(1, len(categories)) + 8
    if stacked:
        totals = [sum(s.values[i] for s in series) for i in range(len(categories))]
        top = max(totals, default=0)
    else:
        top = max((v for s in series for v in s.values), default=0)
    scale = plot / top if top else 0
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for index, s in enumerate(series if len(series) > 1 else ()):
        key_x = label_width + index * 150
        colour = PALETTE[index % len(PALETTE)]
        parts.append(f'<rect x="{key_x}" y="4" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{key_x + 16}" y="14" font-size="12">{escape(s.name)}</text>')
    for row, category in enumerate(categories):
        y = legend + row * row_height + 4
        parts.append(
            f'<text x="{label_width - 6}" y="{y + per_row / 2 + 4}" font-size="12" '
            f'text-anchor="end">{escape(category)}</text>'
        )
        x = float(label_width)
        for index, s in enumerate(series):
            value = s.values[row]
            length = value * scale
            colour = PALETTE[index % len(PALETTE)]
            bar_y = y if stacked else y + index * bar_height
            parts.append(
                f'<rect x="{x:.1f}" y="{bar_y}" width="{length:.1f}" height="{bar_height - 2}" '
                f'fill="{colour}"><title>{escape(s.name)}: {_number(value)}</title></rect>'
            )
            if stacked:
                x += length
            else:
                parts.append(
                    f'<text x="{x + length + 4:.1f}" y="{bar_y + bar_height - 5}" '
                    f'font-size="11">{_number(value)}</text>'
                )
        if stacked:
            total = sum(s.values[row] for s in series)
            parts.append(
                f'<text x="{x + 4:.1f}" y="{y + bar_height - 5}" font-size="11">'
                f"{_number(total)}</text>"
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def line_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    width: int = 640,
    height: int = 220,
    y_max: float | None = None,
) -> SafeString:
    """A line per series over ordered categories (months, assessment dates), with a point
    and its value at each category."""
    left, right, top, bottom = 40, 16, 24 if len(series) > 1 else 12, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    highest = y_max if y_max is not None else max((v for s in series for v in s.values), default=0)
    highest = highest or 1
    step = plot_w / max(1, len(categories) - 1)

    def point(i: int, v: float) -> tuple[float, float]:
        return left + i * step, top + plot_h - v / highest * plot_h

    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        'stroke="#888"/>',
        f'<text x="{left - 4}" y="{top + 4}" font-size="11" text-anchor="end">'
        f"{_number(highest)}</text>",
        f'<text x="{left - 4}" y="{top + plot_h}" font-size="11" text-anchor="end">0</text>',
    ]
    label_every = max(1, len(categories) // 8)
    for i, category in enumerate(categories):
        if i % label_every == 0:
            x, _y = point(i, 0)
            # The first and last labels are anchored inwards so they are never cut off.
            anchor = "start" if i == 0 else "end" if i == len(categories) - 1 else "middle"
            parts.append(
                f'<text x="{x:.1f}" y="{height - 12}" font-size="11" text-anchor="{anchor}">'
                f"{escape(category)}</text>"
            )
    for index, s in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        if len(series) > 1:
            lx = left + index * 150
            parts.append(f'<rect x="{lx}" y="4" width="12" height="12" fill="{colour}"/>')
            parts.append(f'<text x="{lx + 16}" y="14" font-size="12">{escape(s.name)}</text>')
        points = [point(i, v) for i, v in enumerate(s.values)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for (x, y), value, category in zip(points, s.values, categories, strict=False):
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"><title>'
                f"{escape(category)}: {_number(value)}</title></circle>"
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
