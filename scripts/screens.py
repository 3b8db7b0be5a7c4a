#!/usr/bin/env python
"""Screenshots of the main pages, at 1366 px and 390 px, in English and Russian, from the
demo data, into docs/screens/ (JPEG of the window, quality 70). `make screens` runs it;
it is not part of `make test`.

    scripts/screens.py                      # a throw-away demo database and server
    scripts/screens.py --base-url URL       # a running demo (`make demo`); DATABASE_URL
                                            # must name its database (to find records)

Needs Debian's Chromium (/usr/bin/chromium), as the browser tests do.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# (page of tests/browser/main_pages.py, file name): the pages the README shows.
SHOTS = (
    ("home", "home"),
    ("law-matrix", "law-matrix"),
    ("law-screen-result", "law-screening"),
    ("expertise-review", "expertise-review"),
    ("expertise-matrix", "expertise-matrix"),
    ("trafficking-index", "trafficking-overview"),
    ("trafficking-incident", "trafficking-incident"),
    ("trafficking-correlation", "trafficking-correlation"),
    ("standards-version", "standards-version"),
    ("standards-assessment", "standards-assessment"),
    ("provision-desk", "provision-desk"),
    ("knowledge-index", "knowledge-register"),
    ("programmes-programme", "programmes-programme"),
    ("legislation-matrix", "legislation-matrix"),
)
WIDTHS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}
LANGUAGES = {"en": "en-US", "ru": "ru-RU"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_demo(env: dict[str, str]) -> tuple[str, subprocess.Popen[bytes]]:
    accord = [sys.executable, "-m", "accord"]
    subprocess.run([*accord, "migrate", "--noinput", "--verbosity", "0"], env=env, check=True)  # noqa: S603
    subprocess.run([*accord, "demo"], env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - our own command
        [*accord, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.2)
    return f"http://127.0.0.1:{port}", server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", help="a running demo site (default: start one)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screens"))
    args = parser.parse_args()

    env = {**os.environ, "ACCORD_DEBUG": "1", "ACCORD_RELAX_SECOND_FACTOR": "1"}
    server = None
    with tempfile.TemporaryDirectory() as scratch:
        if not args.base_url:
            env["DATABASE_URL"] = f"sqlite:///{scratch}/demo.sqlite3"
            env["ACCORD_MEDIA_ROOT"] = f"{scratch}/media"
            base_url, server = start_demo(env)
        else:
            base_url = args.base_url
        os.environ.update(env)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.settings")
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        try:
            shoot(base_url, Path(args.out))
        finally:
            if server is not None:
                server.terminate()
                server.wait(timeout=10)
    return 0


def shoot(base_url: str, out: Path) -> None:
    import django

    django.setup()
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
    from tests.browser.main_pages import PAGES_BY_NAME, sign_in

    out.mkdir(parents=True, exist_ok=True)
    paths = {name: PAGES_BY_NAME[name].resolve() for name, _file in SHOTS}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        for language, locale in LANGUAGES.items():
            pages: dict[str, object] = {}
            for name, file in SHOTS:
                user = PAGES_BY_NAME[name].user
                if user not in pages:
                    context = browser.new_context(base_url=base_url, locale=locale)
                    pages[user] = context.new_page()
                    sign_in(pages[user], user)  # type: ignore[arg-type]
                page = pages[user]
                for size, viewport in WIDTHS.items():
                    page.set_viewport_size(viewport)  # type: ignore[attr-defined]
                    page.goto(paths[name])  # type: ignore[attr-defined]
                    target = out / f"{file}-{size}-{language}.jpg"
                    page.screenshot(path=str(target), type="jpeg", quality=70)  # type: ignore[attr-defined]
                    print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
        browser.close()


if __name__ == "__main__":
    raise SystemExit(main())
