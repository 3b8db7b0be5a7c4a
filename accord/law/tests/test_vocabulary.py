"""Issue 12, point 3: every characteristic the questionnaire asks is read — by a rule's or
an exception's trigger in the shipped catalogue, or, named here with the reason, by the
engine itself — so nothing is asked that no rule turns on."""

from accord.law.domain.conditions import fields_of, parse
from accord.law.domain.vocabulary import VOCABULARY
from accord.law.models import Rule, RuleException

# Read by the engine, not by a trigger; the questionnaire's help says why it is asked.
READ_BY_THE_ENGINE = {
    # Each rule lists the conflicts it applies in; the screening keeps those that match.
    "conflict_type": "armed conflict",
}


def test_every_vocabulary_field_is_read_by_a_rule_or_explained(db):
    triggers = list(Rule.objects.filter(active=True).values_list("trigger", flat=True))
    triggers += list(RuleException.objects.values_list("trigger", flat=True))
    read: set[str] = set()
    for trigger in triggers:
        if trigger.strip():
            read |= fields_of(parse(trigger))
    unread = {c.code for c in VOCABULARY} - read
    assert unread == set(READ_BY_THE_ENGINE), unread
    for characteristic in VOCABULARY:
        if characteristic.code in READ_BY_THE_ENGINE:
            assert READ_BY_THE_ENGINE[characteristic.code] in str(characteristic.help).lower()


def test_the_new_circumstances_are_read_by_the_rules_whose_text_turns_on_them(db):
    """The rule each circumstance was added for reads it (a rule dropped or rewritten
    without it fails here, not silently)."""
    expected = {
        "marked_monitored_area": "CCW-APII-5-2",
        "autonomy": "CIHL-15-21",
        "cyber_effects_beyond_target": "CIHL-71",
        "environment": "CCW-PIII-2-2P",
        "platform": "CCW-PIII-2-2P",
    }
    for field, code in expected.items():
        assert field in fields_of(parse(Rule.objects.get(code=code).trigger)), field
    by_exception = {
        "purpose": "APMBC-1-X-TRAINING",
        "victim_activated": "APMBC-1-X-COMMAND",
        "primary_injury_mechanism": "HAGUE-1899-IV2-1-X-SOLE",
        "roles": "CCM-1-X-FLARES",
        "submunition_criteria_met": "CCM-1-X-CRITERIA",
    }
    for field, code in by_exception.items():
        assert field in fields_of(parse(RuleException.objects.get(code=code).trigger)), field
