"""A refusal says which role is needed and whom to ask: `PermissionDenied(roles=...)` (and
`guards.require(..., roles=...)`) carry the roles; the 403 page names them and the
administrators of the user's party (else the Secretariat's); the API's 403 body keeps its
shape."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from accord.core.api.errors import exception_handler
from accord.core.errors import PermissionDenied
from accord.core.guards import require
from accord.core.middleware import ServiceErrorMiddleware
from accord.core.roles import Role

pytestmark = pytest.mark.django_db


def refusal_page(user, exception) -> str:
    request = RequestFactory().get("/somewhere/")
    request.user = user
    response = ServiceErrorMiddleware(lambda r: None).process_exception(request, exception)  # type: ignore[arg-type,return-value]
    assert response is not None and response.status_code == 403
    return response.content.decode()


def test_require_carries_the_roles() -> None:
    with pytest.raises(PermissionDenied) as refused:
        require(False, roles=[Role.AUDITOR])
    assert refused.value.roles == (Role.AUDITOR,)
    require(True, roles=[Role.AUDITOR])  # no refusal when allowed


def test_the_page_names_the_role_and_the_party_administrator(make_user) -> None:
    user = make_user("KAZ", roles=[Role.LEGAL_ADVISER])
    admin = make_user("KAZ", roles=[Role.ADMINISTRATOR], username="kaz.admin")
    admin.first_name, admin.last_name = "Aigul", "Nurlanova"
    admin.save()
    make_user("RUS", roles=[Role.ADMINISTRATOR], username="rus.admin")
    page = refusal_page(user, PermissionDenied(roles=[Role.CUSTOMS_OFFICER, Role.AUDITOR]))
    assert "This needs one of these roles: Customs or law-enforcement officer, Auditor." in page
    assert "ask an administrator: Aigul Nurlanova." in page
    assert "rus.admin" not in page


def test_without_a_party_administrator_the_secretariat_is_asked(make_user) -> None:
    user = make_user("ARM", roles=[])
    make_user("SEC", roles=[Role.ADMINISTRATOR], username="sec.admin")
    page = refusal_page(user, PermissionDenied(roles=[Role.AUDITOR]))
    assert "This needs the role Auditor." in page
    assert "ask an administrator: sec.admin." in page


def test_a_refusal_without_roles_still_says_whom_to_ask(make_user) -> None:
    page = refusal_page(make_user("ARM"), PermissionDenied())
    assert 'data-testid="refusal-roles"' not in page
    assert "ask your party&#x27;s administrator" in page or "ask your party's administrator" in page


def test_the_api_body_keeps_its_shape() -> None:
    response = exception_handler(PermissionDenied(roles=[Role.AUDITOR]), {})
    assert response is not None and response.status_code == 403
    assert response.data == {
        "code": "permission_denied",
        "detail": "You do not have permission to do this.",
    }
