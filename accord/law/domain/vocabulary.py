"""The weapon description vocabulary: the characteristics a legal adviser records about a
weapon or technology, which rule triggers read.

Defined once here, reused by the expertise module's questionnaire. Codes are stable
identifiers (they appear in stored triggers); labels are translated. Three kinds:
`choice` (one value), `set` (any number of values), `bool` (yes/no). A characteristic
not answered is *unknown*, which the condition language keeps apart from "no".

The vocabulary records what a legal review needs, not engineering data (DESIGN.md, "Out
of scope"): how the item injures or damages, whom it is meant for, how it is delivered and
made safe, and what it does to the environment — nothing about how to build it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Characteristic:
    code: str
    kind: str  # "choice" | "set" | "bool"
    label: Promise
    help: Promise
    choices: tuple[tuple[str, Promise], ...] = field(default=())

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(code for code, _label in self.choices)

    def choice_label(self, value: str) -> Any:
        return dict(self.choices).get(value, value)


BOOL = "bool"
CHOICE = "choice"
SET = "set"

VOCABULARY: tuple[Characteristic, ...] = (
    Characteristic(
        "intended_use",
        CHOICE,
        _("Intended use"),
        _(
            "Whether the item is meant for the conduct of hostilities, for law enforcement "
            "(including riot control), or both."
        ),
        (
            ("hostilities", _("Conduct of hostilities")),
            ("law_enforcement", _("Law enforcement")),
            ("both", _("Both")),
        ),
    ),
    Characteristic(
        "conflict_type",
        CHOICE,
        _("Type of armed conflict"),
        _("The kind of armed conflict in which use is considered."),
        (
            ("international", _("International armed conflict")),
            ("non_international", _("Non-international armed conflict")),
        ),
    ),
    Characteristic(
        "intended_targets",
        CHOICE,
        _("Intended targets"),
        _("Whom or what the item is designed to be used against."),
        (
            ("personnel", _("Personnel")),
            ("materiel", _("Materiel")),
            ("both", _("Personnel and materiel")),
            ("objects", _("Objects (buildings, installations, infrastructure)")),
            ("any", _("Personnel, materiel and objects")),
        ),
    ),
    Characteristic(
        "purpose",
        CHOICE,
        _("Purpose for which the item is developed or held"),
        _(
            "Several treaties carve out purposes they do not prohibit: protective, "
            "prophylactic and peaceful purposes (BWC Art. I, CWC Art. II(9), ENMOD Art. III), "
            "training in mine detection, clearance or destruction (APMBC Art. 3, CCM "
            "Art. 3(6)), military purposes not depending on toxic properties (CWC "
            "Art. II(9)(c))."
        ),
        (
            ("means_of_warfare", _("Use as a weapon or means of warfare")),
            ("protective", _("Protection against such weapons (detection, defence)")),
            ("peaceful", _("Prophylactic, medical, research or other peaceful purposes")),
            (
                "training",
                _("Training in detection, clearance or destruction, or counter-measures"),
            ),
            (
                "military_non_toxic",
                _("Military purposes not depending on toxic properties"),
            ),
        ),
    ),
    Characteristic(
        "environment",
        SET,
        _("Environment of intended use"),
        _(
            "Where the item is meant to be used. Incendiary weapons may not be air-delivered "
            "against objectives within a concentration of civilians, nor forests or plant "
            "cover made their object (CCW Protocol III Art. 2); mines and booby-traps are "
            "restricted in populated areas (CCW Protocol II Art. 4); the sea, the air, outer "
            "space and cyberspace each have their own rules an Article 36 review considers."
        ),
        (
            ("populated_area", _("Populated areas (concentrations of civilians)")),
            ("land", _("Land")),
            ("maritime", _("Maritime")),
            ("air", _("Air")),
            ("outer_space", _("Outer space")),
            ("cyberspace", _("Cyberspace")),
            ("plant_cover", _("Forests or other plant cover")),
        ),
    ),
    Characteristic(
        "platform",
        CHOICE,
        _("Delivery platform"),
        _(
            "What carries or launches the item. The law defines some categories by it: a "
            "remotely delivered mine is one delivered by artillery, missile, rocket, mortar "
            "or aircraft (Amended Protocol II Art. 2(2)); an air-delivered incendiary weapon "
            "is one released from an aircraft (Protocol III Art. 2(2))."
        ),
        (
            ("individual", _("Carried or emplaced by a person")),
            ("ground_vehicle", _("Ground vehicle")),
            ("artillery", _("Artillery, mortar or rocket launcher")),
            ("vessel", _("Ship or submarine")),
            ("aircraft", _("Crewed aircraft")),
            ("uncrewed_aircraft", _("Uncrewed aircraft")),
            ("missile", _("Missile")),
            ("spacecraft", _("Spacecraft")),
            ("computer_network", _("Computer network")),
            ("fixed_installation", _("Fixed installation")),
        ),
    ),
    Characteristic(
        "roles",
        SET,
        _("Roles"),
        _(
            "The roles the item is designed for. Munitions for illumination, smoke, "
            "signalling, flares or chaff, and air-defence munitions, fall outside the "
            "Convention on Cluster Munitions (Art. 2(2)(a)) and Protocol III (Art. 1(1)(b)); "
            "a dual-capable delivery system is not itself a nuclear explosive device (TPNW "
            "Art. 1)."
        ),
        (
            ("dual_capable", _("Dual-capable (nuclear and conventional payloads)")),
            ("air_defence", _("Air defence")),
            ("anti_armour", _("Anti-armour")),
            (
                "illumination_smoke_signalling",
                _("Illumination, smoke, signalling, flares or chaff"),
            ),
        ),
    ),
    Characteristic(
        "weapon_type",
        CHOICE,
        _("Legal type of weapon"),
        _("The category the law uses for the item, where one applies."),
        (
            ("firearm_ammunition", _("Firearm or small-arms ammunition")),
            ("explosive_projectile", _("Explosive projectile")),
            ("anti_personnel_mine", _("Anti-personnel mine")),
            ("anti_vehicle_mine", _("Mine other than anti-personnel")),
            ("booby_trap", _("Booby-trap")),
            ("other_device", _("Other device (manually emplaced munition)")),
            ("cluster_munition", _("Cluster munition")),
            ("incendiary_weapon", _("Incendiary weapon")),
            ("laser_weapon", _("Laser weapon")),
            ("directed_energy_weapon", _("Other directed-energy weapon")),
            ("chemical_weapon", _("Chemical weapon")),
            ("biological_weapon", _("Biological or toxin weapon")),
            ("nuclear_weapon", _("Nuclear weapon")),
            ("uncrewed_system", _("Uncrewed or loitering system")),
            ("electronic_warfare", _("Electronic-warfare system")),
            ("cyber_capability", _("Cyber capability")),
            ("other", _("Other")),
        ),
    ),
    Characteristic(
        "injury_mechanism",
        SET,
        _("Mechanism of injury or damage"),
        _("Every way the item injures persons or damages objects."),
        (
            ("blast", _("Blast")),
            ("fragmentation", _("Fragmentation")),
            ("penetration", _("Penetration (kinetic)")),
            ("expanding_bullet", _("Bullet that expands or flattens in the body")),
            ("exploding_bullet", _("Bullet that explodes in the body")),
            ("incendiary", _("Fire or heat (incendiary)")),
            ("toxic_chemical", _("Toxic chemical action")),
            ("biological", _("Biological agent or toxin")),
            ("radiological", _("Ionising radiation")),
            ("laser", _("Laser radiation")),
            ("directed_energy", _("Other directed energy")),
            ("electromagnetic", _("Electromagnetic effects on equipment")),
            ("cyber", _("Effects through computer networks")),
        ),
    ),
    Characteristic(
        "primary_injury_mechanism",
        CHOICE,
        _("Primary mechanism of injury or damage"),
        _(
            "The mechanism the item is primarily designed to act by. Some texts turn on it: "
            "the 1899 Hague Declaration reaches projectiles whose sole object is the "
            "diffusion of asphyxiating or deleterious gases; Protocol III excludes "
            "combined-effects munitions whose primary effect is penetration, blast or "
            "fragmentation (Art. 1(1)(b)(ii))."
        ),
        (
            ("blast", _("Blast")),
            ("fragmentation", _("Fragmentation")),
            ("penetration", _("Penetration (kinetic)")),
            ("expanding_bullet", _("Bullet that expands or flattens in the body")),
            ("exploding_bullet", _("Bullet that explodes in the body")),
            ("incendiary", _("Fire or heat (incendiary)")),
            ("toxic_chemical", _("Toxic chemical action")),
            ("biological", _("Biological agent or toxin")),
            ("radiological", _("Ionising radiation")),
            ("laser", _("Laser radiation")),
            ("directed_energy", _("Other directed energy")),
            ("electromagnetic", _("Electromagnetic effects on equipment")),
            ("cyber", _("Effects through computer networks")),
        ),
    ),
    Characteristic(
        "victim_activated",
        BOOL,
        _("Victim-activated"),
        _(
            "Whether the item is designed to be exploded or activated by the presence, "
            "proximity or contact of a person or vehicle, rather than by an operator's "
            "command (APMBC Art. 2(1); Amended Protocol II Art. 2(3))."
        ),
    ),
    Characteristic(
        "submunition_criteria_met",
        BOOL,
        _("Submunitions meet the five criteria of CCM Art. 2(2)(c)"),
        _(
            "For munitions with submunitions: fewer than ten, each over four kilogrammes, "
            "each designed to detect and engage a single target object, each with an "
            "electronic self-destruction and an electronic self-deactivating feature."
        ),
    ),
    Characteristic(
        "fragments_detectable_by_xray",
        BOOL,
        _("Fragments detectable by X-ray"),
        _("Whether every fragment that can injure is detectable by X-ray in the human body."),
    ),
    Characteristic(
        "explosive_projectile_under_400g",
        BOOL,
        _("Explosive or inflammable projectile under 400 grammes"),
        _(
            "A projectile of less than 400 g that is explosive or charged with fulminating "
            "or inflammable substances (the 1868 St Petersburg Declaration)."
        ),
    ),
    Characteristic(
        "delivery",
        CHOICE,
        _("Delivery"),
        _("How the item reaches its place of effect."),
        (
            ("hand_emplaced", _("Emplaced by hand")),
            ("remotely_delivered", _("Remotely delivered (artillery, rocket, aircraft)")),
            ("projectile", _("Fired or launched at the target")),
            ("air_delivered", _("Dropped or released from the air")),
            ("network", _("Through computer networks")),
            ("other", _("Other")),
        ),
    ),
    Characteristic(
        "self_destruction",
        BOOL,
        _("Self-destruction"),
        _("Whether the item destroys itself after a set time or when it fails to function."),
    ),
    Characteristic(
        "self_deactivation",
        BOOL,
        _("Self-deactivation"),
        _(
            "Whether the item renders itself inoperable (e.g. its battery runs down) so that "
            "it can no longer function."
        ),
    ),
    Characteristic(
        "detectable_by_common_equipment",
        BOOL,
        _("Detectable by common mine-detection equipment"),
        _(
            "For mines: whether the mine is detectable by commonly available technical "
            "mine-detection equipment."
        ),
    ),
    Characteristic(
        "marked_monitored_area",
        BOOL,
        _("Used only in marked, monitored and fenced areas"),
        _(
            "For mines: whether use is limited to perimeter-marked areas that are monitored "
            "and protected to keep civilians out."
        ),
    ),
    Characteristic(
        "apparently_harmless_object",
        BOOL,
        _("Apparently harmless portable object"),
        _(
            "For booby-traps and devices: whether it takes the form of an apparently harmless "
            "portable object, or is attached to protected persons, objects or items likely to "
            "attract civilians."
        ),
    ),
    Characteristic(
        "laser_function",
        CHOICE,
        _("Laser function"),
        _("What a laser in the item is designed to do."),
        (
            ("none", _("No laser")),
            ("rangefinding_designation", _("Range-finding, designation or guidance")),
            ("dazzling", _("Temporary dazzling")),
            ("permanent_blinding", _("Designed to cause permanent blindness to unenhanced vision")),
            ("anti_materiel", _("Damage to materiel")),
        ),
    ),
    Characteristic(
        "incendiary_effect",
        CHOICE,
        _("Incendiary effect"),
        _(
            "Whether setting fire or burning is the primary design purpose, or only "
            "incidental (illuminants, tracers, smoke, signalling)."
        ),
        (("none", _("None")), ("incidental", _("Incidental")), ("primary", _("Primary"))),
    ),
    Characteristic(
        "toxic_chemical",
        CHOICE,
        _("Toxic chemical"),
        _("Whether the item uses a toxic chemical, and which kind."),
        (
            ("none", _("None")),
            ("riot_control_agent", _("Riot-control agent")),
            ("herbicide", _("Herbicide")),
            ("other_toxic", _("Other toxic chemical or asphyxiating gas")),
        ),
    ),
    Characteristic(
        "biological_agent",
        BOOL,
        _("Biological agent or toxin"),
        _("Whether the item uses microbial or other biological agents, or toxins."),
    ),
    Characteristic(
        "nuclear_explosive",
        BOOL,
        _("Nuclear explosive device"),
        _("Whether the item is or contains a nuclear weapon or other nuclear explosive device."),
    ),
    Characteristic(
        "environmental_effects",
        SET,
        _("Effects on the natural environment"),
        _(
            "Which of the thresholds the effects on the natural environment are intended or "
            "may be expected to reach."
        ),
        (
            ("widespread", _("Widespread")),
            ("long_term", _("Long-term or long-lasting")),
            ("severe", _("Severe")),
        ),
    ),
    Characteristic(
        "environmental_modification",
        BOOL,
        _("Environmental modification technique"),
        _(
            "Whether the item works by deliberately manipulating natural processes "
            "(weather, climate, earth, ocean)."
        ),
    ),
    Characteristic(
        "can_be_directed",
        BOOL,
        _("Can be directed at a specific military objective"),
        _(
            "Whether the item can be aimed at a specific military objective in its normal or "
            "expected use."
        ),
    ),
    Characteristic(
        "effects_can_be_limited",
        BOOL,
        _("Effects can be limited"),
        _("Whether its effects can be limited in space and time as IHL requires."),
    ),
    Characteristic(
        "autonomy",
        CHOICE,
        _("Autonomy in critical functions"),
        _(
            "Who selects and engages targets: a human for each engagement, a human supervising "
            "who can intervene, or the system without human intervention."
        ),
        (
            ("none", _("No autonomy in targeting")),
            ("human_in_the_loop", _("Human decides each engagement")),
            ("human_on_the_loop", _("Human supervises and can intervene")),
            ("autonomous", _("Selects and engages without human intervention")),
        ),
    ),
    Characteristic(
        "cyber_effects_beyond_target",
        CHOICE,
        _("Cyber effects beyond the target"),
        _("For cyber capabilities: whether effects may spread beyond the intended target."),
        (
            ("none", _("Contained to the target")),
            ("possible", _("Possible")),
            ("likely", _("Likely or uncontrollable")),
        ),
    ),
    Characteristic(
        "international_transfer",
        BOOL,
        _("International transfer planned"),
        _(
            "Whether the item is to be exported, imported, or transferred to another state "
            "(including to another party's contingent)."
        ),
    ),
)

BY_CODE: dict[str, Characteristic] = {c.code: c for c in VOCABULARY}


def validate_description(description: dict[str, Any]) -> dict[str, list[str]]:
    """Errors per characteristic in `description` (empty when it is valid).

    Values: a choice code for `choice`, a list of codes for `set`, true/false for `bool`;
    None or absence means "not answered".
    """
    errors: dict[str, list[str]] = {}
    for code, value in description.items():
        characteristic = BY_CODE.get(code)
        if characteristic is None:
            errors[code] = [str(_("Unknown characteristic."))]
            continue
        if value is None:
            continue
        if characteristic.kind == BOOL and not isinstance(value, bool):
            errors[code] = [str(_("Answer yes or no."))]
        elif characteristic.kind == CHOICE and value not in characteristic.values:
            errors[code] = [str(_("Not one of the allowed values."))]
        elif characteristic.kind == SET and (
            not isinstance(value, list | tuple | set)
            or any(v not in characteristic.values for v in value)
        ):
            errors[code] = [str(_("Not a list of allowed values."))]
    return errors
