"""Screening names against the watchlist.

Two steps, so that a watchlist of any size is never read whole:

1. **Narrowing, in SQL**: the folded tokens of the screened name and their phonetic keys
   are looked up in the covering indexes of `EntityNameToken` — one bounded probe per
   term, all the probes of a name in one statement, each joined to the access rule — (and
   identifiers in the indexed `EntityIdentifier.value_norm`). A word carried by more
   visible entities than `common_token_limit()` is common: it narrows nothing and is
   flagged (`CandidateList.common_words`); the rarer words find the candidates, ranked by
   how many words of the name they carry (at most `CANDIDATE_CAP`).
2. **Scoring, in Python**, with rapidfuzz: each query token is aligned with the most
   similar token of each of the candidate's names; the score (0–100) weighs how much of
   the screened name and of the listed name is covered, so a listed patronymic costs a
   little and a different surname costs a lot. The features that matched are reported
   as short translated texts.

Screening answers only from what the actor may see (`visible_to`), and only listed (not
delisted) entities.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, cast

from django.conf import settings
from django.db import connections
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rapidfuzz import fuzz

from accord.core.audit import record_event
from accord.core.errors import PermissionDenied, ValidationFailed
from accord.reports import tabular
from accord.trafficking.domain.names import (
    LEGAL_FORMS,
    ParsedName,
    detect_script,
    normalise_identifier,
    parse_name,
    sound_key,
    token_variants,
)
from accord.trafficking.models import Entity, EntityName
from accord.trafficking.permissions import can_screen

__all__ = [
    "CANDIDATE_CAP",
    "DEFAULT_COMMON_TOKEN_LIMIT",
    "MATCH_THRESHOLD",
    "BulkRow",
    "Candidate",
    "CandidateList",
    "NameScore",
    "Narrowing",
    "bulk_rows_csv",
    "common_token_limit",
    "score_names",
    "screen_name",
    "screen_names",
]

# How many entities sharing tokens with the screened name are scored at most.
CANDIDATE_CAP = 100
# A word carried by more visible entities than this is common: it narrows nothing.
DEFAULT_COMMON_TOKEN_LIMIT = 200
# A score from which a candidate counts as a match (the labelled set is measured at it).
MATCH_THRESHOLD = 80
# Candidates below this score are not reported at all.
DEFAULT_MIN_SCORE = 60
# rapidfuzz ratio of two tokens below which they count as different (ivanov / petrov).
TOKEN_FLOOR = 85

FEATURE_SCRIPT = _("same name in another script")
FEATURE_REORDERED = _("names reordered")
FEATURE_ALIAS = _("alias")
FEATURE_IDENTIFIER = _("identifier")
FEATURE_SPELLING = _("similar spelling")
FEATURE_EXACT = _("same name")
FEATURE_PARTIAL = _("part of the name")
FEATURE_OTHER_FORM = _("different legal form")
FEATURE_NATIONALITY = _("different nationality")


@dataclass(frozen=True)
class NameScore:
    """How one screened name compares with one listed name."""

    score: int
    features: tuple[Any, ...]


@dataclass
class Candidate:
    """An entity the screened name may refer to: its score, the name of it that matched
    best, and the features that matched (translated short texts)."""

    entity: Entity
    score: int
    features: list[Any] = field(default_factory=list)
    matched_name: str = ""
    matched_identifier: str = ""
    entity_id: int = 0

    @property
    def feature_texts(self) -> list[str]:
        return [str(feature) for feature in self.features]


# Russian surnames take a feminine ending: Ivanov / Ivanova, Zhukovsky / Zhukovskaya are
# two people, however close the spelling.
_GENDER_ENDINGS = (("ov", "ova"), ("ev", "eva"), ("in", "ina"), ("yn", "yna"), ("ski", "skaya"))


def _gender_variant(left: str, right: str) -> bool:
    if not 0 < abs(len(left) - len(right)) <= 2 or left[:2] != right[:2]:
        return False
    for male, female in _GENDER_ENDINGS:
        for a, b in ((left, right), (right, left)):
            if a.endswith(male) and b == a[: -len(male)] + female:
                return True
    return False


@lru_cache(maxsize=262144)
def _token_similarity(left: str, right: str) -> float:
    """The best similarity of any readings of the two tokens (see `token_variants`)."""
    return max(_reading_similarity(a, right) for a in token_variants(left))


def _reading_similarity(left: str, right: str) -> float:
    """Similarity of two folded tokens, 0 when they are not plausibly one word: a small
    spelling difference costs three points per point of rapidfuzz's ratio, so a typo in
    a long word is forgiven and a different short word is not; tokens that sound alike
    (Metaphone) count as close."""
    if left == right:
        return 100.0
    if left.isdigit() or right.isdigit():  # Volga 3 is not Volga 5
        return 0.0
    if _gender_variant(left, right):
        return 0.0
    similarity = fuzz.ratio(left, right)
    scaled = 100.0 - (100.0 - similarity) * 3 if similarity >= TOKEN_FLOOR else 0.0
    if min(len(left), len(right)) >= 4 and sound_key(left) == sound_key(right):
        scaled = max(scaled, 90.0)
    return scaled


def _legal_form_text(code: str, written: str, script: str) -> str:
    """A legal form as the user would write it in `script` (ООО, not ooo)."""
    from accord.trafficking.domain.names import _raw_tokens

    label, forms = LEGAL_FORMS[code]
    tokens = _raw_tokens(written)
    for form in forms:
        if _raw_tokens(form) == tokens and detect_script(form) == script:
            return form
    return label if script == "latin" else written.upper()


def score_names(query: str, listed: str, *, listed_script: str = "") -> NameScore:
    """Compare a screened name with a listed one (pure: no database)."""
    q = parse_name(query)
    n = parse_name(listed)
    return _score_parsed(
        q,
        n,
        query_script=detect_script(query),
        listed_script=listed_script or detect_script(listed),
    )


def _score_parsed(
    q: ParsedName, n: ParsedName, *, query_script: str, listed_script: str
) -> NameScore:
    if not q.tokens or not n.tokens:
        return NameScore(0, ())
    features: list[Any] = []
    if q.key == n.key:
        score = 100.0
        features.append(FEATURE_EXACT)
        order_changed = list(q.tokens) != list(n.tokens)
    else:
        # Align each screened token with its most similar listed token and back.
        best_for_query = []
        positions = []
        for token in q.tokens:
            similarities = [_token_similarity(token, other) for other in n.tokens]
            best = max(similarities)
            best_for_query.append(best)
            positions.append(similarities.index(best) if best else -1)
        best_for_listed = [
            max(_token_similarity(token, other) for other in q.tokens) for token in n.tokens
        ]
        query_cover = sum(best_for_query) / len(best_for_query)
        listed_cover = sum(best_for_listed) / len(best_for_listed)
        # Mostly how much of the screened name is found, less how much of the listed
        # name is left over (a patronymic, a second given name).
        score = 0.65 * query_cover + 0.35 * listed_cover
        if len(q.tokens) == 1 and len(n.tokens) > 1:
            score = min(score, 75.0)  # one word alone is a weak match
        if len(q.tokens) != len(n.tokens):  # a word split or joined: Almaztrade
            whole = fuzz.ratio(q.key.replace(" ", ""), n.key.replace(" ", ""))
            score = max(score, whole if whole >= 90 else 0.0)
        found = [p for p in positions if p >= 0]
        order_changed = found != sorted(found)
        if 0 < score < 100 and min(best_for_query) < 100 and score >= DEFAULT_MIN_SCORE:
            features.append(FEATURE_SPELLING)
        if score >= DEFAULT_MIN_SCORE and 0 in best_for_listed and query_cover >= 80:
            features.append(FEATURE_PARTIAL)
    if score >= DEFAULT_MIN_SCORE:
        if query_script != listed_script:
            features.append(FEATURE_SCRIPT)
        if order_changed:
            features.append(FEATURE_REORDERED)
        q_forms = dict(q.legal_forms)
        n_forms = dict(n.legal_forms)
        for code, written in q_forms.items():
            if code in n_forms and n_forms[code] != written:
                features.append(
                    _("legal form %(listed)s = %(screened)s")
                    % {
                        "listed": _legal_form_text(code, n_forms[code], listed_script),
                        "screened": _legal_form_text(code, written, query_script),
                    }
                )
        if q_forms and n_forms and not set(q_forms) & set(n_forms):
            features.append(FEATURE_OTHER_FORM)
            score -= 5
    return NameScore(max(0, min(100, round(score))), tuple(features))


def _check_input(name: str, identifiers: Sequence[str]) -> tuple[ParsedName, list[str]]:
    parsed = parse_name(name or "")
    norms = [norm for norm in (normalise_identifier(v) for v in identifiers) if norm]
    if not parsed.tokens and not norms:
        raise ValidationFailed.single("name", _("Give a name (or an identifier) to screen."))
    if len(name or "") > 300:
        raise ValidationFailed.single("name", _("A name is at most 300 characters long."))
    return parsed, norms


def common_token_limit() -> int:
    """How many visible entities may carry a word before it counts as common (configurable):
    a common word (a frequent given name, "avia", a vessel number) narrows nothing, so the
    narrowing skips it and says so, as correlation does with common values."""
    return int(
        getattr(settings, "ACCORD_TRAFFICKING_SCREENING_COMMON_LIMIT", DEFAULT_COMMON_TOKEN_LIMIT)
    )


@dataclass
class Narrowing:
    """The outcome of the narrowing step: the candidate entity ids (best first), the
    words of the screened name too common to narrow by, and whether candidates were cut
    off (only common words, more entities than CANDIDATE_CAP)."""

    ids: list[int]
    common: list[str] = field(default_factory=list)
    truncated: bool = False


class CandidateList(list[Candidate]):
    """The ranked candidates of one screening, with what the narrowing flagged: the words
    too common on the watchlist to narrow by (`common_words`), and `truncated` when the
    name held nothing but common words, so only a first part of the entities carrying
    them was scored."""

    common_words: list[str]
    truncated: bool

    def __init__(
        self,
        items: Iterable[Candidate] = (),
        *,
        common: Sequence[str] = (),
        truncated: bool = False,
    ) -> None:
        super().__init__(items)
        self.common_words = list(common)
        self.truncated = truncated


class _Postings:
    """Which visible entities carry a term (a folded token, or a phonetic key): one
    bounded probe of the covering index (token, entity) or (sound, entity) per term,
    stopping after `limit` + 1 entities, so a common term costs at most that many index
    entries. The probes of one name go to the database as one statement (UNION ALL of
    the probes), compiled once from the ORM's query (the access rule included) and
    reused with other values. Answers are kept for the lifetime of the object: a bulk
    screening shares them across the names of its file (a given name recurs; its probe
    runs once).

    Nothing is kept beyond the object (one screening, or one bulk file): which terms are
    common depends on what the actor may see, and a process-wide memory of it would have
    to be keyed by the access key, locked, and would still skip a term that became rare
    since. Probing a common term costs at most `limit` + 1 index entries."""

    _SENTINEL = "\x00term\x00"

    def __init__(self, visible: Any, limit: int) -> None:
        self.visible = visible.order_by()
        self.limit = limit
        self._cache: dict[tuple[str, str], tuple[int, ...] | None] = {}
        self._templates: dict[str, tuple[str, list[Any], int]] = {}

    def _template(self, column: str) -> tuple[str, list[Any], int]:
        """The probe of `column` as SQL, its parameters, and where the term goes."""
        if column not in self._templates:
            query = (
                self.visible.filter(**{f"name_tokens__{column}": self._SENTINEL})
                .values_list("pk", flat=True)
                .distinct()[: self.limit + 1]
            )
            sql, params = query.query.get_compiler(using=query.db).as_sql()
            params = list(params)
            self._templates[column] = (sql, params, params.index(self._SENTINEL))
        return self._templates[column]

    def load(self, terms: Iterable[tuple[str, str]]) -> None:
        """Probe the terms not probed yet, all in one statement."""
        wanted = [term for term in dict.fromkeys(terms) if term not in self._cache]
        if not wanted:
            return
        parts: list[str] = []
        params: list[Any] = []
        for number, (column, value) in enumerate(wanted):
            sql, template_params, position = self._template(column)
            # The SQL is the ORM's own compiled probe; the term number an int: values
            # travel only as parameters.
            parts.append(f"SELECT {number:d} AS term, probe.* FROM ({sql}) probe")  # noqa: S608
            params += [*template_params[:position], value, *template_params[position + 1 :]]
        found: dict[int, list[int]] = {number: [] for number in range(len(wanted))}
        with connections[self.visible.db].cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            for number, entity_id in cursor.fetchall():
                found[number].append(entity_id)
        for number, term in enumerate(wanted):
            ids = found[number]
            self._cache[term] = None if len(ids) > self.limit else tuple(ids)

    def is_common_spelling(self, spellings: Iterable[str]) -> bool:
        """Whether a spelling (not merely the sound) of a word is common."""
        return any(self._cache.get(("token", spelling), ()) is None for spelling in spellings)

    def get(self, column: str, value: str) -> tuple[int, ...] | None:
        """The entity ids carrying the term, or None when more than `limit` do."""
        self.load([(column, value)])
        return self._cache[(column, value)]


def candidates_by_tokens(
    parsed: ParsedName, visible: Any, postings: _Postings | None = None
) -> Narrowing:
    """The narrowing step, in SQL, rarest words first: of the `visible` entities (a
    queryset from `visible_to`), those carrying a word of the screened name (or a reading
    of it, or its phonetic key), at most CANDIDATE_CAP of them.

    Each term is one bounded probe of a covering index (`_Postings`): a term carried by
    more than `common_token_limit()` visible entities is common and narrows nothing — it
    is flagged, and the entities are found by the name's other, rarer words. Entities
    are ranked by how many words of the name they carry (a spelling beats a phonetic
    key, a rare word beats a commoner one). A rare word no entity carries leaves the name
    without candidates. Only when every word is common are the entities carrying all of
    them taken (an indexed intersection, at most CANDIDATE_CAP; `truncated` says so)."""
    postings = postings or _Postings(visible, common_token_limit())
    postings.load(
        (column, value)
        for token in parsed.tokens
        for spelling in token_variants(token)
        for column, value in (("token", spelling), ("sound", sound_key(spelling)))
    )
    weights: dict[int, float] = {}
    common: list[str] = []
    common_tokens: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    for token in dict.fromkeys(parsed.tokens):
        spellings = token_variants(token)
        sounds = tuple(dict.fromkeys(sound_key(spelling) for spelling in spellings))
        found: dict[int, float] = {}
        is_common = False
        for spelling in spellings:
            for column, value, weight in (
                ("token", spelling, 1.0),
                ("sound", sound_key(spelling), 0.8),
            ):
                ids = postings.get(column, value)
                if ids is None:
                    # A common spelling; or a common sound of a spelling nobody carries
                    # (Vector, listed as Vektor, sounds like every Viktor).
                    is_common = True
                    continue
                # The rarer the term, the more it says: 1.0 alone, 0.5 at the limit.
                weight *= 1.0 - 0.5 * len(ids) / max(postings.limit, 1)
                for entity_id in ids:
                    if found.get(entity_id, 0.0) < weight:
                        found[entity_id] = weight
        if is_common and not (found and not postings.is_common_spelling(spellings)):
            common.append(token)
            common_tokens.append((spellings, sounds))
        for entity_id, weight in found.items():
            weights[entity_id] = weights.get(entity_id, 0.0) + weight
    if weights:
        ranked = sorted(weights, key=lambda pk: (-weights[pk], pk))
        return Narrowing(ranked[:CANDIDATE_CAP], common)  # the best-ranked, as before
    if not common_tokens or len(common_tokens) < len(dict.fromkeys(parsed.tokens)):
        # A word no visible entity carries (nor one sounding like it): no entity has
        # the name, whatever its common words find.
        return Narrowing([], common)
    # Nothing but common words: the entities carrying every one of them as written, or
    # failing that, every one of them as it sounds.
    for column in ("token", "sound"):
        query = postings.visible
        for spellings, sounds in common_tokens:
            query = query.filter(
                pk__in=_carrying(column, spellings if column == "token" else sounds)
            )
        carriers = list(query.values_list("pk", flat=True)[: CANDIDATE_CAP + 1])
        if carriers:
            break
    return Narrowing(carriers[:CANDIDATE_CAP], common, len(carriers) > CANDIDATE_CAP)


def _carrying(column: str, values: Sequence[str]) -> Any:
    """Ids of the entities carrying one of `values` in `column` (token or sound): a
    subquery on that column's index."""
    from accord.trafficking.models import EntityNameToken

    return EntityNameToken.objects.filter(**{f"{column}__in": list(values)}).values("entity_id")


