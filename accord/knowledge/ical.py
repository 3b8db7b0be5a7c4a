"""The iCalendar (RFC 5545) feed of what falls due, built with the `icalendar` library:
one all-day event per due date, with a stable UID so that a calendar re-reading the feed
updates an event rather than adding it again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone
from icalendar import Calendar, Event

from accord.knowledge.selectors.calendar import DueDate

PRODID = "-//Accord//Knowledge exchange//EN"


def feed(dates: Iterable[DueDate], *, base_url: str, host: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    stamp = timezone.now().astimezone(dt.UTC)
    for due in dates:
        event = Event()
        event.add("uid", f"{due.uid}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", due.day)
        event.add("dtend", due.day + dt.timedelta(days=1))
        event.add("summary", due.summary)
        event.add("description", due.description[:2000])
        event.add("url", base_url + due.path)
        calendar.add_component(event)
    return calendar.to_ical()
