"""The module skeleton (`accord/core/app_template/`) generates a module that works.

An app is generated from the skeleton into a temporary folder the way docs/new-module.md
says (`accord startapp --template accord/core/app_template <name> <dir>`), then:

- every file is rendered or copied (no `-tpl` left), every Python file compiles, has no
  template placeholder left and passes the project's `ruff check`;
- the real proof: in a subprocess, with its own settings module (tests.settings plus the
  app, mounted as `accord.<name>`) and URLs, `makemigrations` writes the app's first
  migration and the app's own generated tests (services, API, pages, the access matrix
  against the rule oracle, the demo) pass.

The skeleton's own files all end in `-tpl`, so the project never collects, lints,
type-checks or translates them as its own code.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

import accord

ACCORD_DIR = Path(accord.__file__).resolve().parent
PROJECT_DIR = ACCORD_DIR.parent
TEMPLATE = ACCORD_DIR / "core" / "app_template"
NAME = "tplmodule"

EXPECTED = {
    "__init__.py",
    "admin.py",
    "api/__init__.py",
    "api/filters.py",
    "api/records.py",
    "api_urls.py",
    "apps.py",
    "demo.py",
    "forms.py",
    "migrations/__init__.py",
    "models/__init__.py",
    "models/record.py",
    "permissions.py",
    "selectors/__init__.py",
    "selectors/records.py",
    "services/__init__.py",
    "services/records.py",
    f"templates/{NAME}/record_detail.html",
    f"templates/{NAME}/record_form.html",
    f"templates/{NAME}/record_list.html",
    "tests/__init__.py",
    "tests/test_access.py",
    "tests/test_api.py",
    "tests/test_pages.py",
    "tests/test_services.py",
    "urls.py",
    "views/__init__.py",
    "views/records.py",
}

SETTINGS = """\
import accord

# The generated app lives outside the source tree: mount it as accord.{name}.
accord.__path__.append({root!r})

from tests.settings import *  # noqa: E402,F403
from tests.settings import INSTALLED_APPS  # noqa: E402

INSTALLED_APPS = [*INSTALLED_APPS, "accord.{name}"]
ROOT_URLCONF = "tpl_urls"
"""

URLS = """\
from django.urls import include, path

from tests.urls import handler403, handler404
from tests.urls import urlpatterns as project

urlpatterns = [
    path("{name}/", include("accord.{name}.urls")),
    path("api/v1/{name}/", include("accord.{name}.api_urls")),
    *project,
]
__all__ = ["handler403", "handler404", "urlpatterns"]
"""


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("accord_tpl_demo")
    target = root / NAME
    target.mkdir()
    call_command("startapp", NAME, str(target), template=str(TEMPLATE), verbosity=0)
    return target


def _files(folder: Path) -> set[str]:
    return {
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_the_skeleton_is_not_project_code() -> None:
    """Every file of the skeleton ends in -tpl: pytest, ruff, mypy and makemessages (which
    read .py and .html files) leave it alone."""
    files = _files(TEMPLATE)
    assert files, TEMPLATE
    assert [name for name in files if not name.endswith("-tpl")] == []


def test_every_file_is_generated(generated: Path) -> None:
    assert _files(generated) == EXPECTED


def test_python_compiles_without_placeholders(generated: Path) -> None:
    for path in sorted(generated.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for marker in ("{{", "}}", "{%", "%}", "camel_case_app_name"):
            assert marker not in text, f"{path}: {marker!r} left"
        compile(text, str(path), "exec")
    apps_py = (generated / "apps.py").read_text(encoding="utf-8")
    assert 'name = "accord.tplmodule"' in apps_py
    assert "class TplmoduleConfig(AppConfig)" in apps_py


def test_html_templates_are_copied_as_they_are(generated: Path) -> None:
    """The new app's Django templates are not rendered by startapp: their tags survive,
    and they name the app only through the `ns` the views pass."""
    for path in sorted((generated / "templates" / NAME).glob("*.html")):
        text = path.read_text(encoding="utf-8")
        assert text.startswith('{% extends "base.html" %}'), path
        assert "app_name" not in text and NAME not in text, path
    form = (generated / "templates" / NAME / "record_form.html").read_text(encoding="utf-8")
    assert "core/_field.html" in form
    listing = (generated / "templates" / NAME / "record_list.html").read_text(encoding="utf-8")
    assert "core/_marking.html" in listing


def test_python_passes_the_project_ruff(generated: Path) -> None:
    result = subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--no-cache",
            "--config",
            str(PROJECT_DIR / "pyproject.toml"),
            # Outside the source tree ruff cannot tell accord is the project's own package.
            "--config",
            "lint.isort.known-first-party = ['accord']",
            str(generated),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _run(args: list[str], cwd: Path, timeout: int) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        # SQLite of its own: never the PostgreSQL test database this process is using.
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "PYTEST_ADDOPTS"}
    }
    env.update(
        PYTHONPATH=os.pathsep.join([str(cwd), str(PROJECT_DIR)]),
        DJANGO_SETTINGS_MODULE="tpl_settings",
        ACCORD_TESTING="1",
    )
    return subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_the_generated_module_installs_and_passes_its_own_tests(generated: Path) -> None:
    root = generated.parent
    (root / "tpl_settings.py").write_text(
        SETTINGS.format(root=str(root), name=NAME), encoding="utf-8"
    )
    (root / "tpl_urls.py").write_text(URLS.format(name=NAME), encoding="utf-8")

    migrations = _run(["-m", "accord", "makemigrations", NAME], root, timeout=120)
    assert migrations.returncode == 0, migrations.stdout + migrations.stderr
    assert (generated / "migrations" / "0001_initial.py").is_file(), migrations.stdout

    tests = _run(
        [
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-c",
            str(PROJECT_DIR / "pyproject.toml"),
            "--rootdir",
            str(root),
            "-p",
            "conftest",  # the project's fixtures (make_user, api_client, party)
            "--ds",
            "tpl_settings",
            f"{NAME}/tests",
        ],
        root,
        timeout=300,
    )
    output = tests.stdout + tests.stderr
    assert tests.returncode == 0, output
    assert " passed" in output and "failed" not in output and "skipped" not in output, output
