"""Akoma Ntoso 3.0 (OASIS LegalDocML) for model acts and national acts.

Writing builds the document with the standard library's ElementTree (nothing is parsed).
Reading parses with `defusedxml`: a document type declaration, entity declarations (the
"billion laughs" expansion) and external entities or DTDs (XXE) are refused before any
content is read, as is a document above `MAX_BYTES`. Identifiers follow the FRBR model:
the work IRI `/akn/<country>/act/<year>/<number>`, the expression `<work>/<lang>@<date>`,
and each provision's `eId` is the provision's stable id.

Dates of a national act: the work's FRBRdate (name "enactment") is the enactment; an
`eventRef` in the lifecycle referring to `#entryIntoForce` is the entry into force (absent
while not fixed); one of type "repeal" the repeal.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as safe_fromstring
from django.utils.translation import gettext as _gettext

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
MAX_BYTES = 2 * 1024 * 1024
SOURCE = "#accord"
LANGUAGES = {
    "ru": "rus",
    "en": "eng",
    "kk": "kaz",
    "hy": "hye",
    "be": "bel",
    "ky": "kir",
    "tg": "tgk",
}
ELEMENTS = {
    "art": "article",
    "para": "paragraph",
    "subpara": "subparagraph",
    "chp": "chapter",
    "sec": "section",
    "part": "part",
    "point": "point",
}

ET.register_namespace("", NS)


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _sub(parent: ET.Element, tag: str, /, **attrs: str) -> ET.Element:
    return ET.SubElement(parent, _q(tag), attrs)


def _frbr(
    identification: ET.Element,
    *,
    work: str,
    country: str,
    language: str,
    date: dt.date,
    date_name: str,
) -> None:
    expression = f"{work}/{language}@{date.isoformat()}"
    for level, this, extra in (
        ("FRBRWork", work, "country"),
        ("FRBRExpression", expression, "language"),
        ("FRBRManifestation", f"{expression}/!main.xml", ""),
    ):
        element = _sub(identification, level)
        _sub(element, "FRBRthis", value=f"{this}/!main" if level != "FRBRManifestation" else this)
        _sub(
            element, "FRBRuri", value=this if level != "FRBRManifestation" else f"{expression}.xml"
        )
        _sub(element, "FRBRdate", date=date.isoformat(), name=date_name)
        _sub(element, "FRBRauthor", href=SOURCE)
        if extra == "country":
            _sub(element, "FRBRcountry", value=country)
        if extra == "language":
            _sub(element, "FRBRlanguage", language=language)


def _references(meta: ET.Element, events: bool) -> None:
    references = _sub(meta, "references", source=SOURCE)
    _sub(references, "original", eId="original", href="/akn/ontology/original", showAs="Original")
    _sub(
        references,
        "TLCOrganization",
        eId="accord",
        href="/akn/ontology/organization/accord",
        showAs="Accord",
    )
    if events:
        _sub(
            references,
            "TLCEvent",
            eId="entryIntoForce",
            href="/akn/ontology/event/entryIntoForce",
            showAs="Entry into force",
        )


def _paragraphs(parent: ET.Element, name: str, text: str) -> None:
    block = _sub(parent, name)
    lines = [line.strip() for line in text.splitlines() if line.strip()] or [""]
    for line in lines:
        _sub(block, "p").text = line


def _document(kind: str) -> tuple[ET.Element, ET.Element, ET.Element]:
    root = ET.Element(_q("akomaNtoso"))
    act = _sub(root, "act", name=kind)
    meta = _sub(act, "meta")
    return root, act, meta


def _serialise(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def model_act_xml(act: Any, version: Any, *, language: str = "en") -> bytes:
    """A version of a model act; provisions nested by their ids (art_1__para_2 inside
    art_1), each with `eId` = its stable id."""
    root, element, meta = _document("modelAct")
    identification = _sub(meta, "identification", source=SOURCE)
    year = (act.adopted_on or version.created_at.date()).year
    work = f"/akn/int/act/{year}/model-{act.number}"
    _frbr(
        identification,
        work=work,
        country="int",
        language=LANGUAGES.get(language, "eng"),
        date=act.adopted_on or version.created_at.date(),
        date_name="adoption" if act.adopted_on else "draft",
    )
    _references(meta, events=False)
    preface = _sub(element, "preface")
    long_title = _sub(preface, "longTitle")
    p = _sub(long_title, "p")
    title = _sub(p, "docTitle")
    title.text = act.title_ru if language == "ru" and act.title_ru else act.title_en
    body = _sub(element, "body")
    provisions = list(version.provisions.order_by("position", "id"))
    children: dict[str, list[Any]] = {}
    for provision in provisions:
        children.setdefault(provision.parent_eid, []).append(provision)

    def text_of(provision: Any) -> str:
        return str(
            provision.text_ru if language == "ru" and provision.text_ru else provision.text_en
        )

    def heading_of(provision: Any) -> str:
        ru = language == "ru" and provision.heading_ru
        return str(provision.heading_ru if ru else provision.heading_en)

    def write(parent: ET.Element, provision: Any) -> None:
        prefix = provision.eid.rpartition("__")[2].split("_")[0]
        name = ELEMENTS.get(prefix, "hcontainer")
        attrs = {"eId": provision.eid}
        if name == "hcontainer":
            attrs["name"] = prefix
        node = _sub(parent, name, **attrs)
        if provision.num:
            _sub(node, "num").text = provision.num
        if heading_of(provision):
            _sub(node, "heading").text = heading_of(provision)
        kids = children.get(provision.eid, [])
        if kids:
            if text_of(provision):
                _paragraphs(node, "intro", text_of(provision))
            for kid in kids:
                write(node, kid)
        else:
            _paragraphs(node, "content", text_of(provision))

    for provision in children.get("", []):
        write(body, provision)
    if not children.get(""):
        _sub(body, "hcontainer", eId="hcontainer_1", name="empty")
    return _serialise(root)


def national_act_xml(act: Any) -> bytes:
    """A national act: its work IRI, enactment, entry into force and repeal, its text."""
    root, element, meta = _document(act.kind)
    element.set("contains", "originalVersion")
    identification = _sub(meta, "identification", source=SOURCE)
    work = act.frbr_work or f"/akn/{act.owner.code.lower()}/act/{act.enacted_on.year}/{act.pk}"
    parts = work.strip("/").split("/")
    country = parts[1] if len(parts) > 1 else act.owner.code.lower()
    _frbr(
        identification,
        work=work,
        country=country,
        language=LANGUAGES.get(act.language, act.language),
        date=act.enacted_on,
        date_name="enactment",
    )
    if act.gazette:
        _sub(
            meta, "publication", date=act.enacted_on.isoformat(), name="gazette", showAs=act.gazette
        )
    lifecycle = _sub(meta, "lifecycle", source=SOURCE)
    _sub(
        lifecycle,
        "eventRef",
        eId="e_enactment",
        date=act.enacted_on.isoformat(),
        source="#original",
        type="generation",
    )
    if act.in_force_on:
        _sub(
            lifecycle,
            "eventRef",
            eId="e_inforce",
            date=act.in_force_on.isoformat(),
            source="#original",
            type="generation",
            refersTo="#entryIntoForce",
        )
    if act.repealed_on:
        _sub(
            lifecycle,
            "eventRef",
            eId="e_repeal",
            date=act.repealed_on.isoformat(),
            source="#original",
            type="repeal",
        )
    _references(meta, events=True)
    preface = _sub(element, "preface")
    long_title = _sub(preface, "longTitle")
    p = _sub(long_title, "p")
    _sub(p, "docTitle").text = act.title
    body = _sub(element, "body")
    container = _sub(body, "hcontainer", eId="hcontainer_1", name="text")
    _paragraphs(container, "content", act.text)
    return _serialise(root)


# --- Reading ---------------------------------------------------------------------------------


class AknError(ValueError):
    """A document that is refused (unsafe, malformed, or not an Akoma Ntoso act)."""


@dataclass
class NationalActData:
    kind: str
    title: str
    language: str
    frbr_work: str
    enacted_on: dt.date
    in_force_on: dt.date | None = None
    repealed_on: dt.date | None = None
    gazette: str = ""
    text: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


LANGUAGE_CODES = {v: k for k, v in LANGUAGES.items()}


def parse(content: bytes) -> ET.Element:
    """Parse untrusted XML: no DTD at all, no entities, no external references."""
    if len(content) > MAX_BYTES:
        raise AknError(_gettext("The document is too large."))
    try:
        return safe_fromstring(content, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise AknError(
            _gettext("The document declares a DTD or entities; such documents are refused.")
        ) from exc
    except ET.ParseError as exc:
        raise AknError(_gettext("The document is not well-formed XML.")) from exc


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError as exc:
        raise AknError(_gettext("A date in the document is not valid.")) from exc


def read_national_act(content: bytes) -> NationalActData:
    """The fields of a national act from an Akoma Ntoso document."""
    root = parse(content)
    if root.tag != _q("akomaNtoso"):
        raise AknError(_gettext("The document is not Akoma Ntoso 3.0."))
    act = root.find(_q("act"))
    if act is None:
        raise AknError(_gettext("The document holds no act."))
    work = act.find(f"{_q('meta')}/{_q('identification')}/{_q('FRBRWork')}")
    expression = act.find(f"{_q('meta')}/{_q('identification')}/{_q('FRBRExpression')}")
    if work is None or expression is None:
        raise AknError(_gettext("The document has no FRBR identification."))
    uri = work.find(_q("FRBRuri"))
    date = work.find(_q("FRBRdate"))
    language = expression.find(_q("FRBRlanguage"))
    enacted = _date(date.get("date") if date is not None else None)
    if enacted is None:
        raise AknError(_gettext("The document gives no date of enactment."))
    in_force = repealed = None
    for event in act.iter(_q("eventRef")):
        if event.get("refersTo") == "#entryIntoForce":
            in_force = _date(event.get("date"))
        elif event.get("type") == "repeal":
            repealed = _date(event.get("date"))
    title = act.find(f".//{_q('docTitle')}")
    publication = act.find(f"{_q('meta')}/{_q('publication')}")
    body = act.find(_q("body"))
    text = "\n".join(
        "".join(p.itertext()).strip() for p in (body.iter(_q("p")) if body is not None else [])
    ).strip()
    code = language.get("language", "") if language is not None else ""
    return NationalActData(
        kind=act.get("name", ""),
        title="".join(title.itertext()).strip() if title is not None else "",
        language=LANGUAGE_CODES.get(code, code[:8]),
        frbr_work=(uri.get("value", "") if uri is not None else "")[:200],
        enacted_on=enacted,
        in_force_on=in_force,
        repealed_on=repealed,
        gazette=(publication.get("showAs", "") if publication is not None else "")[:200],
        text=text,
    )
