"""Failure answers (issue 17, point 13): a database that is down or full answers 503 with
the request id (JSON on the API, a plain page elsewhere), never an HTML 500 without one;
every error page and API error carries the request id; every log line does too.

The database failures are real: the connection is pointed at a database that cannot be
opened, or SQLite's `max_page_count` makes the test database full."""

from __future__ import annotations

import io
import json
import logging
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from accord.core.models import Classification, Release
from accord.core.request_id import JsonFormatter, RequestIdFilter
from tests.markedapp.models import Dossier


def _unreachable(settings_dict: dict[str, Any]) -> None:
    """Point the connection's settings at a database that cannot be reached."""
    if connection.vendor == "sqlite":
        settings_dict["NAME"] = "/nonexistent-accord-directory/accord.sqlite3"
    else:
        settings_dict["HOST"] = "127.0.0.1"
        settings_dict["PORT"] = "9"  # discard: nothing listens
        settings_dict.setdefault("OPTIONS", {})["connect_timeout"] = 2


def _during_outage(client: Client, path: str, **extra: Any) -> Any:
    saved = dict(connection.settings_dict)
    saved_options = dict(connection.settings_dict.get("OPTIONS", {}))
    connection.close()
    _unreachable(connection.settings_dict)
    client.raise_request_exception = False
    try:
        return client.get(path, **extra)
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)
        connection.settings_dict["OPTIONS"] = saved_options


@pytest.mark.django_db(transaction=True)
def test_the_api_answers_a_database_outage_with_json_503_and_the_request_id(
    make_user: Any,
) -> None:
    client = Client()
    client.force_login(make_user("RUS"))
    response = _during_outage(client, "/api/v1/parties/", HTTP_X_REQUEST_ID="outage-api-1")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Request-ID"] == "outage-api-1"
    assert response["Retry-After"].isdigit()
    body = response.json()
    assert body["code"] == "service_unavailable"
    assert body["request_id"] == "outage-api-1"


@pytest.mark.django_db(transaction=True)
def test_a_page_answers_a_database_outage_with_the_503_page_and_the_request_id(
    make_user: Any,
) -> None:
    client = Client()
    client.force_login(make_user("RUS"))
    response = _during_outage(client, reverse("core:home"), HTTP_X_REQUEST_ID="outage-page-1")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    text = response.content.decode()
    assert "outage-page-1" in text
    assert "unavailable" in text
    # Back up: the same client is served again.
    assert client.get(reverse("core:home")).status_code == 200


