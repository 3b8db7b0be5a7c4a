"""The pages: the index with the desk, a model act (provisions, steps, comparison), the
matrix (as recorded and as at a date) and the cell form of one's own column, national
acts; in English and Russian; refusals as 403/404 and form errors as 400."""

from __future__ import annotations

from django.urls import reverse

from accord.core.models import Classification, Release
from accord.core.tests.queries import assert_flat
from accord.legislation import services
from accord.legislation.models import ConformityCell, ModelAct
from accord.legislation.tests.conftest import DRAFTER

STATE = ["parliamentary_officer"]


def test_act_pages_from_new_to_adoption(client, drafters):
    first, second = drafters
    client.force_login(first)
    assert client.get(reverse("legislation:act-new")).status_code == 200
    bad = client.post(reverse("legislation:act-new"), {"number": "x", "title_en": "T"})
    assert bad.status_code == 400 and not ModelAct.objects.exists()
    created = client.post(
        reverse("legislation:act-new"),
        {"number": "20-1", "title_en": "Model law", "classification": 0, "release": "public"},
    )
    act = ModelAct.objects.get()
    assert created["Location"] == reverse("legislation:act-detail", args=[act.pk])
    provision = reverse("legislation:act-provision", args=[act.pk])
    client.post(provision, {"eid": "art_1", "num": "1", "text_en": "Old text"})
    client.post(reverse("legislation:act-version-new", args=[act.pk]), {"note": "second"})
    client.post(provision + "?eid=art_1", {"eid": "art_1", "num": "1", "text_en": "New text"})
    compare = client.get(reverse("legislation:act-compare", args=[act.pk])).content.decode()
    assert "Old text" in compare and "New text" in compare and "changed" in compare
    step = reverse("legislation:act-step", args=[act.pk])
    client.post(step, {"action": "to_commission", "version": 1})
    client.post(step, {"action": "propose", "version": 2})
    act.refresh_from_db()
    assert (act.stage, act.adoption_proposed_by) == ("commission", first)
    client.force_login(second)
    desk = client.get(reverse("legislation:index")).content.decode()
    assert "awaits a second officer" in desk
    client.post(step, {"action": "adopt", "version": 1})  # stale: refused, nothing changes
    act.refresh_from_db()
    assert act.stage == "commission"
    client.post(step, {"action": "adopt", "version": 3})
    act.refresh_from_db()
    assert act.stage == "adopted"
    page = client.get(reverse("legislation:act-detail", args=[act.pk])).content.decode()
    assert "Confirmed the adoption of a model act" in page  # the timeline, labelled


def test_matrix_and_cell_form(client, act, make_user):
    rus = make_user("RUS", roles=STATE)
    client.force_login(rus)
    matrix = reverse("legislation:act-matrix", args=[act.pk])
    page = client.get(matrix).content.decode()
    assert 'data-testid="fill-art_1"' in page
    assert (
        "provisions await your state" in client.get(reverse("legislation:index")).content.decode()
    )
    cell_url = reverse("legislation:act-cell", args=[act.pk]) + "?eid=art_1"
    assert client.get(cell_url).status_code == 200
    missing_note = client.post(
        cell_url, {"status": "with_changes", "classification": 0, "release": "members"}
    )
    assert missing_note.status_code == 400 and not ConformityCell.objects.exists()
    saved = client.post(
        cell_url,
        {
            "status": "with_changes",
            "deviation_note": "Narrower scope",
            "national_provisions": "Art. 5",
            "enacted_on": "2025-06-01",
            "in_force_on": "2026-06-01",
            "classification": 0,
            "release": "members",
        },
    )
    assert saved.status_code == 302
    cell = ConformityCell.objects.get()
    assert (cell.owner.code, cell.status) == ("RUS", "with_changes")
    early = client.get(matrix, {"at": "2026-01-01"}).content.decode()
    assert "Enacted, not yet in force" in early
    assert "In force" in client.get(matrix, {"at": "2026-07-01"}).content.decode()
    assert client.get(matrix, {"at": "nonsense"}).status_code == 400
    detail = client.get(reverse("legislation:cell-detail", args=[cell.pk])).content.decode()
    assert "Narrower scope" in detail and "legislation.cell.create" in detail
    # Another state's user sees the cell but gets no form for it; the Secretariat none.
    client.force_login(make_user("SEC", roles=DRAFTER))
    assert client.get(cell_url).status_code == 403
    assert 'data-testid="fill-' not in client.get(matrix).content.decode()


def test_national_pages_in_russian(client, make_user):
    rus = make_user("RUS", roles=STATE)
    client.force_login(rus)
    form = reverse("legislation:national-new")
    assert client.get(form, HTTP_ACCEPT_LANGUAGE="ru").status_code == 200
    saved = client.post(
        form,
        {
            "kind": "law",
            "title": "О защите эмблемы",
            "language": "ru",
            "enacted_on": "2025-01-01",
            "classification": 0,
            "release": "public",
        },
    )
    assert saved.status_code == 302
    page = client.get(saved["Location"], HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "О защите эмблемы" in page
    listing = client.get(reverse("legislation:national-list"), HTTP_ACCEPT_LANGUAGE="ru")
    assert "О защите эмблемы" in listing.content.decode()
    client.force_login(make_user("KAZ"))
    assert client.get(form).status_code == 403


def test_hidden_is_404_and_the_index_stays_flat(client, drafters, make_user):
    first, _second = drafters
    hidden = services.act_create(actor=first, number="8-8", title_en="Internal")
    reader = make_user("RUS")
    client.force_login(reader)
    for name in ("act-detail", "act-matrix", "act-compare"):
        assert client.get(reverse(f"legislation:{name}", args=[hidden.pk])).status_code == 404
    count = iter(range(100, 999))

    def grow() -> None:
        for _ in range(3):
            services.act_create(
                actor=first,
                number=f"2-{next(count)}",
                title_en="Public act",
                release=Release.PUBLIC,
                classification=Classification.UNCLASSIFIED,
            )

    grow()
    assert_flat(
        lambda: client.get(reverse("legislation:index")),
        grow,
        rows=lambda r: r.content.decode().count('data-testid="act-'),
        at_most=25,
    )


def test_a_national_act_linked_to_a_treaty_shows_beside_it(client, make_user):
    import datetime as dt

    rus = make_user("RUS", roles=STATE)
    act = services.national_create(
        actor=rus,
        kind="law",
        title="О правовой проверке",
        enacted_on=dt.date(2024, 1, 1),
        release=Release.PUBLIC,
        classification=Classification.UNCLASSIFIED,
    )
    client.force_login(rus)
    link = reverse("legislation:national-measure", args=[act.pk])
    bad = client.post(link, {"area": "weapons_review", "instrument": "NOPE"})
    assert bad.status_code == 400
    saved = client.post(
        link, {"area": "weapons_review", "instrument": "AP-I", "provisions": "Art. 3"}
    )
    assert saved.status_code == 302
    client.force_login(make_user("KAZ", roles=["legal_adviser"]))
    assert client.get(link).status_code == 403  # not Kazakhstan's act
    table = client.get(reverse("legislation:implementation"), {"instrument": "AP-I"})
    row = table.content.decode()
    assert "О правовой проверке" in row and "Art. 3" in row
    from accord.legislation.models import NationalAct

    NationalAct.objects.filter(pk=act.pk).update(release=Release.OWNER)
    hidden = client.get(reverse("legislation:implementation"), {"instrument": "AP-I"})
    assert "О правовой проверке" not in hidden.content.decode()
