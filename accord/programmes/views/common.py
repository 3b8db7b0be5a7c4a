"""What the module's pages share: rendering in the module's section, the generic form
page, the programme read through the access rule."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from accord.core.web import render_page

SECTION = "programmes"


def page(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> Any:
    return render_page(
        request, f"{SECTION}/{template}", SECTION, {"ns": SECTION, **context}, status
    )


def form_page(
    request: HttpRequest,
    *,
    title: Any,
    form: Any,
    back: str,
    formset: Any = None,
    intro: Any = "",
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    has_errors = bool(form.errors) or bool(formset is not None and formset.total_error_count())
    return page(
        request,
        "form.html",
        {
            "title": title,
            "form": form,
            "formset": formset,
            "back": back,
            "intro": intro,
            **(extra or {}),
        },
        status=400 if has_errors else 200,
    )
