"""Every page starts with a "Skip to content" link to its main content, and the site has
an icon: `/favicon.ico` (which browsers ask for by themselves) no longer answers 404."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse


@pytest.mark.django_db
@pytest.mark.parametrize("signed_in", [False, True])
def test_the_first_link_skips_to_the_main_content(signed_in, make_user, client) -> None:
    if signed_in:
        client.force_login(make_user("RUS"))
    url = reverse("core:home") if signed_in else reverse("accounts:sign-in")
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    body = page.split("<body", 1)[1]
    first = re.search(r"<a [^>]*>([^<]*)</a>", body)
    assert first is not None and 'href="#content"' in first.group(0), first
    assert first.group(1) == "Перейти к содержанию"
    assert re.search(r'<main [^>]*id="content"', page)


@pytest.mark.django_db
def test_favicon(client) -> None:
    answer = client.get("/favicon.ico")
    assert answer.status_code == 302
    icon = re.search(
        r'<link rel="icon" href="([^"]+)"', client.get(reverse("accounts:sign-in")).content.decode()
    )
    assert icon is not None and answer["Location"] == icon.group(1)
    assert finders.find("accord/favicon.svg")
