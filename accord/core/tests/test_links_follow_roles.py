"""No page offers a link that refuses the user: for a user of each single role, every link
of each module's overview and of the pages it links to (its sub-navigation and action
links) opens (no 403). Each module decides what to show with its own `permissions.py`."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from accord.core.roles import Role

pytestmark = pytest.mark.django_db

MODULES = ("expertise", "law", "standards", "trafficking")
ROLES = [None, *Role.values]
HREF = re.compile(r'<a [^>]*href="(/[^"#]*)"')
SKIP = re.compile(r"/(export|download|csv|xlsx|pdf)\b|\.(csv|xlsx|pdf|json)$|/sign-out/")


def links(html: str, slug: str) -> set[str]:
    return {
        url.replace("&amp;", "&")
        for url in HREF.findall(html)
        if urlsplit(url).path.startswith(f"/{slug}/") and not SKIP.search(url)
    }


@pytest.mark.parametrize("role", ROLES, ids=[str(r) for r in ROLES])
def test_no_link_shown_refuses_the_user(role, make_user, client) -> None:
    user = make_user("KAZ", clearance=2, roles=[role] if role else [])
    client.force_login(user)
    refused = []
    for slug in MODULES:
        seen: set[str] = set()
        frontier = {f"/{slug}/"}
        for _depth in range(2):
            following: set[str] = set()
            for url in sorted(frontier - seen):
                seen.add(url)
                answer = client.get(url)
                if answer.status_code == 403:
                    refused.append(url)
                    continue
                if answer.status_code == 200 and "html" in answer.get("Content-Type", ""):
                    following |= links(answer.content.decode(), slug)
            frontier = following
    assert not refused, (role, refused)
