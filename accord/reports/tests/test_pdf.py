"""The one PDF renderer: Cyrillic text comes out as text in an embedded Cyrillic font, the
language asked for is the one rendered, nothing outside the document is fetched, and the
PDF/A-3b variant carries its identification."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings
from pypdf import PdfReader

from accord.reports.pdf import PDF_A_3B, html_to_pdf, render_pdf

TEMPLATE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><h1>{{ title }}</h1><p>{% load i18n %}{% translate "Yes" %}</p></body></html>"""


def locmem_templates(**templates: str) -> Any:
    return override_settings(
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", templates)]},
            }
        ]
    )


def text_of(pdf: bytes) -> str:
    """The text of every page, whitespace folded (kerning may split a word)."""
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def letters_of(pdf: bytes) -> str:
    return "".join(text_of(pdf).split())


def fonts_of(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_cyrillic_text_renders_as_text_in_an_embedded_cyrillic_font() -> None:
    with locmem_templates(**{"report.html": TEMPLATE}):
        pdf = render_pdf("report.html", {"title": "Заключение экспертизы"}, language="en")
    assert pdf.startswith(b"%PDF")
    assert "Заключение экспертизы" in text_of(pdf)
    assert any("DejaVu-Sans" in name for name in fonts_of(pdf)), fonts_of(pdf)


def test_the_template_is_rendered_in_the_language_asked_for() -> None:
    with locmem_templates(**{"report.html": TEMPLATE}):
        russian = letters_of(render_pdf("report.html", {"title": "R"}, language="ru"))
        english = letters_of(render_pdf("report.html", {"title": "E"}, language="en"))
    assert "Да" in russian and "Yes" not in russian
    assert "Yes" in english


def test_the_report_fetches_nothing_whatever_its_text_says(tmp_path: Path) -> None:
    css = tmp_path / "leak.css"
    css.write_text('body::after { content: "LEAKED-STYLESHEET"; }', encoding="utf-8")
    html = (
        f'<html><head><link rel="stylesheet" href="{css.as_uri()}"></head>'
        '<body><p>Отчёт</p><img src="http://127.0.0.1:9/x.png" alt=""></body></html>'
    )
    pdf = html_to_pdf(html)
    assert "Отчёт" in text_of(pdf)
    assert "LEAKED-STYLESHEET" not in text_of(pdf)
    # The same stylesheet, inlined, does apply: the check above can fail.
    inlined = f"<html><head><style>{css.read_text()}</style></head><body><p>Отчёт</p></body></html>"
    assert "LEAKED-STYLESHEET" in text_of(html_to_pdf(inlined))


def test_the_pdf_a_variant_identifies_itself_in_its_metadata() -> None:
    pdf = html_to_pdf("<p>Архивная копия</p>", variant=PDF_A_3B)
    reader = PdfReader(io.BytesIO(pdf))
    root: Any = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "pdfaid:part" in xmp and "3" in xmp.split("pdfaid:part")[1][:8]
    assert "pdfaid:conformance" in xmp and "B" in xmp.split("pdfaid:conformance")[1][:8]
    intent = root["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    assert "Архивная копия" in text_of(pdf)
    # The ordinary report has neither.
    plain: Any = PdfReader(io.BytesIO(html_to_pdf("<p>x</p>"))).trailer["/Root"]
    assert "/OutputIntents" not in plain


def test_an_unknown_variant_is_refused() -> None:
    with pytest.raises(ValueError, match="variant"):
        html_to_pdf("<p>x</p>", variant="pdf/z-9")
