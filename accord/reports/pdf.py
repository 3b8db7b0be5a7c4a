"""The one PDF renderer of Accord: a Django template rendered to HTML, then to PDF with
WeasyPrint.

- **Self-contained**: a report fetches nothing, whatever the text in it says (no base
  URL; the URL fetcher allows no protocol), so a crafted link in a stored text can make
  the server reach nothing.
- **Fonts with Cyrillic**: a base stylesheet puts fonts that cover Cyrillic first in the
  fallback list (DejaVu, as Debian ships it, then Liberation and Noto); a template's own
  `font-family` still wins.
- **Language**: the template is rendered with the given language active, so a report is
  in the language asked for, not in whatever the process happens to have active.
- **Variant**: `variant="pdf/a-3b"` makes an archival PDF/A-3b (embedded fonts, XMP
  metadata, an sRGB output intent), for a document kept as the record.

Free of request objects: a background task can call `render_pdf` with ids it re-fetched.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import override

PDF_A_3B = "pdf/a-3b"
VARIANTS = (PDF_A_3B,)

BASE_CSS = """
html { font-family: "DejaVu Sans", "Liberation Sans", "Noto Sans", sans-serif; }
code, pre, kbd, samp { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; }
"""


def render_html(template_name: str, context: Mapping[str, Any], *, language: str) -> str:
    """The report's HTML, rendered with `language` active."""
    with override(language):
        return render_to_string(template_name, dict(context))


def html_to_pdf(html: str, *, variant: str | None = None) -> bytes:
    """PDF bytes of an HTML document (see the module docstring for what is set up)."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    if variant is not None and variant not in VARIANTS:
        raise ValueError(f"unknown PDF variant {variant!r}")
    fonts = FontConfiguration()
    document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=()), base_url=None)
    options: dict[str, Any] = {}
    if variant is not None:
        options["pdf_variant"] = variant
    pdf = document.write_pdf(
        stylesheets=[CSS(string=BASE_CSS, font_config=fonts)], font_config=fonts, **options
    )
    assert pdf is not None
    return bytes(pdf)


def render_pdf(
    template_name: str,
    context: Mapping[str, Any],
    *,
    language: str,
    variant: str | None = None,
) -> bytes:
    """Render `template_name` with `context` in `language` and return the PDF bytes."""
    return html_to_pdf(render_html(template_name, context, language=language), variant=variant)
