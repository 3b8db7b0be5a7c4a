"""Issue 12, points 1–3: the catalogue's exceptions and permitted purposes, and the rules
that read the circumstances of use and the vocabulary nothing read before.

Each exception records the provision that makes it and the words it rests on, so a lawyer
can check the trigger against the text. New rules read the environment (Protocol III
Art. 2(2), 1980 Protocol II Art. 4), the delivery platform, marked and fenced areas
(Amended Protocol II Art. 5(2)), autonomy (customary rules 15–21) and cyber effects
beyond the target (customary rules 12 and 71). Only the shipped rules are changed: a rule
whose trigger an editor has since changed through the services keeps that trigger.
"""

from django.db import migrations

BOTH = ["international", "non_international"]
MINES = "weapon_type in (anti_personnel_mine, anti_vehicle_mine, booby_trap, other_device)"
INCENDIARY = "(incendiary_effect = primary or weapon_type = incendiary_weapon)"
NOT_DIRECTED = "can_be_directed = false or effects_can_be_limited = false"
CYBER = " or cyber_effects_beyond_target = likely"

# code -> (old shipped trigger, new trigger)
TRIGGERS = {
    "CIHL-12": (NOT_DIRECTED, NOT_DIRECTED + CYBER),
    "CIHL-71": (NOT_DIRECTED, NOT_DIRECTED + CYBER),
    "AP-I-51-4": (NOT_DIRECTED, NOT_DIRECTED + CYBER),
    "CIHL-78": (
        "injury_mechanism has exploding_bullet and intended_targets in (personnel, both)",
        "injury_mechanism has exploding_bullet and intended_targets in (personnel, both, any)",
    ),
    "CIHL-85": (
        f"{INCENDIARY} and intended_targets in (personnel, both)",
        f"{INCENDIARY} and intended_targets in (personnel, both, any)",
    ),
}