class _Session:
    """What screenings by one actor share: the visible querysets (per kind), the term
    probes (`_Postings`), the names and entities already read. A single screening uses
    one for itself; a bulk screening one for its whole file, so a word, a candidate's
    names or an entity common to several rows is read once."""

    def __init__(self, actor: Any) -> None:
        self.actor = actor
        self.limit = common_token_limit()
        self._postings: dict[str, _Postings] = {}
        self._visible: dict[str, Any] = {}
        self.names_of: dict[int, list[tuple[str, str, bool]]] = {}
        self.nationality_of: dict[int, str] = {}
        self.title_of: dict[int, str] = {}  # an entity's primary name, to order ties
        self.entities: dict[int, Entity] = {}
        # A bulk screening reads the entities of all its rows' candidates at the end.
        self.defer_entities = False

    def visible(self, kind: str) -> Any:
        if kind not in self._visible:
            visible = Entity.objects.visible_to(self.actor).filter(status=Entity.Status.LISTED)
            self._visible[kind] = visible.filter(kind=kind) if kind else visible
        return self._visible[kind]

    def postings(self, kind: str) -> _Postings:
        if kind not in self._postings:
            self._postings[kind] = _Postings(self.visible(kind), self.limit)
        return self._postings[kind]

    def load_names(self, ids: Iterable[int]) -> None:
        """Read the names of the entities not read yet: one query for all of them."""
        missing = [pk for pk in ids if pk not in self.nationality_of]
        if not missing:
            return
        for entity_id, text, script, is_alias, own_nationality, title in (
            EntityName.objects.filter(entity_id__in=missing)
            .order_by()
            .values_list(
                "entity_id", "name", "script", "is_alias", "entity__nationality", "entity__name"
            )
        ):
            self.names_of.setdefault(entity_id, []).append((text, script, is_alias))
            self.nationality_of[entity_id] = own_nationality
            self.title_of[entity_id] = title
        for pk in missing:
            self.nationality_of.setdefault(pk, "")

    def resolve(self, lists: Iterable[Sequence[Candidate]]) -> None:
        """Give the candidates their entities (with the owner): a query per 2,000 new."""
        lists = list(lists)
        missing = list(
            dict.fromkeys(
                c.entity_id for found in lists for c in found if c.entity_id not in self.entities
            )
        )
        for start in range(0, len(missing), _IDS_PER_QUERY):
            chunk = missing[start : start + _IDS_PER_QUERY]
            self.entities.update(Entity.objects.select_related("owner").in_bulk(chunk))
        for found in lists:
            for candidate in found:
                candidate.entity = self.entities[candidate.entity_id]


