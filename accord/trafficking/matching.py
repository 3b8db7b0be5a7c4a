"""Matching an item as an officer reads it against every party's register.

The answer has two halves (`MatchReport`):

- `visible`: matches on items the actor may see (`visible_to`), each with a score (0-100),
  whether it is exact, and the reasons in words ("same serial", "two characters
  transposed", ...).
- `hidden`: for each party whose register holds a match the actor may *not* see, only that
  party and that a match exists — except a SECRET item, which answers only to its own
  party. No id, serial, score or count of the hidden items reaches
  the actor; the reporter can send that party a tracing request. The hidden items' ids and
  scores travel in the private `MatchReport._hidden_matches`, for the incidents service
  only: it stores them (`ItemHit.item`) so that the owner party, once the incident is
  released to it, sees which of its items matched. Serializers and templates never read
  it (templates cannot: Django refuses attributes starting with an underscore).

Stages: the exact fold (`serial_norm`, one index probe, one query for visible and hidden
matches; its SQL is compiled by the ORM from `visibility_q` once per access key and
reused, see `_exact_query`), then fuzzy candidates narrowed in
SQL — trigram similarity on the GIN index on PostgreSQL (pg_trgm), prefix probes with
look-alike and transposition variants plus a bounded substring scan on SQLite — scored with
rapidfuzz. The make-and-model reference resolves what the officer typed for manufacturer
and model and narrows fuzzy matches to the same make and model.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db import connection, connections, router, transaction
from django.db.models import BooleanField, Case, Value, When
from django.utils.translation import gettext_lazy as _
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Levenshtein

from accord.core.access import cache_access_key, party_of, visibility_q
from accord.core.models import Classification, Party
from accord.core.roles import Role
from accord.trafficking.domain.normalise import fold_lookalike_digits, fold_marking, fold_name
from accord.trafficking.models.items import Item, MakeModel

# Scores: what each kind of match is worth, before the make-and-model adjustment.
SCORE_EXACT = 100
SCORE_LOOKALIKE = 94
SCORE_TRANSPOSED = 90
MIN_SCORE = 60  # below this a candidate is noise, not a match
MIN_PARTIAL = 4  # shortest partial serial worth a substring search
CANDIDATES = 200  # fuzzy candidates fetched from SQL before scoring
TRGM_THRESHOLD = 0.5
TRGM_TIMEOUT_MS = 150  # a trigram search that takes longer is abandoned, not waited for

REASON_SAME_SERIAL = _("same serial")
REASON_LOOKALIKE = _("misread characters (look-alike letters and digits)")
REASON_TRANSPOSED = _("two characters transposed")
REASON_ONE_CHAR = _("one character different")
REASON_SIMILAR = _("similar serial")
REASON_PARTIAL = _("partial serial")
REASON_SAME_MAKE = _("same make and model")
REASON_OTHER_MAKE = _("different make or model")
REASON_MARKINGS = _("similar markings")
REASON_SAME_KIND = _("same kind")


@dataclass
class Match:
    """A match on an item the actor may see."""

    item: Item
    score: int
    exact: bool
    reasons: list[Any] = field(default_factory=list)


@dataclass
class HiddenHit:
    """A match exists in `party`'s register; nothing more is said about it."""

    party: Party


@dataclass(frozen=True)
class HiddenMatch:
    """A match on an item the actor may not see, as the incidents service stores it for
    the item's owner (`ItemHit`). Never rendered or serialised for the actor."""

    item_id: int
    party_id: int
    score: int
    exact: bool
    reasons: tuple[Any, ...] = ()


@dataclass
class MatchReport:
    visible: list[Match] = field(default_factory=list)
    hidden: list[HiddenHit] = field(default_factory=list)
    make_model: MakeModel | None = None
    # Owners' wanted (lost/stolen) items among all matches: for `alert_owners` only, never
    # rendered or serialised (its items may be hidden from the actor).
    _wanted: list[tuple[int, int]] = field(default_factory=list, repr=False)
    # The hidden matches themselves (best first, at most `limit` a party): for the
    # incidents service only (see the module docstring).
    _hidden_matches: list[HiddenMatch] = field(default_factory=list, repr=False)

    @property
    def any(self) -> bool:
        return bool(self.visible or self.hidden)


# --- The make-and-model reference ---------------------------------------------------------


