"""A standard version as an OSCAL catalog, and back.

Mapping (Accord's own names carry the namespace `NS`):

- catalog `uuid`: a UUID 5 of the standard's code and version number (stable across
  exports); `metadata.title` the English title, `version` the version number, props for
  the code, the stage, the Russian title, the threat categories and the protection
  classes (grouped by class code, with their names); the scope in both languages as
  back-matter resources (props cannot hold several lines);
- a top-level section is a `group`; everything inside it is a `control` — requirements
  with class "requirement", subsections with class "section" (OSCAL groups cannot hold
  both subgroups and controls, a section can hold both subsections and requirements);
  a requirement at the top level is a catalog control;
- each clause: id `c-<uid>` (groups `g-<uid>`), props `label` (its number), `uid`,
  `normative-level`, `title-ru`, `conformity`; parts `statement` and `guidance` with the
  English prose and a `translation` sub-part (class "ru") with the Russian; the
  conformity note as an `assessment-method` part;
- protection-class parameters as control `params`: label = parameter name, `values` =
  [value], props `protection-class`, `parameter`, `unit`.

`catalog_export` needs only read access; `catalog_import` is a service (audited, one
transaction): it creates a standard from the catalog, or a new working-draft version of
an existing standard, keeping the clauses' uids.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accord.core.access import can_see
from accord.core.audit import record_event
from accord.core.errors import NotFound, PermissionDenied, ValidationFailed
from accord.core.validation import full_clean
from accord.standards import permissions
from accord.standards.domain.compare import tree_order
from accord.standards.models import Clause, ClauseParameter, Standard, StandardVersion
from accord.standards.oscal.validation import errors as schema_errors
from accord.standards.services import drafting as services

__all__ = ["NS", "OSCAL_VERSION", "SCHEMA", "catalog_export", "catalog_import", "validate"]

NS = "https://accord.example.org/ns/oscal"
OSCAL_VERSION = "1.2.0"
SCHEMA = "oscal_catalog_schema.json"
_NAMESPACE = uuid.UUID("5b0f3d0e-6f2b-4c61-9a55-0c4a7a3c2e10")
_TOKEN_BAD = re.compile(r"[^\w.\-]")


def validate(document: Any) -> list[str]:
    """Schema errors of an OSCAL catalog document (empty when valid)."""
    return schema_errors(document, SCHEMA)


def _token(text: str) -> str:
    token = _TOKEN_BAD.sub("_", text)
    return token if token and (token[0].isalpha() or token[0] == "_") else f"_{token}"


def _prop(name: str, value: Any, **extra: str) -> dict[str, str]:
    return {"name": name, "ns": NS, "value": str(value).strip(), **extra}


def _line(text: str) -> str:
    """A single-line, non-blank text (OSCAL markup-line)."""
    return " ".join((text or "").split())


def _timestamp(moment: Any) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _prose_part(part_id: str, name: str, en: str, ru: str, **extra: Any) -> dict[str, Any] | None:
    if not (en or ru) and not extra:
        return None
    part: dict[str, Any] = {"id": part_id, "name": name, **extra}
    if en:
        part["prose"] = en
    if ru:
        part["parts"] = [
            {"id": f"{part_id}.ru", "name": "translation", "ns": NS, "class": "ru", "prose": ru}
        ]
    return part


def _clause_body(clause: Clause, prefix: str) -> dict[str, Any]:
    cid = f"{prefix}-{_token(clause.uid)}"
    props = [_prop("label", clause.number), _prop("uid", clause.uid)]
    if clause.normative_level:
        props.append(_prop("normative-level", clause.normative_level))
    if clause.title_ru.strip():
        props.append(_prop("title-ru", _line(clause.title_ru)))
    if clause.conformity:
        props.append(_prop("conformity", clause.conformity))
    body: dict[str, Any] = {
        "id": cid,
        "class": clause.kind,
        "title": _line(clause.title_en) or clause.number,
        "props": props,
    }
    params = [
        {
            "id": _token(f"{cid}_prm_{p.name}_{p.protection_class}"),
            "class": _token(p.protection_class),
            "label": p.name,
            "values": [format(p.value.normalize(), "f")],
            "props": [
                _prop("protection-class", p.protection_class),
                _prop("parameter", p.name),
                *([_prop("unit", p.unit)] if p.unit.strip() else []),
            ],
        }
        for p in clause.parameters.all()
    ]
    if params:
        body["params"] = params
    parts = [
        _prose_part(f"{cid}_smt", "statement", clause.text_en, clause.text_ru),
        _prose_part(f"{cid}_gdn", "guidance", clause.guidance_en, clause.guidance_ru),
        _prose_part(
            f"{cid}_mth", "assessment-method", clause.conformity_note_en, clause.conformity_note_ru
        ),
    ]
    if any(parts):
        body["parts"] = [p for p in parts if p]
    return body


def catalog_export(*, actor: Any, version: StandardVersion) -> dict[str, Any]:
    """The version as an OSCAL catalog document ({"catalog": ...})."""
    standard = version.standard
    if not can_see(actor, standard):
        raise NotFound()
    clauses = tree_order(version.clauses.prefetch_related("parameters").order_by("order", "id"))
    children: dict[int | None, list[Clause]] = {}
    for clause in clauses:
        children.setdefault(clause.parent_id, []).append(clause)

    def control(clause: Clause) -> dict[str, Any]:
        body = _clause_body(clause, "c")
        nested = [control(child) for child in children.get(clause.pk, [])]
        if nested:
            body["controls"] = nested
        return body

    groups, top_controls = [], []
    for clause in children.get(None, []):
        if clause.kind == Clause.Kind.SECTION:
            group = _clause_body(clause, "g")
            group.pop("params", None)
            nested = [control(child) for child in children.get(clause.pk, [])]
            if nested:
                group["controls"] = nested
            groups.append(group)
        else:
            top_controls.append(control(clause))

    metadata_props = [
        _prop("standard-code", standard.code),
        _prop("stage", version.stage),
        *([_prop("title-ru", _line(standard.title_ru))] if standard.title_ru.strip() else []),
        *[_prop("threat-category", c) for c in standard.threat_categories or []],
    ]
    for item in standard.protection_classes or []:
        code = str(item.get("code", ""))
        group_token = _token(code)
        metadata_props.append(_prop("protection-class", code, group=group_token))
        for lang in ("en", "ru"):
            name = _line(str(item.get(f"name_{lang}") or ""))
            if name:
                metadata_props.append(
                    _prop("protection-class-name", name, group=group_token, **{"class": lang})
                )
    metadata: dict[str, Any] = {
        "title": _line(standard.title_en) or standard.code,
        "last-modified": _timestamp(version.updated_at),
        "version": str(version.number),
        "oscal-version": OSCAL_VERSION,
        "props": metadata_props,
    }
    if version.adopted_at:
        metadata["published"] = _timestamp(version.adopted_at)
    catalog: dict[str, Any] = {
        "uuid": str(uuid.uuid5(_NAMESPACE, f"{standard.code}/{version.number}")),
        "metadata": metadata,
    }
    if top_controls:
        catalog["controls"] = top_controls
    if groups:
        catalog["groups"] = groups
    resources = [
        {
            "uuid": str(uuid.uuid5(_NAMESPACE, f"{standard.code}/{version.number}/scope/{lang}")),
            "title": "Scope",
            "description": text,
            "props": [_prop("scope", lang)],
        }
        for lang, text in (("en", standard.scope_en), ("ru", standard.scope_ru))
        if text.strip()
    ]
    if resources:
        catalog["back-matter"] = {"resources": resources}
    return {"catalog": catalog}


# --- Import --------------------------------------------------------------------------------


def _props(obj: dict[str, Any]) -> dict[str, str]:
    return {p["name"]: p.get("value", "") for p in obj.get("props", []) if p.get("ns") == NS}


def _prose(obj: dict[str, Any], name: str) -> tuple[str, str]:
    for part in obj.get("parts", []):
        if part.get("name") == name and not part.get("ns"):
            ru = next(
                (
                    p.get("prose", "")
                    for p in part.get("parts", [])
                    if p.get("name") == "translation" and p.get("class") == "ru"
                ),
                "",
            )
            return part.get("prose", ""), ru
    return "", ""


def _clause_fields(obj: dict[str, Any], where: str) -> dict[str, Any]:
    props = _props(obj)
    number = props.get("label", "").strip()
    if not number:
        raise ValidationFailed.single(
            "file", _("%(where)s has no number (label).") % {"where": where}
        )
    title = obj.get("title", "")
    text_en, text_ru = _prose(obj, "statement")
    guidance_en, guidance_ru = _prose(obj, "guidance")
    note_en, note_ru = _prose(obj, "assessment-method")
    return {
        "uid": props.get("uid") or uuid.uuid4().hex,
        "number": number,
        "title_en": "" if title == number else title,
        "title_ru": props.get("title-ru", ""),
        "normative_level": props.get("normative-level", ""),
        "conformity": props.get("conformity", ""),
        "text_en": text_en,
        "text_ru": text_ru,
        "guidance_en": guidance_en,
        "guidance_ru": guidance_ru,
        "conformity_note_en": note_en,
        "conformity_note_ru": note_ru,
    }


def _parameters(obj: dict[str, Any], where: str) -> list[dict[str, Any]]:
    found = []
    for param in obj.get("params", []):
        props = _props(param)
        values = param.get("values") or []
        try:
            value = Decimal(values[0])
        except (IndexError, InvalidOperation) as exc:
            raise ValidationFailed.single(
                "file",
                _("%(where)s: the parameter %(id)s has no numeric value.")
                % {"where": where, "id": param.get("id", "")},
            ) from exc
        found.append(
            {
                "name": props.get("parameter") or param.get("label", ""),
                "protection_class": props.get("protection-class") or param.get("class", ""),
                "value": value,
                "unit": props.get("unit", ""),
            }
        )
    return found


def _standard_fields(catalog: dict[str, Any]) -> dict[str, Any]:
    metadata = catalog["metadata"]
    props = metadata.get("props", [])
    own = [p for p in props if p.get("ns") == NS]
    classes: list[dict[str, str]] = []
    for p in own:
        if p["name"] == "protection-class":
            classes.append({"code": p["value"], "name_en": "", "name_ru": "", "_g": p.get("group")})
    for p in own:
        if p["name"] == "protection-class-name":
            for item in classes:
                if item["_g"] == p.get("group") and p.get("class") in ("en", "ru"):
                    item[f"name_{p['class']}"] = p["value"]
    for item in classes:
        item.pop("_g")
    scope = {"en": "", "ru": ""}
    for resource in catalog.get("back-matter", {}).get("resources", []):
        lang = _props(resource).get("scope")
        if lang in scope:
            scope[lang] = resource.get("description", "")
    simple = {p["name"]: p["value"] for p in own}
    return {
        "code": simple.get("standard-code", ""),
        "title_en": metadata.get("title", ""),
        "title_ru": simple.get("title-ru", ""),
        "scope_en": scope["en"],
        "scope_ru": scope["ru"],
        "threat_categories": [p["value"] for p in own if p["name"] == "threat-category"],
        "protection_classes": classes,
    }


@transaction.atomic
def catalog_import(
    *, actor: Any, document: Any, standard: Standard | None = None
) -> StandardVersion:
    """Read an OSCAL catalog into a new working-draft version: of `standard` when given,
    otherwise of a new standard made from the catalog's metadata. The whole file is one
    transaction: any error leaves nothing behind and names the control it is about."""
    problems = validate(document) if isinstance(document, dict) else ["(document): not an object"]
    if problems:
        raise ValidationFailed(
            {"file": problems[:10]}, message=_("The file is not a valid OSCAL catalog.")
        )
    catalog = document["catalog"]
    if standard is None:
        fields = _standard_fields(catalog)
        if not fields["code"]:
            raise ValidationFailed.single(
                "file", _("The catalog does not name a standard code; import it into a standard.")
            )
        if Standard.objects.filter(code=fields["code"]).exists():
            raise ValidationFailed.single(
                "file",
                _("A standard with the code %(code)s exists; import the catalog into it.")
                % {"code": fields["code"]},
            )
        standard = services.standard_create(actor=actor, **fields)
        version = standard.versions.get()
        services.require_editable(version)
    else:
        if not can_see(actor, standard):
            raise NotFound()
        if not permissions.is_editor(actor, standard):
            raise PermissionDenied()
        latest = standard.versions.order_by("-number").first()
        version = StandardVersion(standard=standard, number=(latest.number + 1) if latest else 1)
        full_clean(version)
        version.save()
    classes = set(standard.protection_class_codes)
    count = 0

    def add(obj: dict[str, Any], parent: Clause | None, order: int, kind: str) -> None:
        nonlocal count
        where = _("Control %(id)s") % {"id": obj.get("id", "?")}
        fields = _clause_fields(obj, str(where))
        clause = Clause(version=version, parent=parent, kind=kind, order=order, **fields)
        if kind == Clause.Kind.SECTION:
            clause.normative_level = ""
        try:
            full_clean(clause)
        except ValidationFailed as exc:
            raise ValidationFailed(
                {f"{where}: {k}": v for k, v in exc.errors.items()},
                message=_("The catalog has an invalid clause."),
            ) from exc
        clause.save()
        count += 1
        for param in _parameters(obj, str(where)):
            if param["protection_class"] not in classes:
                raise ValidationFailed.single(
                    "file",
                    _("%(where)s: the standard has no protection class %(code)s.")
                    % {"where": where, "code": param["protection_class"]},
                )
            parameter = ClauseParameter(clause=clause, **param)
            full_clean(parameter)
            parameter.save()
        index = 0
        for child in obj.get("controls", []):
            child_kind = (
                Clause.Kind.SECTION if child.get("class") == "section" else Clause.Kind.REQUIREMENT
            )
            add(child, clause, index, child_kind)
            index += 1
        for child in obj.get("groups", []):  # nested groups of catalogs made elsewhere
            add(child, clause, index, Clause.Kind.SECTION)
            index += 1

    order = 0
    for obj in catalog.get("controls", []):
        kind = Clause.Kind.SECTION if obj.get("class") == "section" else Clause.Kind.REQUIREMENT
        add(obj, None, order, kind)
        order += 1
    for obj in catalog.get("groups", []):
        add(obj, None, order, Clause.Kind.SECTION)
        order += 1
    record_event(
        actor=actor,
        action="standards.version.import",
        obj=version,
        after={"format": "oscal-catalog", "clauses": count},
    )
    return version