def _screen(
    *,
    actor: Any,
    name: str,
    kind: str = "",
    nationality: str = "",
    identifiers: Sequence[str] = (),
    limit: int = 20,
    min_score: int = DEFAULT_MIN_SCORE,
    session: _Session | None = None,
) -> CandidateList:
    parsed, norms = _check_input(name, identifiers)
    session = session or _Session(actor)
    visible = session.visible(kind)

    narrowing = (
        candidates_by_tokens(parsed, visible, session.postings(kind))
        if parsed.tokens
        else Narrowing([])
    )
    by_identifier: dict[int, str] = {}
    if norms:
        # From the identifier index to the entity, the access rule per joined row.
        for entity_id, value in (
            visible.order_by()
            .filter(identifiers__value_norm__in=norms)
            .values_list("pk", "identifiers__value")
        ):
            by_identifier.setdefault(entity_id, value)
    ids = list(dict.fromkeys([*narrowing.ids, *by_identifier]))
    if not ids:
        return CandidateList(common=narrowing.common, truncated=narrowing.truncated)

    # Scored from plain tuples; model instances only for the candidates returned.
    session.load_names(ids)
    names_of = session.names_of
    nationality_of = session.nationality_of
    query_script = detect_script(name or "")
    wanted_nationality = (nationality or "").strip().upper()
    scored: list[tuple[int, int, list[Any], str, str]] = []
    for entity_id in ids:
        best = NameScore(0, ())
        best_name: tuple[str, str, bool] | None = None
        if parsed.tokens:
            for row in names_of.get(entity_id, []):
                result = _score_parsed(
                    parsed, parse_name(row[0]), query_script=query_script, listed_script=row[1]
                )
                # On a tie the primary name (not an alias) is the one shown.
                if result.score > best.score or (
                    result.score == best.score and best_name is not None and best_name[2]
                ):
                    best, best_name = result, row
        score = float(best.score)
        features = list(best.features)
        if best_name is not None and best_name[2] and score >= min_score:
            features.append(FEATURE_ALIAS)
        identifier = by_identifier.get(entity_id, "")
        if identifier:
            # An identifier alone is strong; with the name matching too, it is certain.
            score = 100.0 if score >= MATCH_THRESHOLD else max(score, 95.0)
            features.append(FEATURE_IDENTIFIER)
        own_nationality = nationality_of.get(entity_id, "")
        if wanted_nationality and own_nationality and own_nationality != wanted_nationality:
            score -= 10
            features.append(FEATURE_NATIONALITY)
        if score < min_score:
            continue
        matched = best_name[0] if best_name is not None else ""
        scored.append((max(0, min(100, round(score))), entity_id, features, matched, identifier))
    scored.sort(key=lambda row: (-row[0], row[1]))
    scored = scored[: max(1, min(limit, 100))]
    scored.sort(key=lambda row: (-row[0], session.title_of.get(row[1], ""), row[1]))
    candidates = CandidateList(
        (
            Candidate(
                entity=cast(Entity, None),  # resolved below, or with the whole file
                score=score,
                features=features,
                matched_name=matched,
                matched_identifier=identifier,
                entity_id=entity_id,
            )
            for score, entity_id, features, matched, identifier in scored
        ),
        common=narrowing.common,
        truncated=narrowing.truncated,
    )
    if not session.defer_entities:
        session.resolve([candidates])
    return candidates


