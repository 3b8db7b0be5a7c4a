"""The full-text index of knowledge items, on the database in use:

- SQLite (the embedded default): an FTS5 table `knowledge_item_fts` (rowid = item id,
  the `unicode61` tokenizer, which folds case in Cyrillic and Latin alike);
- PostgreSQL: a table `knowledge_item_search` of one `tsvector` per item — the text
  under the 'english' configuration and under the 'russian' one — with a GIN index.

Services write an item's row in the same transaction as the item (`index_item`); nothing
else writes here. Readers never query the index alone: `matching_ids` is a subquery of
item ids that selectors AND with `visible_to(user)`, so a hidden item cannot reach a
result, a count or a suggestion (the leak tests hold this on both databases).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models.expressions import RawSQL

from accord.knowledge.domain.terms import fts5_query, tsquery_text

if TYPE_CHECKING:
    from accord.knowledge.models import KnowledgeItem

SQLITE_TABLE = "knowledge_item_fts"
POSTGRES_TABLE = "knowledge_item_search"


def create_sql(vendor: str) -> list[str]:
    """The statements creating the index (the migration runs them)."""
    if vendor == "postgresql":
        return [
            # No foreign key: items are never deleted, and a flush of Django's tables
            # (transactional tests) must not be refused by a table it does not know.
            f"CREATE TABLE {POSTGRES_TABLE} (item_id bigint PRIMARY KEY, "
            "document tsvector NOT NULL)",
            f"CREATE INDEX {POSTGRES_TABLE}_document ON {POSTGRES_TABLE} USING gin (document)",
        ]
    return [
        f"CREATE VIRTUAL TABLE {SQLITE_TABLE} USING fts5("
        "title, summary, body, tokenize='unicode61 remove_diacritics 2')"
    ]


def drop_sql(vendor: str) -> list[str]:
    table = POSTGRES_TABLE if vendor == "postgresql" else SQLITE_TABLE
    return [f"DROP TABLE IF EXISTS {table}"]


def _texts(item: KnowledgeItem) -> tuple[str, str, str]:
    return (
        f"{item.title_en}\n{item.title_ru}",
        f"{item.summary_en}\n{item.summary_ru}",
        item.body,
    )


def index_item(item: KnowledgeItem) -> None:
    """Write (or rewrite) the index row of `item`, in the caller's transaction."""
    title, summary, body = _texts(item)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            text = f"{title}\n{summary}\n{body}"
            cursor.execute(
                f"INSERT INTO {POSTGRES_TABLE} (item_id, document) VALUES "  # noqa: S608
                "(%s, to_tsvector('english', %s) || to_tsvector('russian', %s)) "
                "ON CONFLICT (item_id) DO UPDATE SET document = EXCLUDED.document",
                [item.pk, text, text],
            )
        else:
            cursor.execute(f"DELETE FROM {SQLITE_TABLE} WHERE rowid = %s", [item.pk])  # noqa: S608
            cursor.execute(
                f"INSERT INTO {SQLITE_TABLE} (rowid, title, summary, body) "  # noqa: S608
                "VALUES (%s, %s, %s, %s)",
                [item.pk, title, summary, body],
            )


def index_many(items: list[KnowledgeItem]) -> None:
    for item in items:
        index_item(item)


def matching_ids(text: str, *, prefix: bool = False) -> RawSQL | None:
    """A subquery of the ids of every item (visible or not: AND it with `visible_to`)
    whose text matches all the words of `text`; None when `text` has no word."""
    if connection.vendor == "postgresql":
        query = tsquery_text(text, prefix=prefix)
        if query is None:
            return None
        # The table name is a constant and the words are parameters.
        return RawSQL(  # noqa: S611
            f"SELECT item_id FROM {POSTGRES_TABLE} WHERE document @@ "  # noqa: S608
            "(to_tsquery('english', %s) || to_tsquery('russian', %s))",
            (query, query),
        )
    match = fts5_query(text, prefix=prefix)
    if match is None:
        return None
    sql = f"SELECT rowid FROM {SQLITE_TABLE} WHERE {SQLITE_TABLE} MATCH %s"  # noqa: S608
    return RawSQL(sql, (match,))  # noqa: S611


def filter_matching(queryset: Any, text: str, *, prefix: bool = False) -> Any:
    """`queryset` narrowed to the items matching `text` (nothing when `text` has no word)."""
    ids = matching_ids(text, prefix=prefix)
    if ids is None:
        return queryset.none()
    return queryset.filter(pk__in=ids)