RULES = [
    {
        "code": "CCW-APII-5-2",
        "kind": "specific_prohibition",
        "title_en": "Anti-personnel mines without self-destruction or self-deactivation "
        "outside marked, monitored and fenced areas",
        "title_ru": "Противопехотные мины без самоуничтожения или самодеактивации вне "
        "обозначенных по периметру, охраняемых и огороженных районов",
        "summary_en": "Anti-personnel mines other than remotely delivered ones that do not "
        "comply with the Technical Annex on self-destruction and self-deactivation may be "
        "used only within a perimeter-marked area monitored by military personnel and "
        "protected by fencing or other means, or when cleared before the area is abandoned.",
        "summary_ru": "Противопехотные мины, кроме мин дистанционной установки, не "
        "отвечающие требованиям Технического приложения о самоуничтожении и самодеактивации, "
        "могут применяться только в обозначенном по периметру районе, охраняемом военным "
        "персоналом и защищенном ограждением или иными средствами, либо при их удалении "
        "до оставления района.",
        "customary": False,
        "trigger": "weapon_type = anti_personnel_mine and delivery in (hand_emplaced, other) "
        "and (self_destruction = false or self_deactivation = false) "
        "and marked_monitored_area = false",
        "bases": [("CCW-APII", "Art. 5(2)")],
    },
    {
        "code": "CCW-PIII-2-2P",
        "kind": "specific_prohibition",
        "title_en": "Air-delivered incendiary weapons against military objectives within a "
        "concentration of civilians",
        "title_ru": "Зажигательное оружие, доставляемое по воздуху, против военных объектов, "
        "расположенных в районе сосредоточения гражданского населения",
        "summary_en": "It is prohibited in all circumstances to make any military objective "
        "located within a concentration of civilians the object of attack by air-delivered "
        "incendiary weapons.",
        "summary_ru": "Запрещается при любых обстоятельствах подвергать нападению с помощью "
        "доставляемого по воздуху зажигательного оружия любой военный объект, расположенный "
        "в районе сосредоточения гражданского населения.",
        "customary": False,
        "trigger": f"{INCENDIARY} and (delivery = air_delivered or platform in (aircraft, "
        "uncrewed_aircraft)) and environment has populated_area",
        "bases": [("CCW-PIII", "Art. 2(2)")],
    },
    {
        "code": "CCW-PII-4",
        "kind": "restriction",
        "title_en": "Mines, booby-traps and other devices in populated areas",
        "title_ru": "Мины, мины-ловушки и другие устройства в населенных районах",
        "summary_en": "In a city, town, village or other area containing a similar "
        "concentration of civilians in which combat between ground forces is not taking "
        "place or does not appear to be imminent, such weapons may not be used unless placed "
        "on or in the close vicinity of a military objective, or measures are taken to "
        "protect civilians from their effects.",
        "summary_ru": "В городе, поселке, деревне или ином районе с аналогичным "
        "сосредоточением гражданского населения, где не ведутся и не представляются "
        "неизбежными боевые действия между сухопутными силами, такое оружие не применяется, "
        "если оно не установлено на военном объекте или в непосредственной близости от "
        "него либо не приняты меры для защиты гражданского населения.",
        "restriction_en": "Only on or near a military objective, or with warning sentries, "
        "warning signs, fences or similar measures to protect civilians.",
        "restriction_ru": "Только на военном объекте или вблизи него либо с выставлением "
        "часовых, предупреждающих знаков, ограждений или аналогичными мерами защиты "
        "гражданского населения.",
        "customary": False,
        "trigger": f"{MINES} and delivery != remotely_delivered "
        "and environment has populated_area",
        "bases": [("CCW-PII", "Art. 4(2)")],
    },
    {
        "code": "CIHL-15-21",
        "kind": "obligation",
        "title_en": "Precautions in attack for autonomous functions",
        "title_ru": "Меры предосторожности при нападении для автономных функций",
        "summary_en": "Constant care must be taken to spare civilians; everything feasible "
        "must be done to verify that targets are military objectives, and an attack must be "
        "cancelled or suspended if it becomes apparent that the target is not a military "
        "objective or that the attack would be disproportionate.",
        "summary_ru": "Необходимо постоянно проявлять заботу о том, чтобы щадить "
        "гражданское население; должно быть сделано все практически возможное для проверки "
        "того, что цели являются военными объектами, а нападение должно быть отменено или "
        "приостановлено, если станет очевидным, что цель не является военным объектом или "
        "что нападение будет несоразмерным.",
        "restriction_en": "A system that selects or engages targets with a human only "
        "supervising, or without human intervention, must keep the abilities these rules "
        "require: to verify the target, to choose means that minimise incidental harm, to "
        "cancel or suspend the attack, and to warn where circumstances permit. The review "
        "states how the operator keeps each of them.",
        "restriction_ru": "Система, которая выбирает или поражает цели лишь под надзором "
        "человека или без вмешательства человека, должна сохранять возможности, которых "
        "требуют эти нормы: проверить цель, выбрать средства, сводящие к минимуму попутный "
        "ущерб, отменить или приостановить нападение и предупредить, когда позволяют "
        "обстоятельства. В экспертизе указывается, как оператор сохраняет каждую из них.",
        "customary": True,
        "customary_reference": "ICRC CIHL Rules 15–21",
        "trigger": "autonomy in (human_on_the_loop, autonomous)",
        "bases": [("AP-I", "Art. 57(1)"), ("AP-I", "Art. 57(2)(a)(i)"), ("AP-I", "Art. 57(2)(b)")],
    },
]

CWC_SUBJECT = "(weapon_type = chemical_weapon or toxic_chemical = other_toxic or injury_mechanism has toxic_chemical)"
BWC_SUBJECT = "(biological_agent or weapon_type = biological_weapon or injury_mechanism has biological)"
RCA_LAW_ENFORCEMENT = "toxic_chemical = riot_control_agent and intended_use = law_enforcement"
ILLUMINATION = "incendiary_effect = incidental or (roles has illumination_smoke_signalling and incendiary_effect != none)"
COMBINED = (
    "injury_mechanism has incendiary and primary_injury_mechanism in (penetration, blast, "
    "fragmentation) and intended_targets in (materiel, objects)"
)
LASER_INCIDENTAL = "laser_function in (rangefinding_designation, dazzling, anti_materiel)"

