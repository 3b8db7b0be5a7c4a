"""Every URL, visited as users of different parties and anonymously: none answers 500;
anonymous visitors are sent to sign in (pages) or refused (API). Query counts of list
pages are pinned so an N+1 is caught."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accord.core.models import Classification, Release
from tests.markedapp.services import dossier_create

OPEN_PAGES = {"accounts:sign-in", "set_language", "api:schema", "api:docs"}


def named_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            if entry.app_name == "admin":
                continue
            yield from named_patterns(entry, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + entry.name, entry


@pytest.fixture
def urls(make_user):
    owner = make_user("RUS")
    dossier = dossier_create(
        actor=owner, title="d", release=Release.MEMBERS, classification=Classification.RESTRICTED
    )
    args = {"pk": dossier.pk, "slug": "expertise", "token_id": 1, "code": "APMBC"}
    found = []
    for name, pattern in named_patterns():
        kwargs = {k: args[k] for k in pattern.pattern.regex.groupindex}
        found.append((name, reverse(name, kwargs=kwargs)))
    assert len(found) > 15
    return found


@pytest.mark.parametrize("who", ["anonymous", "RUS", "KAZ", "IRN", "SEC-admin"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_no_url_answers_500(urls, client, make_user, who, method):
    if who != "anonymous":
        code, _, role = who.partition("-")
        client.force_login(make_user(code, roles=["administrator"] if role else []))
    for name, url in urls:
        if name == "accounts:sign-out":
            continue  # would end the session mid-sweep
        response = getattr(client, method)(url)
        assert response.status_code < 500, (name, url, response.status_code)
        if who == "anonymous" and name not in OPEN_PAGES:
            if url.startswith("/api/"):
                assert response.status_code in (401, 403), (name, url)
            else:
                assert response.status_code in (302, 405), (name, url)


def test_admin_is_only_for_the_secretariats_administrators(make_user, client):
    client.force_login(make_user("RUS", roles=["administrator"]))
    assert client.get("/admin/").status_code == 302
    client.force_login(make_user("SEC", roles=["administrator"]))
    assert client.get("/admin/").status_code == 200
    for url in (
        "/admin/core/party/",
        "/admin/accounts/user/",
        "/admin/core/auditevent/",
        "/admin/accounts/rolepolicy/",
        "/admin/accounts/apitoken/",
    ):
        assert client.get(url).status_code == 200, url


def test_list_queries_do_not_grow_with_rows(
    make_user, client, api_client, django_assert_max_num_queries
):
    owner = make_user("RUS")
    for index in range(30):
        dossier_create(actor=owner, title=f"d{index}", release=Release.MEMBERS)
    api = api_client(owner)
    client.force_login(owner)
    with django_assert_max_num_queries(8):
        assert api.get(reverse("dossier-list-api")).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("dossier-list")).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("core:audit")).status_code == 200
    with django_assert_max_num_queries(8):
        assert api.get(reverse("api:audit-events")).status_code == 200