def resolve_make_model(manufacturer: str = "", model: str = "") -> MakeModel | None:
    """The reference entry for what an officer typed, through names and aliases in both
    scripts; the model alone is enough when it is unambiguous. None when nothing fits."""
    model_key = fold_name(model)
    maker_key = fold_name(manufacturer)
    if not model_key:
        return None
    entries = [e for e in MakeModel.objects.all() if model_key in e.keys]
    if not entries:
        return None
    if maker_key:
        with_maker = [e for e in entries if maker_key in e.keys]
        entries = with_maker or entries
    return entries[0] if len(entries) == 1 or maker_key else None


def make_model_keys(entry: MakeModel) -> list[str]:
    """The folded names and aliases an entry is found by."""
    names = [
        entry.manufacturer,
        entry.model,
        *(entry.manufacturer_aliases or []),
        *(entry.model_aliases or []),
    ]
    return sorted({key for key in (fold_name(str(n)) for n in names) if key})


# --- Candidates ----------------------------------------------------------------------------


def _exact_ids(serial_norm: str) -> list[int]:
    return list(
        Item.objects.filter(serial_norm=serial_norm).order_by("pk").values_list("pk", flat=True)
    )


def _fuzzy_ids(serial_norm: str, limit: int = CANDIDATES) -> list[int]:
    ids = _variant_ids(serial_norm)
    if connection.vendor == "postgresql":
        return list(dict.fromkeys(ids + _fuzzy_ids_postgresql(serial_norm, limit)))
    return list(dict.fromkeys(ids + _fuzzy_ids_prefix(serial_norm, limit)))


_SWAPS = {"0": "ODQ", "O": "0DQ", "D": "0O", "Q": "0O", "1": "IL", "I": "1L", "L": "1I"}
_SWAPS |= {"5": "S", "S": "5", "8": "B", "B": "8", "2": "Z", "Z": "2", "6": "G", "G": "6"}


def serial_variants(serial_norm: str) -> set[str]:
    """What the serial may really be if one pair of neighbours was transposed, one
    character misread for its look-alike, or one character too many was read: a few dozen
    strings, each one probe of the serial index — cheap at any register size."""
    variants: set[str] = set()
    n = len(serial_norm)
    for i in range(n - 1):
        a, b = serial_norm[i], serial_norm[i + 1]
        if a != b:
            variants.add(serial_norm[:i] + b + a + serial_norm[i + 2 :])
    for i, char in enumerate(serial_norm):
        for other in _SWAPS.get(char, ""):
            variants.add(serial_norm[:i] + other + serial_norm[i + 1 :])
        if n > 4:
            variants.add(serial_norm[:i] + serial_norm[i + 1 :])
    variants.discard(serial_norm)
    return variants


def _variant_ids(serial_norm: str) -> list[int]:
    if len(serial_norm) < 3:
        return []
    return list(
        Item.objects.filter(serial_norm__in=sorted(serial_variants(serial_norm)))
        .order_by("pk")
        .values_list("pk", flat=True)[:CANDIDATES]
    )