def screen_name(
    *,
    actor: Any,
    name: str,
    kind: str = "",
    nationality: str = "",
    identifiers: Iterable[str] = (),
    limit: int = 20,
    min_score: int = DEFAULT_MIN_SCORE,
) -> CandidateList:
    """Screen one name (and optionally identifiers) against the watchlist entities the
    actor may see; ranked candidates, best first (with the words too common to narrow
    by, `CandidateList.common_words`). The screening itself is audited — a record that
    the actor's party looked the name up: what was screened and how many candidates came
    back, not who they were. One small event, written after the reads."""
    if not can_screen(actor):
        raise PermissionDenied()
    identifiers = [value for value in identifiers if (value or "").strip()]
    candidates = _screen(
        actor=actor,
        name=name,
        kind=kind,
        nationality=nationality,
        identifiers=identifiers,
        limit=limit,
        min_score=min_score,
    )
    record_event(
        actor=actor,
        action="trafficking.screening.screen",
        object_type="trafficking.screening",
        object_repr=(name or "")[:300],
        after={"name": name, "identifiers": identifiers, "candidates": len(candidates)},
    )
    return candidates


@dataclass
class BulkRow:
    """One screened row of a bulk file: what was asked and the candidates found."""

    row: int
    name: str
    kind: str
    nationality: str
    identifiers: list[str]
    candidates: list[Candidate]

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