TEXT = {
    "CWC II(9)": "“Purposes not prohibited under this Convention” means: (a) Industrial, "
    "agricultural, research, medical, pharmaceutical or other peaceful purposes; "
    "(b) Protective purposes, namely those purposes directly related to protection against "
    "toxic chemicals and to protection against chemical weapons; (c) Military purposes not "
    "connected with the use of chemical weapons and not dependent on the use of the toxic "
    "properties of chemicals as a method of warfare; (d) Law enforcement including domestic "
    "riot control purposes.",
    "BWC I": "Microbial or other biological agents, or toxins whatever their origin or method "
    "of production, of types and in quantities that have no justification for prophylactic, "
    "protective or other peaceful purposes.",
    "APMBC 3(1)": "Notwithstanding the general obligations under Article 1, the retention or "
    "transfer of a number of anti-personnel mines for the development of and training in "
    "mine detection, mine clearance, or mine destruction techniques is permitted.",
    "APMBC 2(1)": "“Anti-personnel mine” means a mine designed to be exploded by the "
    "presence, proximity or contact of a person and that will incapacitate, injure or kill "
    "one or more persons.",
    "APII TA 2": "All anti-personnel mines shall incorporate in their construction a material "
    "or device that enables the mine to be detected by commonly-available technical "
    "mine-detection equipment and provides a response signal equivalent to a signal from "
    "8 grammes or more of iron in a single coherent mass.",
    "APII TA 3": "All remotely-delivered anti-personnel mines shall be designed and "
    "constructed so that no more than 10% of activated mines will fail to self-destruct "
    "within 30 days after emplacement, and each mine shall have a back-up self-deactivation "
    "feature.",
    "APII 5(2)(a)": "Such weapons are placed within a perimeter-marked area which is "
    "monitored by military personnel and protected by fencing or other means, to ensure the "
    "effective exclusion of civilians from the area.",
    "PIII 1(1)(b)(i)": "Incendiary weapons do not include: (i) Munitions which may have "
    "incidental incendiary effects, such as illuminants, tracers, smoke or signalling "
    "systems.",
    "PIII 1(1)(b)(ii)": "(ii) Munitions designed to combine penetration, blast or "
    "fragmentation effects with an additional incendiary effect, such as armour-piercing "
    "projectiles, fragmentation shells, explosive bombs and similar combined-effects "
    "munitions in which the incendiary effect is not specifically designed to cause burn "
    "injury to persons, but to be used against military objectives.",
    "PIV 3": "Blinding as an incidental or collateral effect of the legitimate military "
    "employment of laser systems, including laser systems used against optical equipment, "
    "is not covered by the prohibition of this Protocol.",
    "CCM 2(2)(a)": "(a) A munition or submunition designed to dispense flares, smoke, "
    "pyrotechnics or chaff; or a munition designed exclusively for an air defence role.",
    "CCM 2(2)(b)": "(b) A munition or submunition designed to produce electrical or "
    "electronic effects.",
    "CCM 2(2)(c)": "(c) A munition that has all of the following characteristics: each "
    "munition contains fewer than ten explosive submunitions; each explosive submunition "
    "weighs more than four kilograms; each is designed to detect and engage a single target "
    "object; each is equipped with an electronic self-destruction mechanism and an "
    "electronic self-deactivating feature.",
    "CCM 3(6)": "The retention or acquisition of a limited number of cluster munitions and "
    "explosive submunitions for the development of and training in detection, clearance or "
    "destruction techniques, or for the development of counter-measures, is permitted.",
    "ENMOD III(1)": "The provisions of this Convention shall not hinder the use of "
    "environmental modification techniques for peaceful purposes.",
    "TPNW 1": "Each State Party undertakes never under any circumstances to develop, test, "
    "produce, manufacture, otherwise acquire, possess or stockpile nuclear weapons or other "
    "nuclear explosive devices.",
    "HAGUE IV-2": "The Contracting Powers agree to abstain from the use of projectiles the "
    "sole object of which is the diffusion of asphyxiating or deleterious gases.",
}

