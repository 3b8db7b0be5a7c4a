"""The vendored front-end files are served from our own origin (no CDN)."""

import pytest
from django.contrib.staticfiles import finders


@pytest.mark.parametrize(
    "path",
    [
        "vendor/htmx/htmx.min.js",
        "vendor/pico/pico.min.css",
        "accord/accord.css",
    ],
)
def test_vendored_files_are_found(path):
    assert finders.find(path) is not None


def test_pages_reference_no_external_host(make_user, client):
    client.force_login(make_user("RUS"))
    body = client.get("/").content.decode()
    assert "/static/vendor/pico/pico.min.css" in body
    assert "https://" not in body and "http://" not in body.replace("http://www.w3.org", "")