# A page request screens the file while the user waits (several hundred names/s against a
# watchlist of 100,000, bench/RESULTS.md): a file of this size takes seconds.
MAX_BULK_ROWS = 1000


def screen_names(
    *,
    actor: Any,
    data: bytes,
    filename: str,
    limit: int = 5,
    min_score: int = MATCH_THRESHOLD,
    progress: Callable[[int, int], None] | None = None,
) -> list[BulkRow]:
    """Screen every row of a CSV or XLSX file (columns: name, and optionally kind,
    nationality, identifier). A bad row rejects the file with its row number.
    `progress(done, total)` is called every 50 rows (the background job's progress)."""
    from accord.trafficking.services.watchlist import read_table

    if not can_screen(actor):
        raise PermissionDenied()
    rows = read_table(data, filename)
    if not rows or "name" not in rows[0]:
        raise ValidationFailed.single("file", _("The file needs a column named 'name'."))
    if len(rows) > MAX_BULK_ROWS:
        raise ValidationFailed.single(
            "file",
            ngettext(
                "At most %(count)s name can be screened from one file.",
                "At most %(count)s names can be screened from one file.",
                MAX_BULK_ROWS,
            )
            % {"count": MAX_BULK_ROWS},
        )
    kinds = {choice.value for choice in Entity.Kind}
    results = []
    session = _Session(actor)  # shared by the rows: term probes, names, entities
    session.defer_entities = True
    _prefetch(session, [((row.get("kind") or "").strip().lower(), row) for row in rows], kinds)
    for number, row in enumerate(rows, start=2):
        kind = (row.get("kind") or "").strip().lower()
        if kind and kind not in kinds:
            raise ValidationFailed.single(
                "file",
                _("Row %(row)s: unknown kind %(kind)s.") % {"row": number, "kind": kind},
            )
        identifiers = [v for v in (row.get("identifier") or "").split(";") if v.strip()]
        try:
            candidates = _screen(
                actor=actor,
                name=row.get("name") or "",
                kind=kind,
                nationality=row.get("nationality") or "",
                identifiers=identifiers,
                limit=limit,
                min_score=min_score,
                session=session,
            )
        except ValidationFailed as exc:
            raise ValidationFailed.single(
                "file",
                _("Row %(row)s: %(error)s")
                % {
                    "row": number,
                    "error": " ".join(str(m) for ms in exc.errors.values() for m in ms),
                },
            ) from exc
        results.append(
            BulkRow(
                row=number,
                name=row.get("name") or "",
                kind=kind,
                nationality=row.get("nationality") or "",
                identifiers=identifiers,
                candidates=candidates,
            )
        )
        if progress is not None and len(results) % 50 == 0:
            progress(len(results), len(rows))
    session.resolve(row.candidates for row in results)
    record_event(
        actor=actor,
        action="trafficking.screening.bulk",
        object_type="trafficking.screening",
        object_repr=filename[:300],
        after={
            "file": filename,
            "names": len(results),
            "with_candidates": sum(1 for r in results if r.candidates),
        },
    )
    return results


