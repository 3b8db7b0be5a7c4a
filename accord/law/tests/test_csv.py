"""CSV in the reference format: the shipped files load, exports import back unchanged,
a bad file is refused with its row numbers and stores nothing; every change is audited."""

import pytest

from accord.core.errors import PermissionDenied, ValidationFailed
from accord.core.models import AuditEvent
from accord.law import csvio, selectors
from accord.law.models import Instrument, ParticipationAct, Rule
from accord.law.reference import REFERENCE_DIR
from accord.law.services import instruments_import, participation_import, rules_import


@pytest.fixture
def editor(make_user):
    return make_user("SEC", roles=["secretariat_officer"])


def test_shipped_reference_data_is_loaded(db):
    source_rows = (REFERENCE_DIR / "participation.csv").read_text().strip().splitlines()[1:]
    assert ParticipationAct.objects.count() == len(source_rows)
    assert (
        Instrument.objects.count()
        == len((REFERENCE_DIR / "instruments.csv").read_text().strip().splitlines()) - 1
    )
    assert Instrument.objects.get(code="CCW-PIV").parent.code == "CCW"


def test_exports_import_back_unchanged(editor):
    instruments = csvio.write_instruments(selectors.instrument_list())
    acts = csvio.write_participation(selectors.acts_for())
    rules = csvio.write_rules(selectors.rule_list(include_inactive=True))
    events = AuditEvent.objects.count()
    assert instruments_import(actor=editor, content=instruments) == 0
    assert participation_import(actor=editor, content=acts) == 0
    rules_import(actor=editor, content=rules)
    assert csvio.write_instruments(selectors.instrument_list()) == instruments
    assert csvio.write_participation(selectors.acts_for()) == acts
    assert csvio.write_rules(selectors.rule_list(include_inactive=True)) == rules
    assert AuditEvent.objects.count() == events  # nothing changed, nothing recorded


def test_reference_format_import_records_acts_with_their_audit(editor):
    content = (
        "party,instrument,status,year,status_confirmed,year_confirmed,source_url\n"
        "KGZ,CCM,party,2026,yes,no,https://example.org/ccm\n"
    )
    assert participation_import(actor=editor, content=content) == 1
    act = ParticipationAct.objects.get(party__code="KGZ", instrument__code="CCM", kind="consent")
    assert act.date.year == 2026 and act.date_precision == "year" and act.to_verify
    event = AuditEvent.objects.get(action="law.act.record", object_id=str(act.pk))
    assert event.actor_username == editor.username


BAD_FILES = [
    ("party,instrument\nRUS,AP-I\n", "Row 1: Missing columns"),
    (
        "party,instrument,status,year,status_confirmed,year_confirmed,source_url\n"
        "RUS,AP-I,party,1989,yes,yes,https://a.example\n"
        "XXX,AP-I,party,1989,yes,yes,https://a.example\n"
        "RUS,NOPE,party,1989,yes,yes,https://a.example\n"
        "RUS,AP-I,married,1989,yes,yes,https://a.example\n"
        "RUS,AP-I,party,19x9,yes,yes,https://a.example\n"
        "RUS,AP-I,party,1989,perhaps,yes,ftp://a.example\n",
        "Row 3: party XXX is unknown",
    ),
    ("party,instrument,status,year,status_confirmed,year_confirmed,source_url\n", "no rows"),
    (b"\xff\xfe\x00garbage", "not UTF-8"),
]


@pytest.mark.parametrize(("content", "message"), BAD_FILES)
def test_a_bad_participation_file_stores_nothing(editor, content, message):
    acts, events = ParticipationAct.objects.count(), AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as error:
        participation_import(actor=editor, content=content)
    messages = [str(m) for m in error.value.errors["file"]]
    assert any(message in m for m in messages), messages
    assert ParticipationAct.objects.count() == acts
    assert AuditEvent.objects.count() == events


def test_every_bad_row_is_named(editor):
    with pytest.raises(ValidationFailed) as error:
        participation_import(actor=editor, content=BAD_FILES[1][0])
    messages = " | ".join(str(m) for m in error.value.errors["file"])
    for expected in (
        "Row 3: party XXX",
        "Row 4: instrument NOPE",
        "Row 5: status must be",
        "Row 6: year must be",
        "Row 7: status_confirmed must be yes or no",
        "Row 7: source_url must start",
    ):
        assert expected in messages
    assert "Row 2" not in messages


def test_a_valid_row_after_a_bad_one_is_not_stored(editor):
    content = (
        "party,instrument,status,year,status_confirmed,year_confirmed,source_url\n"
        "KGZ,CCM,party,2026,yes,no,https://example.org\n"
        "KGZ,CCM,party,20x6,yes,no,https://example.org\n"
    )
    with pytest.raises(ValidationFailed):
        participation_import(actor=editor, content=content)
    assert not ParticipationAct.objects.filter(
        party__code="KGZ", instrument__code="CCM", kind="consent"
    ).exists()


def test_bad_rules_file_names_the_trigger_error(editor):
    content = (
        "code,kind,title_en,summary_en,customary,bases,trigger\n"
        "X-1,restriction,t,s,no,CCW-PIV Art. 1,laser_function = purple\n"
        "X-2,restriction,t,s,no,,\n"
        "X-3,whatever,t,s,yes,NOPE Art. 1,\n"
    )
    with pytest.raises(ValidationFailed) as error:
        rules_import(actor=editor, content=content)
    messages = " | ".join(str(m) for m in error.value.errors["file"])
    assert "Row 2: trigger: 'purple' is not a value of laser_function" in messages
    assert "Row 3: a rule needs a treaty basis or must be customary" in messages
    assert "Row 4: kind must be" in messages and "Row 4: basis 'NOPE Art. 1'" in messages
    assert not Rule.objects.filter(code__startswith="X-").exists()


def test_instruments_import_adds_a_protocol_to_a_known_framework(editor):
    content = (
        "id,parent,short_name,title,adopted,entry_into_force,kind,scope_note\n"
        "CCW-PVI,CCW,CCW Protocol VI,A future protocol,2030-01-01,,protocol,\n"
    )
    assert instruments_import(actor=editor, content=content) == 1
    assert Instrument.objects.get(code="CCW-PVI").parent.code == "CCW"
    assert AuditEvent.objects.filter(action="law.instrument.save").count() == 1


@pytest.mark.parametrize(
    ("code", "roles"), [("RUS", ["legal_adviser"]), ("SEC", ["auditor"]), ("IRN", [])]
)
def test_only_the_secretariat_edits_the_law_base(make_user, code, roles):
    with pytest.raises(PermissionDenied):
        participation_import(actor=make_user(code, roles=roles), content="x")