def _fill_the_database() -> tuple[int, int, int]:
    """Make the SQLite test database full for real: use up its free pages, then forbid it
    to grow. Returns the previous limit, to restore."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA page_size")
        page_size = cursor.fetchone()[0]
        cursor.execute("PRAGMA freelist_count")
        free = cursor.fetchone()[0]
        cursor.execute("PRAGMA max_page_count")
        previous = cursor.fetchone()[0]
    return page_size, free, previous


@pytest.mark.django_db(transaction=True)
def test_a_full_database_answers_503_not_500(make_user: Any, party: Any) -> None:
    owner = make_user("RUS")
    dossier = Dossier.objects.create(
        owner=party("RUS"),
        classification=Classification.UNCLASSIFIED,
        release=Release.PUBLIC,
        title="filler",
    )
    client = Client(raise_request_exception=False)
    client.force_login(owner)
    url = reverse("dossier-detail-api", args=[dossier.pk])
    if connection.vendor == "sqlite":
        page_size, free, previous = _fill_the_database()
        # Use the free pages up, so that the next write must grow the file.
        Dossier.objects.filter(pk=dossier.pk).update(body="f" * ((free + 8) * page_size))
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA page_count")
            pages = cursor.fetchone()[0]
            cursor.execute(f"PRAGMA max_page_count = {int(pages)}")
        try:
            response = client.patch(
                url,
                data=json.dumps({"version": dossier.version, "body": "x" * (64 * page_size)}),
                content_type="application/json",
                HTTP_X_REQUEST_ID="disk-full-1",
            )
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA max_page_count = {int(previous)}")
        assert response.status_code == 503, response.content
        assert response.json()["request_id"] == "disk-full-1"
    else:
        # PostgreSQL: a real write past temp_file_limit fails with SQLSTATE 53400, the
        # class (53, insufficient resources) of DiskFull; both are OperationalError.
        from django.db import OperationalError

        from accord.core.web import database_unavailable

        with connection.cursor() as cursor:
            cursor.execute("SET temp_file_limit = '64kB'")
            try:
                with pytest.raises(OperationalError) as raised:
                    cursor.execute(
                        "SELECT count(*) FROM (SELECT g FROM generate_series(1, 2000000) g "
                        "ORDER BY md5(g::text)) s"
                    )
            finally:
                cursor.execute("RESET temp_file_limit")
        assert database_unavailable(raised.value)


# --- The request id on every error answer ----------------------------------------------


@pytest.mark.parametrize(
    ("path", "method", "status"),
    [
        ("/api/v1/no-such-thing/", "get", 404),
        ("/api/v1/audit/verify/", "get", 405),
        ("/api/test/dossiers/999999/", "get", 404),
    ],
)
def test_every_api_error_carries_the_request_id(
    make_user: Any, api_client: Any, path: str, method: str, status: int
) -> None:
    client = api_client(make_user("RUS"))
    response = getattr(client, method)(path, HTTP_X_REQUEST_ID="api-error-42", format="json")
    assert response.status_code == status
    assert response["X-Request-ID"] == "api-error-42"
    # The body keeps its shape (a hidden record's 404 is the same bytes as a missing one's).
    assert set(response.json()) <= {"code", "detail", "errors"}


def test_an_api_400_403_and_409_carry_the_request_id(
    make_user: Any, api_client: Any, party: Any
) -> None:
    owner = make_user("RUS")
    dossier = Dossier.objects.create(
        owner=party("RUS"),
        classification=Classification.UNCLASSIFIED,
        release=Release.PUBLIC,
        title="public",
    )
    url = f"/api/test/dossiers/{dossier.pk}/"
    answers = {
        400: api_client(owner).patch(
            url, {"version": "x"}, format="json", HTTP_X_REQUEST_ID="api-400-id"
        ),
        409: api_client(owner).patch(
            url, {"version": 99, "title": "t"}, format="json", HTTP_X_REQUEST_ID="api-409-id"
        ),
        403: api_client(make_user("KAZ")).patch(
            url,
            {"version": dossier.version, "title": "t"},
            format="json",
            HTTP_X_REQUEST_ID="api-403-id",
        ),
    }
    for status, response in answers.items():
        assert response.status_code == status, (status, response.content)
        assert response["X-Request-ID"] == f"api-{status}-id"
        assert "request_id" not in response.json()
    # An anonymous caller is refused too, with the id.
    response = Client().get("/api/v1/me/", HTTP_X_REQUEST_ID="api-anon-id")
    assert response.status_code in (401, 403)
    assert response["X-Request-ID"] == "api-anon-id"


def test_every_error_page_carries_the_request_id(make_user: Any, party: Any) -> None:
    user = make_user("RUS")
    client = Client()
    client.force_login(user)
    pages = {
        404: client.get("/no-such-page/", HTTP_X_REQUEST_ID="page-404-id"),
        405: client.put(reverse("accounts:sign-out"), HTTP_X_REQUEST_ID="page-405-id"),
    }
    stranger = make_user("KAZ")
    other = Client()
    other.force_login(stranger)
    dossier = Dossier.objects.create(
        owner=party("RUS"),
        classification=Classification.UNCLASSIFIED,
        release=Release.PUBLIC,
        title="public",
    )
    pages[403] = other.post(
        reverse("dossier-edit", args=[dossier.pk]),
        {"version": dossier.version, "title": "not mine"},
        HTTP_X_REQUEST_ID="page-403-id",
    )
    csrf = Client(enforce_csrf_checks=True)
    csrf.force_login(user)
    pages[4030] = csrf.post(reverse("accounts:sign-out"), HTTP_X_REQUEST_ID="page-csrf-id")
    pages[400] = client.get("/", HTTP_HOST="bad host!", HTTP_X_REQUEST_ID="page-400-id")
    for status, response in pages.items():
        expected = 403 if status == 4030 else status
        assert response.status_code == expected, (status, response.status_code)
        assert response["X-Request-ID"] in response.content.decode(), status


def test_the_500_page_carries_the_request_id() -> None:
    from django.test import RequestFactory

    from accord.core.request_id import _CURRENT
    from accord.core.web import server_error

    token = _CURRENT.set("five-hundred-1")
    try:
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            page = server_error(RequestFactory().get("/"))
            api = server_error(RequestFactory().get("/api/v1/"))
    finally:
        _CURRENT.reset(token)
    assert page.status_code == 500 and b"five-hundred-1" in page.content
    assert api.status_code == 500 and json.loads(api.content)["request_id"] == "five-hundred-1"


# --- Log lines --------------------------------------------------------------------------


def test_a_log_line_written_in_a_request_carries_its_id_user_and_path(
    make_user: Any, api_client: Any
) -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        user = make_user("RUS")
        response = api_client(user).get("/api/v1/no-such-thing/", HTTP_X_REQUEST_ID="log-line-7")
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 404
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert lines, "Django logs the 404"
    line = lines[-1]
    assert line["request_id"] == "log-line-7"
    assert line["path"] == "/api/v1/no-such-thing/"
    assert line["level"] == "WARNING"
    assert line["status"] == 404


def test_a_log_line_outside_a_request_says_so() -> None:
    record = logging.LogRecord("accord", logging.INFO, __file__, 1, "worker %s", ("up",), None)
    RequestIdFilter().filter(record)
    data = json.loads(JsonFormatter().format(record))
    assert (data["request_id"], data["user_id"], data["path"], data["message"]) == (
        "-",
        "-",
        "-",
        "worker up",
    )


def test_the_log_format_is_a_setting() -> None:
    import os
    import subprocess
    import sys

    def handler_formatter(value: str) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        env["ACCORD_LOG_FORMAT"] = value
        return subprocess.run(
            [
                sys.executable,
                "-c",
                "import accord.settings as s; print(s.LOGGING['handlers']['console']['formatter'])",
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    assert handler_formatter("json").stdout.strip() == "json"
    assert handler_formatter("text").stdout.strip() == "request"
    assert handler_formatter("xml").returncode != 0
