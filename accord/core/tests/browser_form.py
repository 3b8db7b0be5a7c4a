"""Submit a page's form as a browser would (no browser): read the form's fields from the
HTML, with the values the browser would send.

One browser rule matters for dates: an `<input type=date>` whose value is not an ISO date
(`YYYY-MM-DD`) is shown empty and sent empty. A form drawn with "06.01.2027" in Russian
therefore loses its date on the way back, which is what these helpers make visible.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[list[tuple[str, str]]] = []
        self._fields: list[tuple[str, str]] | None = None
        self._select: tuple[str, bool, list[tuple[str, bool]]] | None = None
        self._option: list[Any] | None = None
        self._textarea: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self._fields = []
            self.forms.append(self._fields)
            return
        if self._fields is None:
            return
        name = a.get("name", "")
        if tag == "input" and name and "disabled" not in a:
            kind = a.get("type", "text").lower()
            value = a.get("value", "")
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._fields.append((name, value or "on"))
                return
            if kind == "date" and value and not ISO_DATE.match(value):
                value = ""  # the browser rejects it: the field shows and sends nothing
            self._fields.append((name, value))
        elif tag == "select" and name:
            self._select = (name, "multiple" in a, [])
        elif tag == "option" and self._select is not None:
            self._option = [a.get("value"), "selected" in a, ""]
        elif tag == "textarea" and name:
            self._textarea = (name, [])

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea[1].append(data)
        if self._option is not None:
            self._option[2] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "option" and self._option is not None and self._select is not None:
            value, selected, text = self._option
            self._select[2].append((text.strip() if value is None else value, selected))
            self._option = None
        elif tag == "select" and self._select is not None and self._fields is not None:
            name, multiple, options = self._select
            chosen = [v for v, s in options if s]
            if not chosen and not multiple and options:
                chosen = [options[0][0]]
            self._fields.extend((name, v) for v in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._fields is not None:
            name, parts = self._textarea
            self._fields.append((name, "".join(parts).removeprefix("\n")))
            self._textarea = None
        elif tag == "form":
            self._fields = None


def form_fields(html: str, containing: str) -> dict[str, Any]:
    """The fields of the first form on the page that has a field named `containing`, as
    the browser would send them (a list where a name repeats)."""
    parser = _Forms()
    parser.feed(html)
    for fields in parser.forms:
        if any(name == containing for name, _ in fields):
            data: dict[str, Any] = {}
            for name, value in fields:
                if name in data:
                    data[name] = [
                        *(data[name] if isinstance(data[name], list) else [data[name]]),
                        value,
                    ]
                else:
                    data[name] = value
            return data
    raise AssertionError(f"no form with a field {containing!r} on the page")
