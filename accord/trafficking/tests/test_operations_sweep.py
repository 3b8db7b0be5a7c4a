"""Every page and endpoint of this part, visited (GET and POST, no data) by a lead officer,
a participant, an outsider and a user without the role: none answers 500, outsiders 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES = (
    ("trafficking:index", None),
    ("trafficking:dashboard", None),
    ("trafficking:export", None),
    ("trafficking:export-csv", "items"),
    ("trafficking:export-xlsx", "all"),
    ("trafficking:export-csv", "APMBC"),
    ("trafficking:operations", None),
    ("trafficking:operation-new", None),
)
OPERATION_PAGES = (
    "trafficking:operation",
    "trafficking:operation-edit",
    "trafficking:operation-status",
    "trafficking:operation-summary",
    "trafficking:operation-participant-add",
    "trafficking:operation-participant-remove",
    "trafficking:operation-incident-link",
    "trafficking:operation-incident-unlink",
    "trafficking-api:operation-detail",
    "trafficking-api:operation-status",
    "trafficking-api:operation-summary",
    "trafficking-api:operation-participants",
    "trafficking-api:operation-incidents",
    "trafficking-api:operation-figures",
    "trafficking-api:operation-linkable-incidents",
)


@pytest.mark.parametrize("who", ["rus", "kaz", "blr", "rus_norole"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_no_500_and_outsiders_get_404(client, officers, joint_operation, who, method):
    client.force_login(officers[who])
    for name, code in PAGES:
        url = reverse(name, args=[code] if code else [])
        response = getattr(client, method)(url)
        assert response.status_code < 500, (name, response.status_code)
    for name in OPERATION_PAGES:
        url = reverse(name, args=[joint_operation.pk])
        response = getattr(client, method)(url)
        assert response.status_code < 500, (name, response.status_code)
        if who == "blr":
            assert response.status_code in (404, 405), (name, response.status_code)
