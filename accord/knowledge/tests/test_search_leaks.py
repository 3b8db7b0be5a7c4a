"""Search never leaks: results, facet counts, related items and autocomplete are
computed over what the user may see. For each release kind and for a clearance below the
classification, a hidden item that matches the words never appears and never shifts a
count — through the selectors, the API and the page. (Run on PostgreSQL too: the
index there is another table and another query.)"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from accord.core.models import Classification, Release
from accord.knowledge import selectors, services
from accord.knowledge.models import Kind
from accord.knowledge.selectors import Criteria
from accord.knowledge.tests.conftest import observe

WORD = "zircon"  # every item below has it in its body


def _publish(manager: Any, title: str, **extra: Any) -> Any:
    fields: dict[str, Any] = {
        "kind": Kind.BEST_PRACTICE,
        "title_en": title,
        "title_ru": f"Цирконий {title}",
        "body": f"A note on {WORD} handling.",
        "areas": ["protect"],
        "topic": "protection/sites",
        "solution_type": "equipment",
        "classification": Classification.RESTRICTED,
        "release": Release.MEMBERS,
    }
    fields.update(extra)
    return services.item_create(actor=manager, **fields)


@pytest.fixture
def world(manager: Any, author: Any, make_user: Any, party: Any) -> dict[str, Any]:
    visible = _publish(manager, "Zircon visible baseline", release=Release.MEMBERS_OBSERVERS)
    hidden = {
        "owner": _publish(manager, "Zircon kept by owner", release=Release.OWNER),
        "listed": _publish(
            manager,
            "Zircon listed to Belarus",
            release=Release.LISTED,
            released_to=[party("BLR")],
            areas=["dispose"],
            topic="disposal/x",
            solution_type="training",
        ),
        "secret": _publish(
            manager,
            "Zircon above clearance",
            classification=Classification.SECRET,
            kind=Kind.LEGAL_EXPERIENCE,
        ),
        "members": _publish(manager, "Zircon for members", release=Release.MEMBERS),
        "submitted": observe(author, "Zircon submitted observation", body=f"{WORD} again"),
    }
    return {"visible": visible, "hidden": hidden}


# The viewer: Kazakhstan, cleared to CONFIDENTIAL — and Iran (an observer) for MEMBERS.
HIDDEN_FROM = {
    "KAZ": ["owner", "listed", "secret", "submitted"],
    "IRN": ["owner", "listed", "secret", "submitted", "members"],
}


@pytest.mark.parametrize("code", list(HIDDEN_FROM))
def test_hidden_items_never_reach_results_counts_related_or_suggestions(
    world: dict[str, Any], make_user: Any, api_client: Any, client: Any, code: str
) -> None:
    viewer = make_user(code, clearance=Classification.CONFIDENTIAL, roles=["knowledge_editor"])
    hidden = [world["hidden"][name] for name in HIDDEN_FROM[code]]
    hidden_ids = {item.pk for item in hidden}
    hidden_titles = [t for item in hidden for t in (item.title_en, item.title_ru) if t]
    visible = world["visible"]
    seen_by_viewer = {visible.pk} | (
        {world["hidden"]["members"].pk} if "members" not in HIDDEN_FROM[code] else set()
    )
    criteria = Criteria(text=WORD)

    # Results.
    found = set(selectors.item_search(actor=viewer, criteria=criteria).values_list("pk", flat=True))
    assert found == seen_by_viewer
    # Facet counts: exactly the visible matches, per facet; the hidden listed item's own
    # area, topic and solution type never appear.
    facets = selectors.item_facets(actor=viewer, criteria=criteria)
    n = len(seen_by_viewer)
    assert facets.area == [("protect", "Protecting against", n)]
    assert [(v, c) for v, _label, c in facets.kind] == [("best_practice", n)]
    assert facets.topic == [("protection", "protection", n)]
    assert [(v, c) for v, _label, c in facets.solution_type] == [("equipment", n)]
    assert facets.party == [("RUS", "RUS", n)]
    # Related items.
    related = {i.pk for i in selectors.item_related(actor=viewer, item=visible, limit=50)}
    assert not related & hidden_ids
    # Autocomplete (prefix, in both alphabets).
    for typed in ("zirc", "Цирко", "kept", "submitted obs"):
        suggestions = selectors.item_suggest(actor=viewer, text=typed)
        assert not set(suggestions) & set(hidden_titles), (typed, suggestions)
    assert "Zircon visible baseline" in selectors.item_suggest(actor=viewer, text="zirc")

    # The same through the API and the page.
    api = api_client(viewer)
    listed = api.get(reverse("knowledge-api:item-list"), {"q": WORD}).json()["results"]
    assert {row["id"] for row in listed} == seen_by_viewer
    counts = api.get(reverse("knowledge-api:item-facets"), {"q": WORD}).json()
    assert counts["area"] == [{"value": "protect", "label": "Protecting against", "count": n}]
    suggest = api.get(reverse("knowledge-api:item-suggest"), {"q": "zirc"}).json()
    assert not set(suggest) & set(hidden_titles)
    rel = api.get(reverse("knowledge-api:item-related", args=[visible.pk])).json()
    assert not {row["id"] for row in rel} & hidden_ids
    client.force_login(viewer)
    page = client.get(reverse("knowledge:index"), {"q": WORD}).content.decode()
    for title in hidden_titles:
        assert title not in page
    assert "Zircon visible baseline" in page


def test_the_owner_sees_every_count_the_others_do_not(world, manager):
    # The same search as the owner's lessons manager: all six items, the hidden ones too,
    # so the counts above really were narrowed (not empty for another reason).
    found = selectors.item_search(actor=manager, criteria=Criteria(text=WORD))
    assert found.count() == 6
    facets = selectors.item_facets(actor=manager, criteria=Criteria(text=WORD))
    assert {v: c for v, _l, c in facets.area} == {"protect": 4, "dispose": 1, "use": 1}


def test_words_match_in_both_languages_and_bad_syntax_is_just_words(world, manager):
    def titles(text: str) -> set[str]:
        return set(
            selectors.item_search(actor=manager, criteria=Criteria(text=text)).values_list(
                "title_en", flat=True
            )
        )

    assert "Zircon visible baseline" in titles("цирконий baseline")
    assert titles('baseline" OR "kept') == set()  # quotes and OR are words, not operators
    assert titles("NEAR( * ^ :") == set()
    assert len(titles("")) == 6  # no words: the list, unsearched


def test_an_edit_updates_the_index(world, manager):
    item = world["visible"]
    services.item_update(actor=manager, item=item, version=item.version, body="Basalt now")
    item.refresh_from_db()
    handling = selectors.item_search(actor=manager, criteria=Criteria(text="handling"))
    assert not handling.filter(pk=item.pk).exists()
    assert selectors.item_search(actor=manager, criteria=Criteria(text="basalt")).get() == item
