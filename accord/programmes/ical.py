"""Milestones and due dates of a programme as iCalendar (RFC 5545): one all-day event per
milestone or phase gate and per call for contributions' due date."""

from __future__ import annotations

import datetime as dt

from accord.programmes.models import Programme


def _text(value: str) -> str:
    """RFC 5545 TEXT escaping (backslash, semicolon, comma, newline)."""
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _event(uid: str, day: dt.date, summary: str, stamp: str) -> list[str]:
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{_text(summary)}",
        "END:VEVENT",
    ]


def milestones_ics(programme: Programme, *, now: dt.datetime) -> bytes:
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Accord//Programmes//EN"]
    for package in programme.work_packages.filter(milestone=True).order_by("finish"):
        lines += _event(
            f"wp-{package.pk}@accord",
            package.finish,
            f"{programme.identifier} {package.wbs_code} {package.title}",
            stamp,
        )
    for call in programme.assessments.order_by("due_date"):
        lines += _event(
            f"call-{call.pk}@accord",
            call.due_date,
            f"{programme.identifier}: call #{call.number} due",
            stamp,
        )
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")
