"""The API gives what the pages give: the matrix as XLSX (the same workbook as the page's,
hidden cells left out) and as PDF, the acts as Akoma Ntoso XML; a hidden record is a 404,
a bad parameter a 400."""

from __future__ import annotations

import io

import openpyxl
from django.urls import reverse

from accord.core.models import Classification, Release
from accord.legislation import services

STATE = ["parliamentary_officer"]


def test_matrix_downloads_through_the_api(act, make_user, api_client, client):
    kaz = make_user("KAZ", roles=STATE)
    services.cell_save(actor=kaz, act=act, provision_eid="art_1", status="transposed")
    reader = make_user("RUS", roles=["legal_adviser"])
    api = api_client(reader)
    xlsx = api.get(reverse("legislation-api:act-matrix-xlsx", args=[act.pk]))
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content))["cells"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert any("transposed" in row and "KAZ" in row for row in values)
    client.force_login(reader)
    page = client.get(reverse("legislation:act-matrix-xlsx", args=[act.pk]))
    page_sheet = openpyxl.load_workbook(io.BytesIO(page.content))["cells"]
    assert [[c.value for c in row] for row in page_sheet.iter_rows()] == values

    pdf = api.get(reverse("legislation-api:act-matrix-pdf", args=[act.pk]), {"at": "2026-01-01"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    bad = api.get(reverse("legislation-api:act-matrix-pdf", args=[act.pk]), {"at": "nonsense"})
    assert bad.status_code == 400 and "at" in bad.json()["errors"]


def test_akoma_ntoso_through_the_api(act, make_user, api_client):
    kaz = make_user("KAZ", roles=STATE)
    national = services.national_create(
        actor=kaz,
        kind="law",
        title="Закон о проверке",
        enacted_on="2025-01-10",
        frbr_work="/akn/kz/act/2025/3",
        release=Release.OWNER,
        classification=Classification.UNCLASSIFIED,
    )
    own, other = api_client(kaz), api_client(make_user("ARM", roles=STATE))
    answer = own.get(reverse("legislation-api:national-akn", args=[national.pk]))
    assert answer.status_code == 200 and b"/akn/kz/act/2025/3" in answer.content
    hidden = other.get(reverse("legislation-api:national-akn", args=[national.pk]))
    missing = other.get(reverse("legislation-api:national-akn", args=[national.pk + 1000]))
    assert hidden.status_code == missing.status_code == 404
    model = own.get(reverse("legislation-api:act-akn", args=[act.pk]), {"lang": "ru"})
    assert model.status_code == 200 and b"akomaNtoso" in model.content
    assert b'name="ru"' in model.content or b"rus" in model.content
    bad = own.get(reverse("legislation-api:act-akn", args=[act.pk]), {"lang": "xx"})
    assert bad.status_code == 400


def test_matrix_page_is_paged_by_provision(act, make_user, client, drafters, monkeypatch):
    from accord.legislation.views import matrix as matrix_views

    monkeypatch.setattr(matrix_views, "MATRIX_PAGE_SIZE", 2)
    kaz = make_user("KAZ", roles=STATE)
    services.cell_save(actor=kaz, act=act, provision_eid="art_2__para_1", status="transposed")
    client.force_login(kaz)
    url = reverse("legislation:act-matrix", args=[act.pk])
    first = client.get(url).content.decode()
    assert 'data-testid="row-art_1"' in first and 'data-testid="row-art_2__para_1"' not in first
    assert 'data-testid="matrix-next"' in first
    second = client.get(url, {"page": 2, "at": "2026-01-01"})
    body = second.content.decode()
    assert second.status_code == 200
    assert 'data-testid="row-art_2__para_1"' in body and 'data-testid="row-art_1"' not in body
    assert 'class="depth-1"' in body  # the paragraph is indented by a class, not a style
    # The roll-ups count the whole act: the one cell is on page 2, yet page 1 counts it.
    assert "at least partially: 1 of" in first
    assert 'data-testid="fill-art_1"' in first


def test_no_inline_styles_on_the_module_pages(act, make_user, client, drafters):
    client.force_login(drafters[0])
    for name in ("act-detail", "act-matrix"):
        body = client.get(reverse(f"legislation:{name}", args=[act.pk])).content.decode()
        assert "style=" not in body.split("<main", 1)[-1], name
        assert "legislation/legislation.css" in body


def test_out_of_range_ids_and_versions_answer_400(act, make_user, api_client):
    """Numbers past what the database stores are refused by the serializers (a 400, not
    the database's overflow as a 500)."""
    kaz = api_client(make_user("KAZ", roles=STATE))
    huge = 2**70
    cell = kaz.post(
        reverse("legislation-api:act-matrix", args=[act.pk]),
        {"provision_eid": "art_1", "version": huge, "national_act": huge},
        format="json",
    )
    assert cell.status_code == 400
    assert {"version", "national_act"} <= set(cell.json()["errors"])
    step = kaz.post(
        reverse("legislation-api:act-transition", args=[act.pk]),
        {"action": "send", "version": huge},
        format="json",
    )
    assert step.status_code == 400