def _fuzzy_ids_postgresql(serial_norm: str, limit: int) -> list[int]:
    """Trigram candidates (the GIN index answers `%` and LIKE '%...%'). Each search runs
    under a statement timeout in its own savepoint: on a very large register a query whose
    trigrams are all common (digit-heavy serials) is abandoned rather than waited for —
    the exact and variant probes have already answered what they can. The substring
    search for a partial serial runs only when the similarity search found nothing close."""
    from django.db import DatabaseError

    table = connection.ops.quote_name(Item._meta.db_table)
    ids: list[int] = []
    best = 0
    with transaction.atomic(), connection.cursor() as cursor:
        # Local to the transaction, which may be the caller's: the timeout is put back.
        cursor.execute("SELECT current_setting('statement_timeout')")
        previous_timeout = cursor.fetchone()[0]
        cursor.execute(
            "SELECT set_config('pg_trgm.similarity_threshold', %s, true), "
            "set_config('statement_timeout', %s, true)",
            [str(TRGM_THRESHOLD), str(TRGM_TIMEOUT_MS)],
        )
        try:
            with transaction.atomic():
                cursor.execute(
                    f"SELECT id, serial_norm FROM {table} WHERE serial_norm %% %s "  # noqa: S608
                    "ORDER BY similarity(serial_norm, %s) DESC, id LIMIT %s",
                    [serial_norm, serial_norm, limit],
                )
                for pk, norm in cursor.fetchall():
                    ids.append(pk)
                    best = max(best, score_serial(serial_norm, norm)[0])
        except DatabaseError:
            pass  # timed out: see the docstring
        if len(serial_norm) >= MIN_PARTIAL and best < 80:
            try:
                with transaction.atomic():
                    cursor.execute(
                        f"SELECT id FROM {table} WHERE serial_norm LIKE %s LIMIT %s",  # noqa: S608
                        [f"%{_like_escape(serial_norm)}%", limit],
                    )
                    ids += [row[0] for row in cursor.fetchall()]
            except DatabaseError:
                pass
        cursor.execute("SELECT set_config('statement_timeout', %s, true)", [previous_timeout])
    return list(dict.fromkeys(ids))


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _prefix_variants(serial_norm: str, width: int = 3) -> set[str]:
    """Prefixes a mistyped serial may really start with: the prefix itself, with one
    look-alike character swapped, with two adjacent characters transposed, and with one
    character dropped or doubled at the start."""
    head = serial_norm[: width + 1]
    variants = {serial_norm[:width]}
    swaps = {"0": "ODQ", "O": "0DQ", "D": "0O", "Q": "0O", "1": "IL", "I": "1L", "L": "1I"}
    swaps |= {"5": "S", "S": "5", "8": "B", "B": "8", "2": "Z", "Z": "2", "6": "G", "G": "6"}
    for i, char in enumerate(head[:width]):
        for other in swaps.get(char, ""):
            variants.add((head[:i] + other + head[i + 1 :])[:width])
    for i in range(len(head) - 1):
        variants.add((head[:i] + head[i + 1] + head[i] + head[i + 2 :])[:width])
    variants.add(head[1 : width + 1])
    return {v for v in variants if len(v) == width}


def _fuzzy_ids_prefix(serial_norm: str, limit: int) -> list[int]:
    """SQLite: range probes of the serial index for each plausible prefix, filtered by
    length; then, only when none of those is close, a substring scan for a partial serial
    (`instr` over the covering serial index: a full index scan, ~150 ms a million rows —
    the price of having no trigram index on SQLite)."""
    ids: list[int] = []
    best = 0
    if len(serial_norm) >= 3:
        low, high = len(serial_norm) - 2, len(serial_norm) + 2
        for prefix in sorted(_prefix_variants(serial_norm)):
            rows = Item.objects.filter(
                serial_norm__gte=prefix, serial_norm__lt=prefix + "\U0010ffff"
            ).values_list("pk", "serial_norm")[: limit * 5]
            for pk, norm in rows:
                if low <= len(norm) <= high:
                    ids.append(pk)
                    best = max(best, score_serial(serial_norm, norm)[0])
    if len(serial_norm) >= MIN_PARTIAL and best < 80:
        table = connection.ops.quote_name(Item._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id FROM {table} WHERE instr(serial_norm, %s) > 0 LIMIT %s",  # noqa: S608
                [serial_norm, limit],
            )
            ids += [row[0] for row in cursor.fetchall()]
    return list(dict.fromkeys(ids))


def _markings_ids(markings_norm: str, limit: int = CANDIDATES) -> list[int]:
    """Items whose markings contain what was read (only when no serial was given)."""
    if len(markings_norm) < MIN_PARTIAL:
        return []
    return list(
        Item.objects.filter(markings_norm__contains=markings_norm)
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )


# --- Scoring ------------------------------------------------------------------------------


def _is_transposition(a: str, b: str) -> bool:
    if len(a) != len(b):
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
    )


def score_serial(query: str, stored: str) -> tuple[int, bool, list[Any]]:
    """(score, exact, reasons) of a stored folded serial against a folded query."""
    if not query or not stored:
        return 0, False, []
    if query == stored:
        return SCORE_EXACT, True, [REASON_SAME_SERIAL]
    if fold_lookalike_digits(query) == fold_lookalike_digits(stored):
        return SCORE_LOOKALIKE, False, [REASON_LOOKALIKE]
    if _is_transposition(query, stored):
        return SCORE_TRANSPOSED, False, [REASON_TRANSPOSED]
    if Levenshtein.distance(query, stored) == 1:
        return 86, False, [REASON_ONE_CHAR]
    shorter, longer = sorted((query, stored), key=len)
    if len(shorter) >= MIN_PARTIAL and shorter in longer:
        # a partial serial: worth more the more of the serial it covers
        return int(62 + 26 * len(shorter) / len(longer)), False, [REASON_PARTIAL]
    similarity = OSA.normalized_similarity(
        fold_lookalike_digits(query), fold_lookalike_digits(stored)
    )
    return round(100 * similarity) - 5, False, [REASON_SIMILAR]


