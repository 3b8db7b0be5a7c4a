"""Schemathesis over every operation of the API, as users of two parties.

The OpenAPI schema is the one the API serves (`/api/v1/schema/`, drf-spectacular), read
through the WSGI application: no server runs. Every operation is one test, named by it
(`test_api[GET /api/v1/parties/]`). Each generated request is sent twice, with the API
token of a user of one party (RUS) and then of another (KAZ), over the demo data
(`accord demo`: records of every module and of several parties). Both users hold every
role and SECRET clearance, so that requests reach past the permission checks into the
validation and the services.

The checks, on every answer:
- not_a_server_error: no 5xx;
- status_code_conformance, content_type_conformance, response_schema_conformance: the
  answer is one the schema documents for the operation (status, media type, body);
- negative_data_rejection: a request the schema forbids (the negative mode generates
  them: wrong types, missing required fields, out-of-range values) is refused with a 4xx.

Destructive operations (POST, PUT, PATCH, DELETE) run like the others: each operation's
test runs in a transaction rolled back at its end (the demo data is loaded once per test
process in an outer one), so what one operation writes or deletes is gone before the
next. Only the revocation of the fuzzing users' own tokens is left out (it would turn
every later request of the test into a 401): such an example is discarded.

Bounded so that it runs in `make test`: ACCORD_FUZZ_EXAMPLES examples per operation and
generation mode (default 5), derandomized, without shrinking or deadline. `make fuzz` runs
it with more examples. An operation in KNOWN_FAILURES must fail (strict, like
`xfail(strict=True)`): when it is fixed the test says so, and the entry goes.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from typing import Any

import hypothesis
import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

EXAMPLES = int(os.environ.get("ACCORD_FUZZ_EXAMPLES", "5"))
PARTIES = ("RUS", "KAZ")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]

# "METHOD /path" -> why it fails today. Each must still fail; fix it, then remove it.
KNOWN_FAILURES: dict[str, str] = {}

# "METHOD /path" -> why it is not fuzzed at all. (None today.)
SKIPPED: dict[str, str] = {}

# Paths in the schema that are not Accord's API: the test settings' own marked model
# (tests/markedapp, served under /api/test/ by tests/urls.py only) is a fixture of the
# kernel's tests, not an endpoint anyone calls.
NOT_ACCORD = r"^/api/test/"

schema = schemathesis.openapi.from_wsgi(
    "/api/v1/schema/?format=json", get_wsgi_application()
).exclude(path_regex=NOT_ACCORD)
schema.config.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
    max_examples=EXAMPLES,
    deterministic=True,
    no_shrink=True,
)
# The coverage phase (every boundary of every parameter) is for `make fuzz` only: it
# multiplies the requests by tens.
schema.config.phases.update(
    phases=os.environ.get("ACCORD_FUZZ_PHASES", "examples,fuzzing").split(",")
)


@pytest.fixture(scope="module")
def fuzz_tokens(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """The demo data and one token per party, loaded once in a transaction rolled back at
    the end of the module. {party code: (token id, key)}."""
    from accord.accounts.services import token_create, user_create
    from accord.core.models import Classification, Party
    from accord.core.roles import Role

    # As Django's test client does: the end of a request must not close the connection
    # (and with it the transaction the data lives in).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("demo", stdout=io.StringIO())
            tokens = {}
            for code in PARTIES:
                user = user_create(
                    actor=None,
                    username=f"fuzz.{code.lower()}",
                    party=Party.objects.get(code=code),
                    clearance=Classification.SECRET,
                    roles=[role.value for role in Role],
                )
                token, key = token_create(actor=user, name="fuzz", verified=True)
                tokens[code] = (token.pk, key)
            yield tokens
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)


def mark_known(items: list[pytest.Item]) -> None:
    """Called by tests/conftest.py at collection: `xfail(strict=True)` on each operation of
    KNOWN_FAILURES, `skip` on each of SKIPPED, with the reason."""
    for item in items:
        label = item.name.partition("[")[2].rstrip("]")
        if label in KNOWN_FAILURES:
            item.add_marker(pytest.mark.xfail(reason=KNOWN_FAILURES[label], strict=True))
        elif label in SKIPPED:
            item.add_marker(pytest.mark.skip(reason=SKIPPED[label]))


@pytest.mark.django_db
@schema.parametrize()
@hypothesis.settings(deadline=None, suppress_health_check=list(hypothesis.HealthCheck))
def test_api(case: schemathesis.Case, fuzz_tokens: dict[str, Any]) -> None:
    if case.operation.path == "/api/v1/tokens/{token_id}/":
        own = {token_id for token_id, _ in fuzz_tokens.values()}
        hypothesis.assume(case.path_parameters.get("token_id") not in own)
    for code in PARTIES:
        _, key = fuzz_tokens[code]
        case.call_and_validate(headers={"Authorization": f"Token {key}"}, checks=CHECKS)


def test_skip_lists_name_real_operations() -> None:
    """A stale entry (an operation renamed or removed) would hide nothing and mislead."""
    labels = {
        f"{result.ok().method.upper()} {result.ok().path}" for result in schema.get_all_operations()
    }
    assert set(KNOWN_FAILURES) - labels == set()
    assert set(SKIPPED) - labels == set()
