"""Screening names against the watchlist.

Two steps, so that a watchlist of any size is never read whole:

1. **Narrowing, in SQL**: the folded tokens of the screened name and their phonetic keys
   are looked up in the indexed `EntityNameToken` table (and identifiers in the indexed
   `EntityIdentifier.value_norm`), restricted to the entities the actor may see; the
   entities sharing the most tokens are the candidates (at most `CANDIDATE_CAP`).
2. **Scoring, in Python**, with rapidfuzz: each query token is aligned with the most
   similar token of each of the candidate's names; the score (0–100) weighs how much of
   the screened name and of the listed name is covered, so a listed patronymic costs a
   little and a different surname costs a lot. The features that matched are reported
   as short translated texts.

Screening answers only from what the actor may see (`visible_to`), and only listed (not
delisted) entities.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rapidfuzz import fuzz

from accord.core.audit import record_event
from accord.core.errors import PermissionDenied, ValidationFailed
from accord.trafficking.models import Entity, EntityIdentifier, EntityName
from accord.trafficking.names import (
    LEGAL_FORMS,
    ParsedName,
    detect_script,
    normalise_identifier,
    parse_name,
    sound_key,
    token_variants,
)
from accord.trafficking.services.watchlist import can_screen

__all__ = [
    "CANDIDATE_CAP",
    "MATCH_THRESHOLD",
    "BulkRow",
    "Candidate",
    "NameScore",
    "bulk_rows_csv",
    "score_names",
    "screen_name",
    "screen_names",
]

# How many entities sharing tokens with the screened name are scored at most.
CANDIDATE_CAP = 100
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
    from accord.trafficking.names import _raw_tokens

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


def candidates_by_tokens(parsed: ParsedName, visible: Any) -> list[int]:
    """The narrowing step, in SQL: of the `visible` entities (a queryset from
    `visible_to`), those sharing the most tokens (or phonetic keys of tokens) with the
    screened name, at most CANDIDATE_CAP of them. The join starts from the token
    indexes, so only the entities sharing a token are checked against the access rule."""
    tokens = sorted({v for token in parsed.tokens for v in token_variants(token)})
    sounds = sorted({sound_key(token) for token in tokens})
    return list(
        visible.filter(Q(names__tokens__token__in=tokens) | Q(names__tokens__sound__in=sounds))
        .values("pk")
        .annotate(hits=Count("names__tokens__token", distinct=True))
        .order_by("-hits", "pk")
        .values_list("pk", flat=True)[:CANDIDATE_CAP]
    )


def _screen(
    *,
    actor: Any,
    name: str,
    kind: str = "",
    nationality: str = "",
    identifiers: Sequence[str] = (),
    limit: int = 20,
    min_score: int = DEFAULT_MIN_SCORE,
) -> list[Candidate]:
    parsed, norms = _check_input(name, identifiers)
    visible = Entity.objects.visible_to(actor).filter(status=Entity.Status.LISTED)
    if kind:
        visible = visible.filter(kind=kind)
    visible_ids = visible.values("pk")

    candidate_ids = candidates_by_tokens(parsed, visible) if parsed.tokens else []
    by_identifier: dict[int, str] = {}
    if norms:
        for entity_id, value in EntityIdentifier.objects.filter(
            value_norm__in=norms, entity_id__in=visible_ids
        ).values_list("entity_id", "value"):
            by_identifier.setdefault(entity_id, value)
    ids = set(candidate_ids) | set(by_identifier)
    if not ids:
        return []

    # Scored from plain tuples; model instances only for the candidates returned.
    names_of: dict[int, list[tuple[str, str, bool]]] = {}
    nationality_of: dict[int, str] = {}
    for entity_id, text, script, is_alias, own_nationality in EntityName.objects.filter(
        entity_id__in=ids
    ).values_list("entity_id", "name", "script", "is_alias", "entity__nationality"):
        names_of.setdefault(entity_id, []).append((text, script, is_alias))
        nationality_of[entity_id] = own_nationality
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
    entities = Entity.objects.select_related("owner").in_bulk([row[1] for row in scored])
    candidates = [
        Candidate(
            entity=entities[entity_id],
            score=score,
            features=features,
            matched_name=matched,
            matched_identifier=identifier,
        )
        for score, entity_id, features, matched, identifier in scored
    ]
    candidates.sort(key=lambda c: (-c.score, c.entity.name, c.entity.pk))
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
) -> list[Candidate]:
    """Screen one name (and optionally identifiers) against the watchlist entities the
    actor may see; ranked candidates, best first. The screening itself is audited (what
    was screened and how many candidates came back, not who they were)."""
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


# A page request screens the file while the user waits (about 15 names/s against a
# watchlist of 100,000 on a loaded machine, bench/RESULTS.md): keep a file to a minute.
MAX_BULK_ROWS = 1000


def screen_names(
    *, actor: Any, data: bytes, filename: str, limit: int = 5, min_score: int = MATCH_THRESHOLD
) -> list[BulkRow]:
    """Screen every row of a CSV or XLSX file (columns: name, and optionally kind,
    nationality, identifier). A bad row rejects the file with its row number."""
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
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(BULK_CSV_COLUMNS)
    for row in rows:
        if not row.candidates:
            writer.writerow([row.row, row.name, "", "", "", "", "", "", "", "", ""])
        for rank, candidate in enumerate(row.candidates, start=1):
            writer.writerow(
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
    return buffer.getvalue()