def _score(
    item: Item,
    *,
    serial: str,
    markings: str,
    make_model: MakeModel | None,
    kind: str,
) -> Match | None:
    if serial:
        score, exact, reasons = score_serial(serial, item.serial_norm)
    else:
        score, exact, reasons = 0, False, []
    if markings and item.markings_norm:
        similarity = fuzz.partial_ratio(markings, item.markings_norm)
        if similarity >= 80:
            reasons.append(REASON_MARKINGS)
            score = max(score, int(similarity) - 20) if serial else int(similarity) - 10
    if make_model is not None and item.make_model_id is not None:
        if item.make_model_id == make_model.pk:
            reasons.append(REASON_SAME_MAKE)
            score = min(100, score + 4) if not exact else score
        elif not exact:
            return None  # a near serial on another make and model is another item
        else:
            reasons.append(REASON_OTHER_MAKE)
            score -= 15
    elif kind and item.kind == kind and not exact:
        reasons.append(REASON_SAME_KIND)
        score = min(99, score + 2)
    if score < MIN_SCORE:
        return None
    return Match(item=item, score=max(0, min(100, score)), exact=exact, reasons=reasons)


# --- The service ----------------------------------------------------------------------------


class _Candidate(NamedTuple):
    """What scoring and the visible/hidden split need of a register row: no serial as
    typed, no other column of a record the actor may not see."""

    pk: int
    owner_id: int
    kind: str
    status: str
    serial_norm: str
    markings_norm: str
    make_model_id: int | None
    classification: int
    actor_sees: bool

    @property
    def is_wanted(self) -> bool:
        return self.status in (Item.Status.LOST, Item.Status.STOLEN)


_CANDIDATE_COLUMNS = (
    "pk",
    "owner_id",
    "kind",
    "status",
    "serial_norm",
    "markings_norm",
    "make_model_id",
    "classification",
    "actor_sees",
)


