"""Issue 17, point 3: every export, count and dashboard answers a role exactly as the list
it exports does. A finance officer refused the item register's list got the whole register
from `/api/v1/trafficking/export/items/csv/`.

EXPORTS names, for every export URL, the list it exports. The URLs are found by name and
route (export, dashboard, stats, matrix, aggregates; .csv/.xlsx/.pdf/.json) and by renderer
(a CSV or download renderer): a new export URL missing from the table fails
`test_every_export_url_is_in_the_table`. Each is then visited as a user of every role of
`core/roles.py` and must answer with the status its list answers with (200 or 403).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from accord.core.roles import Role
from accord.core.tests.marked import BUILDERS, named_patterns

# export URL name, its URL arguments -> the list URL it exports.
EXPORTS: dict[tuple[str, str], str] = {
    ("law:export-instruments", ""): "law-api:instrument-list",
    ("law:export-participation", ""): "law-api:instrument-list",
    ("law:export-rules", ""): "law-api:rule-list",
    ("law-api:export-instruments", ""): "law-api:instrument-list",
    ("law-api:export-participation", ""): "law-api:instrument-list",
    ("law-api:export-rules", ""): "law-api:rule-list",
    ("law:matrix", ""): "law-api:matrix",
    ("expertise:export-register-csv", ""): "expertise-api:system-list",
    ("expertise:export-register-json", ""): "expertise-api:system-list",
    ("expertise-api:export-register-csv", ""): "expertise-api:system-list",
    ("expertise-api:export-register-json", ""): "expertise-api:system-list",
    ("expertise:matrix", ""): "expertise-api:matrix",
    ("expertise:export-matrix-csv", ""): "expertise-api:matrix",
    ("expertise:export-matrix-json", ""): "expertise-api:matrix",
    ("expertise-api:export-matrix-csv", ""): "expertise-api:matrix",
    ("expertise-api:export-matrix-json", ""): "expertise-api:matrix",
    ("expertise-api:dashboard", ""): "expertise-api:review-list",
    ("trafficking:item-export", ""): "trafficking-api:item-list",
    ("trafficking-api:item-export", ""): "trafficking-api:item-list",
    ("trafficking:tracing-stats", ""): "trafficking-api:tracing-list",
    ("trafficking-api:tracing-stats", ""): "trafficking-api:tracing-list",
    ("trafficking:tracing-export", ""): "trafficking-api:tracing-list",
    ("trafficking-api:tracing-export", ""): "trafficking-api:tracing-list",
    ("standards:dashboard", ""): "standards-api:facility-list",
    ("standards-api:aggregates", ""): "standards-api:facility-list",
    # The composite pages (counts of every table) are checked table by table below.
    ("trafficking:dashboard", ""): "trafficking-api:incidents",
    ("trafficking-api:dashboard", ""): "trafficking-api:incidents",
    ("trafficking:export", ""): "trafficking-api:incidents",
    ("trafficking-api:export-list", ""): "trafficking-api:incidents",
    ("knowledge:export-csv", ""): "knowledge-api:item-list",
    ("knowledge:export-xlsx", ""): "knowledge-api:item-list",
    ("programmes:aggregates", ""): "programmes-api:programme-list",
    ("programmes-api:aggregates", ""): "programmes-api:programme-list",
    ("knowledge:export-calendar", ""): "knowledge-api:request-list",
}
# The trafficking module's table exports, one URL per table code and format.
TRAFFICKING_TABLES = {
    "items": "trafficking-api:item-list",
    "incidents": "trafficking-api:incidents",
    "incident-items": "trafficking-api:incidents",
    "incident-entities": "trafficking-api:incidents",
    "tracing-requests": "trafficking-api:tracing-list",
    "watchlist": "trafficking-api:watchlist-entity-list",
    "operations": "trafficking-api:operation-list",
}
for _name in (
    "trafficking:export-csv",
    "trafficking-api:export-csv",
    "trafficking:export-xlsx",
    "trafficking-api:export-xlsx",
):
    for _code, _list in TRAFFICKING_TABLES.items():
        EXPORTS[(_name, _code)] = _list
# The workbook of every table holds the tables the user may export (the register among
# them or not, checked below); every role reads the incidents.
EXPORTS[("trafficking:export-xlsx", "all")] = "trafficking-api:incidents"
EXPORTS[("trafficking-api:export-xlsx", "all")] = "trafficking-api:incidents"

# The provision module's exports: every table (CSV, XLSX) and the whole module (JSON).
from accord.provision.tables import TABLE_CODES as PROVISION_TABLES  # noqa: E402

for _name in ("provision:export", "provision-api:export-list"):
    EXPORTS[(_name, "")] = "provision-api:commitment-list"
for _name in ("provision:export-module", "provision-api:export-module"):
    EXPORTS[(_name, "")] = "provision-api:commitment-list"
for _name in (
    "provision:export-csv",
    "provision-api:export-csv",
    "provision:export-xlsx",
    "provision-api:export-xlsx",
):
    for _code in PROVISION_TABLES:
        EXPORTS[(_name, _code)] = "provision-api:commitment-list"

# Exports of one record: they load the record through the same selector as its detail
# page (a hidden or missing id answers 404 alike: `test_sweep.SHOWS`).
PER_RECORD = {
    "expertise:report-pdf": "expertise:review",
    "expertise-api:review-report": "expertise-api:review-detail",
    "expertise:evidence-download": "expertise:version",
    "expertise-api:evidence-download": "expertise-api:version-detail",
    "standards:comment-table": "standards:version",
    "standards-api:comment-table": "standards-api:version-detail",
    "standards:assessment-report": "standards:assessment",
    "standards:assessment-oscal": "standards:assessment",
    "standards-api:assessment-oscal": "standards-api:assessment-detail",
    "standards:version-oscal": "standards:version",
    "standards-api:version-oscal": "standards-api:version-detail",
    "trafficking:operation-summary": "trafficking:operation",
    "trafficking-api:operation-summary": "trafficking-api:operation-detail",
    "provision:return-export": "provision:return-detail",
    "knowledge:item-sheet": "knowledge:item-detail",
    "programmes:programme-export": "programmes:programme-detail",
    "legislation:act-matrix": "legislation:act-detail",
    "legislation:act-matrix-xlsx": "legislation:act-detail",
    "legislation:act-matrix-pdf": "legislation:act-detail",
    "legislation-api:act-matrix": "legislation-api:act-detail",
    "legislation-api:act-matrix-xlsx": "legislation-api:act-detail",
    "legislation-api:act-matrix-pdf": "legislation-api:act-detail",
}

_EXPORT_NAME = re.compile(
    r"export|dashboard|stats|matrix|aggregates|report|summary|table|oscal|download"
)
_EXPORT_ROUTE = re.compile(r"\.(csv|xlsx|pdf|json)$|/(csv|xlsx|pdf)/$")
_FILE_RENDERERS = ("CsvRenderer", "DownloadRenderer", "XlsxRenderer", "PdfRenderer")


def _is_export(name: str, pattern: Any) -> bool:
    view = getattr(pattern.callback, "cls", None)
    renderers = [r.__name__ for r in getattr(view, "renderer_classes", ())]
    if "import" in name or name in EXPORTS.values():  # an upload, or a list itself
        return False
    return bool(
        _EXPORT_NAME.search(name.split(":")[-1])
        or _EXPORT_ROUTE.search(str(pattern.pattern))
        or set(renderers) & set(_FILE_RENDERERS)
    )


def test_every_export_url_is_in_the_table() -> None:
    known = {name for name, _args in EXPORTS} | set(PER_RECORD)
    found = {name for name, pattern in named_patterns() if _is_export(name, pattern)}
    assert found - known == set(), "export URLs missing from EXPORTS (or PER_RECORD)"
    assert known - found == set(), "EXPORTS names URLs that are not exports (any more)"
    # Every table of the trafficking exports is in the matrix.
    from accord.trafficking.exports import TABLE_CODES

    assert set(TABLE_CODES) == set(TRAFFICKING_TABLES)


def _url(name: str, code: str) -> str:
    return reverse(name, kwargs={"code": code}) if code else reverse(name)


@pytest.fixture
def records(make_user: Any) -> None:
    """One record of each trafficking table, so the exports have rows to leak."""
    owner = make_user("RUS", roles=["customs_officer"])
    for label in (
        "trafficking.Item",
        "trafficking.Incident",
        "trafficking.TracingRequest",
        "trafficking.Entity",
        "trafficking.Operation",
    ):
        BUILDERS[label].build(owner, f"exp{label[12:16].lower()}")


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_every_export_answers_a_role_as_its_list(
    client: Any, make_user: Any, records: None, role: Role
) -> None:
    client.force_login(make_user("RUS", roles=[role.value]))
    lists = {name: client.get(reverse(name)).status_code for name in set(EXPORTS.values())}
    assert set(lists.values()) <= {200, 403}, lists
    differ = {}
    for (name, code), list_name in EXPORTS.items():
        status = client.get(_url(name, code)).status_code
        if status != lists[list_name]:
            differ[f"{name} {code}"] = (status, list_name, lists[list_name])
    assert differ == {}


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_counts_and_dashboards_show_a_table_only_to_readers_of_its_list(
    client: Any, make_user: Any, records: None, role: Role
) -> None:
    client.force_login(make_user("RUS", roles=[role.value]))
    reads_items = client.get(reverse("trafficking-api:item-list")).status_code == 200
    listed = {row["code"] for row in client.get(reverse("trafficking-api:export-list")).json()}
    expected = {
        code
        for code, list_name in TRAFFICKING_TABLES.items()
        if client.get(reverse(list_name)).status_code == 200
    }
    assert listed == expected
    export_page = client.get(reverse("trafficking:export")).content.decode()
    assert (reverse("trafficking:export-csv", args=["items"]) in export_page) is reads_items
    dashboard = client.get(reverse("trafficking-api:dashboard")).json()
    assert bool(dashboard["items_by_kind"]) is reads_items
    index = client.get(reverse("trafficking:index")).content.decode()
    assert ('data-testid="count-items"' in index) is reads_items
    workbook = client.get(reverse("trafficking-api:export-xlsx", args=["all"]))
    from io import BytesIO

    from openpyxl import load_workbook

    sheets = set(load_workbook(BytesIO(workbook.content), read_only=True).sheetnames)
    assert ("items" in sheets) is reads_items
    assert sheets == expected