PEACEFUL_TITLE = (
    "Purposes not prohibited: peaceful, protective, or military purposes not dependent on "
    "toxic properties",
    "Цели, не запрещаемые Конвенцией: мирные, защитные или военные цели, не связанные с "
    "использованием токсичных свойств",
)
LAW_ENFORCEMENT_TITLE = (
    "Riot control agents for law enforcement, including domestic riot control",
    "Средства борьбы с беспорядками для правоприменения, включая борьбу с беспорядками "
    "внутри страны",
)
ILLUMINATION_TITLE = (
    "Incidental incendiary effects: illuminants, tracers, smoke or signalling systems",
    "Побочный зажигательный эффект: осветительные, трассирующие, дымовые или сигнальные "
    "средства",
)
COMBINED_TITLE = (
    "Combined-effects munition against military objectives (penetration, blast or "
    "fragmentation with an additional incendiary effect)",
    "Боеприпас комбинированного действия против военных объектов (бронебойное, фугасное "
    "или осколочное действие с дополнительным зажигательным эффектом)",
)
LASER_TITLE = (
    "Blinding only as an incidental or collateral effect of legitimate laser systems",
    "Ослепление лишь как побочный или сопутствующий эффект законного применения лазерных "
    "систем",
)

# (code, rule, provision, (title en, title ru), text, trigger)
EXCEPTIONS = [
    ("CWC-1-X-PURPOSES", "CWC-1", "CWC Art. II(1)(a); Art. II(9)(a)-(c)", PEACEFUL_TITLE,
     TEXT["CWC II(9)"],
     f"{CWC_SUBJECT} and purpose in (peaceful, protective, military_non_toxic)"),
    ("CWC-1-5-X-LAW", "CWC-1-5", "CWC Art. II(9)(d)", LAW_ENFORCEMENT_TITLE,
     TEXT["CWC II(9)"], RCA_LAW_ENFORCEMENT),
    ("CIHL-75-X-LAW", "CIHL-75", "ICRC CIHL Rule 75; CWC Art. II(9)(d)", LAW_ENFORCEMENT_TITLE,
     TEXT["CWC II(9)"], RCA_LAW_ENFORCEMENT),
    ("BWC-1-X-PURPOSES", "BWC-1", "BWC Art. I(1)",
     ("Types and quantities justified for prophylactic, protective or other peaceful purposes",
      "Виды и количества, предназначенные для профилактических, защитных или других мирных "
      "целей"),
     TEXT["BWC I"], f"{BWC_SUBJECT} and purpose in (protective, peaceful)"),
    ("APMBC-1-X-TRAINING", "APMBC-1", "APMBC Art. 3(1)",
     ("Retention for training in mine detection, clearance or destruction",
      "Сохранение для обучения методам обнаружения, разминирования или уничтожения мин"),
     TEXT["APMBC 3(1)"], "weapon_type = anti_personnel_mine and purpose = training"),
    ("APMBC-1-X-COMMAND", "APMBC-1", "APMBC Art. 2(1)",
     ("Not an anti-personnel mine: not designed to be exploded by the presence, proximity or "
      "contact of a person",
      "Не противопехотная мина: не предназначена для взрыва от присутствия, близости или "
      "непосредственного воздействия человека"),
     TEXT["APMBC 2(1)"], "weapon_type = anti_personnel_mine and victim_activated = false"),
    ("CCW-APII-4-X-DETECT", "CCW-APII-4", "CCW-APII Art. 4; Technical Annex para. 2(a)",
     ("Detectable by commonly available mine-detection equipment",
      "Обнаруживаемость общедоступным миноискательным оборудованием"),
     TEXT["APII TA 2"],
     "weapon_type = anti_personnel_mine and detectable_by_common_equipment"),
    ("CCW-APII-5-X-SD", "CCW-APII-5", "CCW-APII Art. 5(1); Technical Annex para. 3",
     ("Self-destruction and self-deactivation as the Technical Annex requires",
      "Самоуничтожение и самодеактивация согласно Техническому приложению"),
     TEXT["APII TA 3"],
     "weapon_type = anti_personnel_mine and self_destruction and self_deactivation"),
    ("CCW-APII-5-2-X-FENCED", "CCW-APII-5-2", "CCW-APII Art. 5(2)(a)",
     ("Within a perimeter-marked area, monitored by military personnel and fenced",
      "В обозначенном по периметру районе, охраняемом военным персоналом и огороженном"),
     TEXT["APII 5(2)(a)"], "weapon_type = anti_personnel_mine and marked_monitored_area"),
    ("CCW-APII-6-X-SD", "CCW-APII-6", "CCW-APII Art. 6(2); Technical Annex para. 3(a)-(b)",
     ("Self-destruction and self-deactivation as the Technical Annex requires",
      "Самоуничтожение и самодеактивация согласно Техническому приложению"),
     TEXT["APII TA 3"],
     "weapon_type = anti_personnel_mine and self_destruction and self_deactivation"),
    # Art. 1(1)(b) defines "incendiary weapon" for the whole Protocol: every rule of it, and
    # the customary rules 84 and 85 that follow it, leave these munitions out.
    *[
        exception
        for rule in ("CCW-PIII-2-1", "CCW-PIII-2-2", "CCW-PIII-2-2P", "CCW-PIII-2-3", "CCW-PIII-2-4")
        for exception in (
            (f"{rule}-X-INCIDENTAL", rule, "CCW-PIII Art. 1(1)(b)(i)", ILLUMINATION_TITLE,
             TEXT["PIII 1(1)(b)(i)"], ILLUMINATION),
            (f"{rule}-X-COMBINED", rule, "CCW-PIII Art. 1(1)(b)(ii)", COMBINED_TITLE,
             TEXT["PIII 1(1)(b)(ii)"], COMBINED),
        )
    ],
    *[
        exception
        for rule in ("CIHL-84", "CIHL-85")
        for exception in (
            (f"{rule}-X-INCIDENTAL", rule,
             f"ICRC CIHL Rule {rule[-2:]}; CCW-PIII Art. 1(1)(b)(i)", ILLUMINATION_TITLE,
             TEXT["PIII 1(1)(b)(i)"], ILLUMINATION),
            (f"{rule}-X-COMBINED", rule,
             f"ICRC CIHL Rule {rule[-2:]}; CCW-PIII Art. 1(1)(b)(ii)", COMBINED_TITLE,
             TEXT["PIII 1(1)(b)(ii)"], COMBINED),
        )
    ],
    ("CCW-PIV-1-X-INCIDENTAL", "CCW-PIV-1", "CCW-PIV Art. 3", LASER_TITLE, TEXT["PIV 3"],
     LASER_INCIDENTAL),
    ("CIHL-86-X-INCIDENTAL", "CIHL-86", "ICRC CIHL Rule 86; CCW-PIV Art. 3", LASER_TITLE,
     TEXT["PIV 3"], LASER_INCIDENTAL),
    ("CCM-1-X-FLARES", "CCM-1", "CCM Art. 2(2)(a)",
     ("Flares, smoke, pyrotechnics or chaff, or exclusively air defence",
      "Осветительные, дымовые, пиротехнические средства или дипольные отражатели либо "
      "исключительно противовоздушная оборона"),
     TEXT["CCM 2(2)(a)"],
     "weapon_type = cluster_munition and (roles has illumination_smoke_signalling "
     "or roles has air_defence)"),
    ("CCM-1-X-ELECTRONIC", "CCM-1", "CCM Art. 2(2)(b)",
     ("Designed to produce electrical or electronic effects",
      "Предназначен для создания электрических или электронных эффектов"),
     TEXT["CCM 2(2)(b)"],
     "weapon_type = cluster_munition and primary_injury_mechanism = electromagnetic"),
    ("CCM-1-X-CRITERIA", "CCM-1", "CCM Art. 2(2)(c)",
     ("Submunitions meeting all five criteria (fewer than ten, over four kilograms, single "
      "target, electronic self-destruction and self-deactivation)",
      "Суббоеприпасы, отвечающие всем пяти критериям (менее десяти, более четырех "
      "килограммов, одна цель, электронные самоуничтожение и самодеактивация)"),
     TEXT["CCM 2(2)(c)"], "weapon_type = cluster_munition and submunition_criteria_met"),
    ("CCM-1-X-TRAINING", "CCM-1", "CCM Art. 3(6)",
     ("Retention for training in detection, clearance or destruction, or counter-measures",
      "Сохранение для обучения методам обнаружения, разминирования или уничтожения либо "
      "для разработки контрмер"),
     TEXT["CCM 3(6)"], "weapon_type = cluster_munition and purpose = training"),
    ("ENMOD-1-X-PEACEFUL", "ENMOD-1", "ENMOD Art. III(1)",
     ("Environmental modification for peaceful purposes",
      "Изменение природной среды в мирных целях"),
     TEXT["ENMOD III(1)"], "environmental_modification and purpose = peaceful"),
    ("TPNW-1-X-DUAL", "TPNW-1", "TPNW Art. 1(1)(a)",
     ("A dual-capable delivery system without a nuclear explosive device",
      "Система доставки двойного назначения без ядерного взрывного устройства"),
     TEXT["TPNW 1"],
     "roles has dual_capable and nuclear_explosive = false and weapon_type != nuclear_weapon"),
    ("HAGUE-1899-IV2-1-X-SOLE", "HAGUE-1899-IV2-1", "HAGUE-1899-IV2 Declaration",
     ("Not a projectile whose sole object is the diffusion of asphyxiating or deleterious "
      "gases",
      "Не снаряд, единственным назначением которого является распространение удушающих "
      "или вредоносных газов"),
     TEXT["HAGUE IV-2"],
     "primary_injury_mechanism is known and primary_injury_mechanism != toxic_chemical"),
    ("HAGUE-1899-IV2-1-X-TOXIN", "HAGUE-1899-IV2-1", "HAGUE-1899-IV2 Declaration",
     ("Toxins and biological agents are not asphyxiating or deleterious gases",
      "Токсины и биологические агенты не являются удушающими или вредоносными газами"),
     TEXT["HAGUE IV-2"], "biological_agent or weapon_type = biological_weapon"),
]


