"""Issue 17.8: no-store on signed-in pages, the API and exports; HSTS settable; the
development SECRET_KEY refused with DEBUG off; `check --deploy` clean with the README's
production settings."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

README = Path(__file__).resolve().parents[3] / "README.md"


def _no_store(response):
    return "no-store" in response.get("Cache-Control", "")


def test_signed_in_pages_the_api_and_exports_are_not_stored(make_user, client, api_client):
    user = make_user("RUS", roles=["legal_adviser"])
    client.force_login(user)
    for name in ("core:home", "accounts:profile", "law:export-instruments"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert _no_store(response), name
    token_client = api_client(user)
    assert _no_store(token_client.get(reverse("api:me")))
    assert _no_store(client.__class__().get(reverse("api:me")))  # even the 401/403


def test_hsts_include_subdomains_and_preload_are_settable(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get(reverse("accounts:sign-in"), secure=True)
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    values = _python(
        {
            "SECRET_KEY": "k" * 60,
            "ACCORD_HSTS_INCLUDE_SUBDOMAINS": "true",
            "ACCORD_HSTS_PRELOAD": "true",
        },
        "import accord.settings as s; "
        "print(s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)",
    )
    assert values.stdout.strip() == "True True", values.stderr


def _environment(env, tmp_path=None):
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("ACCORD_")
        # The browser tests' Playwright sets DJANGO_ALLOW_ASYNC_UNSAFE in this process: a
        # deployment does not (and Django's deploy check refuses it).
        and k not in {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    if tmp_path is not None:
        environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'deploy.sqlite3'}"
        environment["ACCORD_STATIC_ROOT"] = str(tmp_path / "static")
    environment.update(env)
    return environment


def _python(env, code, tmp_path=None):
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        env=_environment(env, tmp_path),
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_the_development_key_refuses_to_start_with_debug_off(tmp_path):
    refused = _python({}, "import accord.wsgi", tmp_path)
    assert refused.returncode != 0
    assert "SECRET_KEY is the development fallback" in refused.stderr
    started = _python({"SECRET_KEY": secrets.token_urlsafe(50)}, "import accord.wsgi", tmp_path)
    assert started.returncode == 0, started.stderr
    debug = _python({"ACCORD_DEBUG": "true"}, "import accord.wsgi", tmp_path)
    assert debug.returncode == 0, debug.stderr
    check = _python(
        {},
        "from accord.cli import main; import sys; "
        "sys.argv = ['accord', 'check', '--deploy', '--tag', 'security']; main()",
        tmp_path,
    )
    assert check.returncode != 0
    assert "accord.E020" in check.stderr


def _readme_production_environment():
    """The `export` lines of the README's production section, with a fresh key."""
    text = README.read_text()
    section = text[text.index("## Running on PostgreSQL with gunicorn") :]
    block = section[section.index("```sh") : section.index("```", section.index("```sh") + 5)]
    env = {}
    for line in block.splitlines():
        if not line.startswith("export "):
            continue
        for name, value in re.findall(r"(\w+)=(\S+)", line):
            env[name] = value
    assert "SECRET_KEY" in env and "ACCORD_HSTS_SECONDS" in env
    env["SECRET_KEY"] = secrets.token_urlsafe(50)
    env.pop("DATABASE_URL")  # the check runs against a throw-away SQLite file instead
    env.pop("ACCORD_STATIC_ROOT")
    return env


def test_check_deploy_passes_with_the_readme_production_settings(tmp_path):
    result = subprocess.run(  # noqa: S603 - our own command
        [
            str(Path(sys.executable).with_name("accord")),
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        env=_environment(_readme_production_environment(), tmp_path),
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    issues = re.findall(r"\(([\w.]+)\) (.*)", result.stderr + result.stdout)
    assert issues == [], result.stderr
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("value", ["", "0"])
def test_hsts_is_off_unless_asked(client, settings, value):
    settings.SECURE_HSTS_SECONDS = int(value or 0)
    assert "Strict-Transport-Security" not in client.get(reverse("accounts:sign-in"), secure=True)