# Terms per probing statement, and entity ids per names query, in a bulk screening.
_TERMS_PER_STATEMENT = 200
_IDS_PER_QUERY = 2000


def _prefetch(session: _Session, rows: Sequence[tuple[str, dict[str, str]]], kinds: Any) -> None:
    """The work the rows of a file share, done before they are scored one by one: every
    word of the file probed in a few statements (a word recurring in many names once),
    then the names of every candidate of every row read in a few queries. Rows the
    screening will reject are left to it."""
    terms_of: dict[str, dict[tuple[str, str], None]] = {}
    parsed_rows = []
    for kind, row in rows:
        if kind and kind not in kinds:
            continue
        parsed = parse_name(row.get("name") or "")
        parsed_rows.append((kind, parsed))
        for token in parsed.tokens:
            for spelling in token_variants(token):
                terms = terms_of.setdefault(kind, {})
                terms[("token", spelling)] = None
                terms[("sound", sound_key(spelling))] = None
    for kind, terms in terms_of.items():
        wanted = list(terms)
        for start in range(0, len(wanted), _TERMS_PER_STATEMENT):
            session.postings(kind).load(wanted[start : start + _TERMS_PER_STATEMENT])
    ids: dict[int, None] = {}
    for kind, parsed in parsed_rows:
        if parsed.tokens:
            narrowing = candidates_by_tokens(parsed, session.visible(kind), session.postings(kind))
            ids.update(dict.fromkeys(narrowing.ids))
    wanted_ids = list(ids)
    for start in range(0, len(wanted_ids), _IDS_PER_QUERY):
        session.load_names(wanted_ids[start : start + _IDS_PER_QUERY])


BULK_CSV_COLUMNS = (
    "row",
    "name",
    "rank",
    "score",
    "entity_id",
    "entity_name",
    "kind",
    "listing_party",
    "matched_name",
    "matched_identifier",
    "features",
)


def bulk_rows_csv(rows: Sequence[BulkRow]) -> str:
    """The results of a bulk screening as CSV: one line per candidate (a name without
    candidates has one line with the candidate columns empty)."""
    lines: list[list[Any]] = []
    for row in rows:
        if not row.candidates:
            lines.append([row.row, row.name, "", "", "", "", "", "", "", "", ""])
        for rank, candidate in enumerate(row.candidates, start=1):
            lines.append(
                [
                    row.row,
                    row.name,
                    rank,
                    candidate.score,
                    candidate.entity.pk,
                    candidate.entity.name,
                    candidate.entity.kind,
                    candidate.entity.owner.code,
                    candidate.matched_name,
                    candidate.matched_identifier,
                    "; ".join(candidate.feature_texts),
                ]
            )
    return tabular.csv_text(BULK_CSV_COLUMNS, lines)