def forward(apps, schema_editor):
    Instrument = apps.get_model("law", "Instrument")
    Rule = apps.get_model("law", "Rule")
    RuleBasis = apps.get_model("law", "RuleBasis")
    RuleException = apps.get_model("law", "RuleException")
    if not Rule.objects.exists():
        return  # no shipped catalogue (a database built without the reference data)
    for code, (old, new) in TRIGGERS.items():
        Rule.objects.filter(code=code, trigger=old).update(trigger=new)
    instruments = {i.code: i for i in Instrument.objects.all()}
    for data in RULES:
        data = dict(data)
        bases = data.pop("bases")
        if any(code not in instruments for code, _p in bases):
            continue
        rule, created = Rule.objects.get_or_create(
            code=data.pop("code"),
            defaults={"activities": ["use"], "conflicts": BOTH, **data},
        )
        if created:
            for code, provision in bases:
                RuleBasis.objects.create(
                    rule=rule, instrument=instruments[code], provision=provision
                )
    rules = {r.code: r for r in Rule.objects.all()}
    for code, rule_code, provision, (title_en, title_ru), text, trigger in EXCEPTIONS:
        if rule_code not in rules:
            continue
        RuleException.objects.update_or_create(
            code=code,
            defaults={
                "rule": rules[rule_code],
                "provision": provision,
                "title_en": title_en,
                "title_ru": title_ru,
                "text_en": text,
                "trigger": trigger,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("law", "0004_rule_exceptions")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