def _with_visibility(items: Any, actor: Any) -> Any:
    """Annotate each row with whether the actor may see it: the access rule
    (`visibility_q`, the same expression as `visible_to`) as a column, so the visible and
    the hidden matches come from one query."""
    return items.annotate(
        actor_sees=Case(
            When(visibility_q(Item, actor), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


# The exact stage's query, compiled once per access key. `visibility_q(Item, user)` reads
# the user only through `access_key(user)` (party id and standing, clearance), Item has no
# participants (`cache_access_key` asserts it), and the LISTED list is a subquery evaluated
# at run time; so the SQL the ORM compiles for one key is the SQL for every user who shares
# it. Building and compiling it (the CASE column, the LISTED subquery, the owner join) is
# ~1.5 ms of Python per lookup, three quarters of the service's time; executing it is the
# raw query's time. Per thread, because a connection and its converters are.
_EXACT_SENTINEL = "\x00accord-serial\x00"
_EXACT_CACHE_SIZE = 256
_exact_cache = threading.local()


class _ExactQuery(NamedTuple):
    sql: str
    params: tuple[Any, ...]
    slot: int  # the position of the serial among `params`
    converters: list[tuple[int, list[Any], Any]]
    item_columns: list[str]
    party_columns: list[str]


def _exact_key(actor: Any, alias: str) -> tuple[Any, ...]:
    """Everything `visibility_q(Item, actor)` depends on (the access key), and the
    database."""
    key = cache_access_key(Item, actor)
    assert key is not None  # match_item answers an actor without a party before this
    return (alias, connections[alias].vendor, key)


def _exact_query(actor: Any) -> tuple[str, _ExactQuery]:
    alias = router.db_for_read(Item)
    key = _exact_key(actor, alias)
    cache: dict[tuple[Any, ...], _ExactQuery] | None = getattr(_exact_cache, "queries", None)
    if cache is None:
        cache = _exact_cache.queries = {}
    found = cache.get(key)
    if found is not None:
        return alias, found
    item_columns = [f.attname for f in Item._meta.concrete_fields]
    party_columns = [f.attname for f in Party._meta.concrete_fields]
    rows = _with_visibility(
        Item.objects.using(alias).filter(serial_norm=_EXACT_SENTINEL).order_by(), actor
    ).values_list(*item_columns, *(f"owner__{c}" for c in party_columns), "actor_sees")
    compiler = rows.query.get_compiler(using=alias)
    sql, params = compiler.as_sql()
    slots = [i for i, value in enumerate(params) if value == _EXACT_SENTINEL]
    if len(slots) != 1:  # pragma: no cover - the serial is one parameter of the filter
        raise RuntimeError("exact-match query: cannot find the serial parameter")
    converters = [
        (position, convs, expression)
        for position, (convs, expression) in compiler.get_converters(
            [column for column, _sql, _alias in compiler.select]
        ).items()
    ]
    found = _ExactQuery(sql, tuple(params), slots[0], converters, item_columns, party_columns)
    if len(cache) >= _EXACT_CACHE_SIZE:
        cache.clear()
    cache[key] = found
    return alias, found


def _exact_rows(actor: Any, serial_norm: str) -> list[tuple[_Candidate, Item | None, Party]]:
    """The exact stage in one query: each register row with this folded serial, as a
    candidate; with its full `Item` (owner attached) only when the actor may see it; and
    its owner party (for a hidden hit, the party is all that is said)."""
    alias, query = _exact_query(actor)
    params = list(query.params)
    params[query.slot] = serial_norm
    db = connections[alias]
    with db.cursor() as cursor:
        cursor.execute(query.sql, params)
        rows = cursor.fetchall()
    n_item = len(query.item_columns)
    n_party = len(query.party_columns)
    owner_field = Item._meta.get_field("owner")
    at = {name: i for i, name in enumerate(query.item_columns)}
    answer = []
    for raw in rows:
        row = list(raw)
        for position, convs, expression in query.converters:
            value = row[position]
            for convert in convs:
                value = convert(value, expression, db)
            row[position] = value
        sees = bool(row[-1])
        owner = Party.from_db(alias, query.party_columns, row[n_item : n_item + n_party])
        candidate = _Candidate(
            pk=row[at["id"]],
            owner_id=row[at["owner_id"]],
            kind=row[at["kind"]],
            status=row[at["status"]],
            serial_norm=row[at["serial_norm"]],
            markings_norm=row[at["markings_norm"]],
            make_model_id=row[at["make_model_id"]],
            classification=row[at["classification"]],
            actor_sees=sees,
        )
        item = None
        if sees:
            item = Item.from_db(alias, query.item_columns, row[:n_item])
            owner_field.set_cached_value(item, owner)
        answer.append((candidate, item, owner))
    return answer


def match_item(
    *,
    actor: Any,
    kind: str = "",
    manufacturer: str = "",
    model: str = "",
    serial: str = "",
    markings: str = "",
    limit: int = 20,
    fuzzy: bool = True,
) -> MatchReport:
    """Match an item as read off it against every register (see the module docstring).

    A read: nothing is written. The actor needs a party; an actor without one gets an empty
    report (callers check roles). `fuzzy=False` stops after the exact stage (one query)."""
    report = MatchReport()
    if party_of(actor) is None:
        return report
    serial_norm = fold_marking(serial)
    markings_norm = fold_marking(markings)
    if manufacturer or model:
        report.make_model = resolve_make_model(manufacturer, model)
    if not serial_norm and not markings_norm:
        return report

    def score(candidate: _Candidate) -> tuple[_Candidate, Match] | None:
        found = _score(
            candidate,  # type: ignore[arg-type]  # the columns scoring reads
            serial=serial_norm,
            markings=markings_norm,
            make_model=report.make_model,
            kind=kind,
        )
        return None if found is None else (candidate, found)

    scored: list[tuple[_Candidate, Match]] = []  # Match.item: the Item once it is visible
    full: dict[int, Item] = {}
    parties: dict[int, Party] = {}
    seen: set[int] = set()
    if serial_norm:
        for candidate, item, owner in _exact_rows(actor, serial_norm):
            seen.add(candidate.pk)
            parties[owner.pk] = owner
            if item is not None:
                full[item.pk] = item
            if (pair := score(candidate)) is not None:
                scored.append(pair)
    if fuzzy:
        ids = _fuzzy_ids(serial_norm) if serial_norm else _markings_ids(markings_norm)
        ids = [pk for pk in ids if pk not in seen]
        if ids:
            rows = (
                _with_visibility(Item.objects.filter(pk__in=ids), actor)
                .order_by()
                .values_list(*_CANDIDATE_COLUMNS)
            )
            for row in rows:
                if (pair := score(_Candidate._make((*row[:-1], bool(row[-1]))))) is not None:
                    scored.append(pair)
    if not scored:
        return report

    report._wanted = [(c.pk, c.owner_id) for c, _m in scored if c.is_wanted]
    scored.sort(key=lambda pair: (-pair[1].score, pair[0].pk))

    # Visible: fuzzy candidates came as a few columns, so read those in full.
    visible = [(c, m) for c, m in scored if c.actor_sees][:limit]
    missing = [c.pk for c, _m in visible if c.pk not in full]
    if missing:
        full.update(Item.objects.select_related("owner").in_bulk(missing))
    for candidate, match in visible:
        if candidate.pk in full:  # absent only if deleted meanwhile
            match.item = full[candidate.pk]
            report.visible.append(match)

    # Hidden: the parties for the actor; the rest for the incidents service only. A SECRET
    # item answers only to its owner: no other party learns that it holds a match
    # (THREAT_MODEL.md, "Decisions"), though the actor's own party is named to its own
    # officers below the item's clearance; its hit is still stored with an incident, for the
    # owner to see once the incident is released to it.
    per_party: dict[int, int] = {}
    disclosed: set[int] = set()
    own_party_id = getattr(party_of(actor), "pk", None)
    for candidate, match in scored:
        if candidate.actor_sees:
            continue
        if candidate.classification < Classification.SECRET or candidate.owner_id == own_party_id:
            disclosed.add(candidate.owner_id)
        per_party[candidate.owner_id] = per_party.get(candidate.owner_id, 0) + 1
        if per_party[candidate.owner_id] <= limit:
            report._hidden_matches.append(
                HiddenMatch(
                    item_id=candidate.pk,
                    party_id=candidate.owner_id,
                    score=match.score,
                    exact=match.exact,
                    reasons=tuple(match.reasons),
                )
            )
    unknown = [pk for pk in disclosed if pk not in parties]
    if unknown:
        parties.update(Party.objects.in_bulk(unknown))
    report.hidden = [
        HiddenHit(party=p) for p in sorted((parties[pk] for pk in disclosed), key=_code)
    ]
    return report


def _code(party: Party) -> str:
    return party.code


def alert_owners(*, actor: Any, report: MatchReport, context: str, link: str = "") -> int:
    """Tell the owner of each lost or stolen item in `report` that it was found.

    The owner party's customs officers are notified at once (in the application, and by
    e-mail where configured); the reporter learns nothing more than the report already
    told them. `context` says where it was found (e.g. an incident reference) in words the
    owner may read. Returns the number of owner parties notified. Call inside the caller's
    transaction: the notifications commit with the incident.

    No audit event here: the caller audits the incident, and an event naming the owner's
    item under the reporter's party would show the reporter's auditors a hidden record."""
    from accord.core.notifications import notify_party

    by_owner: dict[int, list[int]] = {}
    for item_id, owner_id in report._wanted:
        by_owner.setdefault(owner_id, []).append(item_id)
    if not by_owner:
        return 0
    reporter = party_of(actor)
    reporter_code = reporter.code if reporter else ""
    parties = Party.objects.in_bulk(list(by_owner))
    items = Item.objects.in_bulk([i for ids in by_owner.values() for i in ids])
    for owner_id, item_ids in by_owner.items():
        for item_id in item_ids:
            item = items[item_id]
            notify_party(
                party=parties[owner_id],
                roles=[Role.CUSTOMS_OFFICER],
                kind="trafficking.item.found",
                message=_found_message(item, reporter_code, context),
                link=_item_link(item) or link,
                obj=item,
            )
    return len(by_owner)


def _found_message(item: Item, reporter_code: str, context: str) -> Callable[[], Any]:
    def message() -> Any:
        return _(
            "Your %(status)s item %(item)s matches an item reported by %(party)s: %(context)s"
        ) % {
            "status": item.get_status_display(),
            "item": str(item),
            "party": reporter_code,
            "context": context,
        }

    return message


def _item_link(item: Item) -> str:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("trafficking:item", kwargs={"pk": item.pk})
    except NoReverseMatch:
        return ""


def owners_of(matches: Iterable[Match]) -> set[int]:
    return {m.item.owner_id for m in matches}
