"""The clause-level comparison between two versions."""

from __future__ import annotations

import pytest

from accord.standards.domain.compare import compare_versions, mark_words, summary
from accord.standards.services import drafting as services

pytestmark = pytest.mark.django_db


def test_mark_words_escapes_and_marks():
    marked = mark_words("detect <drones> at 1000 m", "detect <drones> at 2000 m quickly")
    assert marked == (
        "detect &lt;drones&gt; at <del>1000</del><ins>2000</ins> m<ins> quickly</ins>"
    )


def test_identical_versions_are_unchanged(standards_people, adopted_version):
    new = services.version_create(
        actor=standards_people["editor"],
        standard=adopted_version.standard,
        previous=adopted_version,
    )
    changes = compare_versions(adopted_version, new)
    assert summary(changes) == {"added": 0, "removed": 0, "changed": 0, "unchanged": 6}


def test_added_removed_changed(standards_people, adopted_version):
    editor = standards_people["editor"]
    new = services.version_create(
        actor=editor, standard=adopted_version.standard, previous=adopted_version
    )
    sensors = new.clauses.get(number="4.1")
    services.clause_update(
        actor=editor,
        clause=sensors,
        revision=sensors.revision,
        text_en=(
            "The operator shall detect and track an uncrewed aircraft approaching the perimeter."
        ),
    )
    liaison = new.clauses.get(number="5.2")
    services.clause_delete(actor=editor, clause=liaison)
    added = services.clause_add(
        actor=editor,
        version=new,
        kind="requirement",
        parent=new.clauses.get(number="5"),
        text_en="The operator shall report every incursion to the authority within one hour.",
        normative_level="shall",
    )
    logging = new.clauses.get(number="4.2")
    services.parameter_set(
        actor=editor, clause=logging, name="retention", protection_class="PC3", value=365, unit="d"
    )
    changes = compare_versions(adopted_version, new)
    by_uid = {c.uid: c for c in changes}
    assert summary(changes) == {"added": 1, "removed": 1, "changed": 2, "unchanged": 3}

    sensor_change = by_uid[sensors.uid]
    assert sensor_change.change == "changed"
    assert sensor_change.fields == ["text_en"]
    assert "<ins>and track </ins>" in sensor_change.marked["text_en"] or (
        "<ins>" in sensor_change.marked["text_en"] and "track" in sensor_change.marked["text_en"]
    )

    assert by_uid[liaison.uid].change == "removed" and by_uid[liaison.uid].new is None
    assert by_uid[added.uid].change == "added" and by_uid[added.uid].old is None
    logging_change = by_uid[logging.uid]
    assert logging_change.fields == ["parameters"]
    assert logging_change.parameters[0].new == ("365", "d")

    # the removed clause sits where it was in the old document: after 5.1
    numbers = [c.number for c in changes]
    assert numbers.index("5.2") == numbers.index("5.1") + 1


def test_changed_parameter_value_counts(standards_people, adopted_version):
    editor = standards_people["editor"]
    new = services.version_create(
        actor=editor, standard=adopted_version.standard, previous=adopted_version
    )
    sensors = new.clauses.get(number="4.1")
    services.parameter_set(
        actor=editor,
        clause=sensors,
        name="detection_range",
        protection_class="PC3",
        value="3500",
        unit="m",
    )
    change = next(c for c in compare_versions(adopted_version, new) if c.uid == sensors.uid)
    assert change.change == "changed"
    assert [(p.protection_class, p.old, p.new) for p in change.parameters] == [
        ("PC3", ("3000", "m"), ("3500", "m"))
    ]


def test_compare_in_reverse_swaps_added_and_removed(standards_people, adopted_version):
    editor = standards_people["editor"]
    new = services.version_create(
        actor=editor, standard=adopted_version.standard, previous=adopted_version
    )
    services.clause_delete(actor=editor, clause=new.clauses.get(number="5.2"))
    assert summary(compare_versions(new, adopted_version))["added"] == 1
