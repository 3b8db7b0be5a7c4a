"""Demo knowledge, through the real services, safe to run twice (an item whose English
title exists is left alone, so a second run changes nothing).

- each of the five lifecycle areas has published items of several parties;
- one observation in each stage of the lifecycle: submitted (seen by its author and
  Russia's lessons manager only), verified, rejected (archived), identified with a
  remedial action owned by Kazakhstan and overdue, learned (action done, validated);
- a request for information of Russia with answers marked differently;
- two editions of one guideline module (the Secretariat's), the second superseding the
  first, with a lesson of Russia pointing at a clause that moved between them;
- experts of Russia and Kazakhstan on the roster, one validated by the Secretariat;
- the lessons managers of Russia, Kazakhstan, Belarus and the Secretariat (users
  `<party>.lessons`, password as for the other demo accounts).
"""

from __future__ import annotations

import datetime as dt
from typing import IO, Any

from accord.accounts.demo import demo_password
from accord.accounts.models import User
from accord.accounts.services import user_create
from accord.core.models import Classification, Party, Release
from accord.knowledge import services
from accord.knowledge.models import LESSONS_MANAGER, Kind, KnowledgeItem

C = Classification
MANAGERS = {"RUS": "rus.lessons", "KAZ": "kaz.lessons", "BLR": "blr.lessons", "SEC": "sec.lessons"}

# party, kind, areas, topic, solution type, English title, Russian title, release
PUBLISHED: tuple[tuple[Any, ...], ...] = (
    (
        "RUS",
        Kind.BEST_PRACTICE,
        ["develop"],
        "development/testing",
        "doctrine",
        "Early legal review gates in development programmes",
        "Ранние этапы правовой экспертизы в программах разработки",
        Release.MEMBERS,
    ),
    (
        "KAZ",
        Kind.TRAINING_MATERIAL,
        ["develop", "use"],
        "training/ihl",
        "training",
        "IHL course for test range officers",
        "Курс МГП для офицеров испытательных полигонов",
        Release.MEMBERS,
    ),
    (
        "BLR",
        Kind.BEST_PRACTICE,
        ["produce"],
        "production/quality",
        "doctrine",
        "Marking components at the production line",
        "Маркировка компонентов на производственной линии",
        Release.MEMBERS,
    ),
    (
        "SEC",
        Kind.LEGAL_EXPERIENCE,
        ["produce", "use"],
        "legal/export",
        "policy",
        "Licensing practice for dual-use components",
        "Практика лицензирования компонентов двойного назначения",
        Release.MEMBERS_OBSERVERS,
    ),
    (
        "RUS",
        Kind.LEGAL_EXPERIENCE,
        ["use"],
        "legal/targeting-review",
        "policy",
        "Precautions in attack with autonomous functions",
        "Меры предосторожности при нападении с автономными функциями",
        Release.LISTED,
    ),
    (
        "KAZ",
        Kind.BEST_PRACTICE,
        ["dispose"],
        "disposal/demilitarisation",
        "facilities",
        "Safe demilitarisation of loitering munitions",
        "Безопасная демилитаризация барражирующих боеприпасов",
        Release.MEMBERS,
    ),
    (
        "SEC",
        Kind.TRAINING_MATERIAL,
        ["dispose"],
        "disposal/records",
        "organisation",
        "Keeping disposal records for the register",
        "Ведение учёта утилизации для реестра",
        Release.PUBLIC,
    ),
    (
        "BLR",
        Kind.BEST_PRACTICE,
        ["protect"],
        "protection/counter-uas",
        "equipment",
        "Layered protection of energy sites against small drones",
        "Эшелонированная защита энергообъектов от малых БПЛА",
        Release.MEMBERS,
    ),
    (
        "RUS",
        Kind.TRAINING_MATERIAL,
        ["protect"],
        "protection/electronic-warfare",
        "training",
        "Recognising jamming of navigation signals",
        "Распознавание подавления навигационных сигналов",
        Release.OWNER,
    ),
)


def _managers() -> dict[str, User]:
    parties = {p.code: p for p in Party.objects.all()}
    found = {}
    for code, username in MANAGERS.items():
        user = User.objects.filter(username=username).first()
        if user is None and code in parties:
            user = user_create(
                actor=None,
                username=username,
                party=parties[code],
                clearance=C.SECRET,
                roles=[LESSONS_MANAGER],
                password=demo_password(username),
                email=f"{username}@demo.accord.invalid",
            )
        if user is not None:
            found[code] = user
    return found


def _exists(title_en: str) -> bool:
    return KnowledgeItem.objects.filter(title_en=title_en).exists()


def _observation(author: User, title_en: str, title_ru: str, area: str, **extra: Any) -> Any:
    return services.item_create(
        actor=author,
        kind=Kind.OBSERVATION,
        title_en=title_en,
        title_ru=title_ru,
        summary_en=extra.pop("summary_en", ""),
        areas=[area],
        topic=extra.pop("topic", ""),
        classification=C.RESTRICTED,
        release=Release.MEMBERS,
        **extra,
    )


def load(stdout: IO[str]) -> None:
    managers = _managers()
    if set(MANAGERS) - set(managers):
        stdout.write("knowledge: reference parties missing, no demo knowledge.\n")
        return
    parties = {p.code: p for p in Party.objects.all()}
    created = 0
    for code, kind, areas, topic, solution, title_en, title_ru, release in PUBLISHED:
        if _exists(title_en):
            continue
        services.item_create(
            actor=managers[code],
            kind=kind,
            title_en=title_en,
            title_ru=title_ru,
            summary_en=f"{title_en}: what was done and why it worked.",
            summary_ru=f"{title_ru}: что сделано и почему это сработало.",
            body="Shared under the agreement's knowledge exchange.",
            areas=areas,
            topic=topic,
            solution_type=solution,
            classification=C.RESTRICTED,
            release=release,
            released_to=[parties["KAZ"]] if release == Release.LISTED else [],
        )
        created += 1
    author = User.objects.filter(username="rus.legal").first() or managers["RUS"]
    manager = managers["RUS"]
    stages = [
        (
            "submitted",
            "Range telemetry lost during swarm trial",
            "Потеря телеметрии на испытаниях роя",
        ),
        (
            "verified",
            "Ambiguous marking of training rounds",
            "Неоднозначная маркировка учебных боеприпасов",
        ),
        (
            "rejected",
            "Duplicate report of a jammed radio",
            "Повторное сообщение о подавленной радиостанции",
        ),
        (
            "identified",
            "Late notification of disposal convoys",
            "Позднее уведомление о колоннах утилизации",
        ),
        (
            "learned",
            "Operators untrained on the abort function",
            "Операторы не обучены функции прерывания",
        ),
    ]
    for stage, title_en, title_ru in stages:
        if _exists(title_en):
            continue
        created += 1
        item = _observation(author, title_en, title_ru, "use", topic="operations/lessons")
        if stage == "submitted":
            continue
        if stage == "rejected":
            services.item_reject(
                actor=manager, item=item, version=item.version, reason="Already reported."
            )
            continue
        item = services.item_verify(actor=manager, item=item, version=item.version)
        if stage == "verified":
            continue
        item = services.item_identify(
            actor=manager,
            item=item,
            version=item.version,
            root_cause="The procedure names no responsible body.",
            recommendation="Name the body and the deadline in the procedure.",
        )
        if stage == "identified":
            # Owned by another party and overdue.
            services.action_add(
                actor=manager,
                lesson=item,
                action_body=parties["KAZ"],
                description="Amend the convoy notification procedure.",
                due_on=dt.date.today() - dt.timedelta(days=10),
            )
            continue
        action = services.action_add(
            actor=manager,
            lesson=item,
            action_body=parties["RUS"],
            description="Add the abort function to the operator course.",
            due_on=dt.date.today() + dt.timedelta(days=30),
        )
        services.action_close(actor=manager, action=action, version=action.version, status="done")
        item.refresh_from_db()
        item = services.item_validate(
            actor=manager,
            item=item,
            version=item.version,
            result="Exercise showed all operators used it.",
        )
        services.item_learn(actor=manager, item=item, version=item.version)
    created += _request(managers, parties)
    created += _guidelines(managers)
    created += _experts(managers)
    stdout.write(f"knowledge: {created} demo items.\n")


REQUEST_TITLE = "Disposal of thermal batteries from loitering munitions"


def _request(managers: dict[str, User], parties: dict[str, Party]) -> int:
    """A request of Russia to Kazakhstan and Belarus, answered twice with different
    markings: Kazakhstan's to the requester only, Belarus's to every member."""
    from accord.knowledge.models import InformationRequest

    if InformationRequest.objects.filter(title=REQUEST_TITLE).exists():
        return 0
    request = services.request_send(
        actor=managers["RUS"],
        title=REQUEST_TITLE,
        question="How do your depots discharge and dispose of thermal batteries?",
        due_on=dt.date.today() + dt.timedelta(days=21),
        addressees=[parties["KAZ"], parties["BLR"]],
    )
    services.answer_add(
        actor=managers["KAZ"],
        request=request,
        text="Discharged at the depot under a written procedure; for the requester only.",
        classification=C.CONFIDENTIAL,
    )
    services.answer_add(
        actor=managers["BLR"],
        request=request,
        text="Returned to the manufacturer under the production contract.",
        release=Release.MEMBERS,
    )
    return 1


GUIDELINE_CODE = "AGT 04.10"
GUIDELINE_CLAUSES = [
    {
        "key": "scope",
        "number": "1",
        "heading": "Scope",
        "text": "Movement of munitions to disposal.",
    },
    {
        "key": "notify",
        "number": "3.2",
        "heading": "Notification",
        "text": "The convoy commander notifies the receiving site before departure.",
    },
    {"key": "records", "number": "4", "heading": "Records", "text": "Keep the convoy log."},
]
GUIDELINE_CLAUSES_2 = [
    GUIDELINE_CLAUSES[0],
    {
        "key": "risk",
        "number": "2",
        "heading": "Risk assessment",
        "text": "Assess the route before every convoy.",
    },
    {
        "key": "notify",
        "number": "4.1",
        "heading": "Notification",
        "text": "The convoy commander notifies the receiving site and the local authority "
        "24 hours before departure.",
    },
    {"key": "records", "number": "5", "heading": "Records", "text": "Keep the convoy log."},
]


def _guidelines(managers: dict[str, User]) -> int:
    """Two editions of one guideline module of the Secretariat; the lesson on late
    convoy notifications points at the notification clause of the first edition, which
    the second renumbers (3.2 → 4.1) and changes."""
    from accord.knowledge.models import GuidelineEdition

    if GuidelineEdition.objects.filter(code=GUIDELINE_CODE).exists():
        return 0
    common: dict[str, Any] = {
        "actor": managers["SEC"],
        "code": GUIDELINE_CODE,
        "title": "Transport of munitions for disposal",
        "levels": "1, 2, 3",
        "classification": C.UNCLASSIFIED,
        "release": Release.MEMBERS,
    }
    first = services.guideline_publish(
        **common, edition="2019", issued_on=dt.date(2019, 4, 1), clauses=GUIDELINE_CLAUSES
    )
    services.guideline_publish(
        **common,
        edition="2024",
        issued_on=dt.date(2024, 9, 1),
        next_review=dt.date(2029, 9, 1),
        clauses=GUIDELINE_CLAUSES_2,
        supersedes=first,
    )
    lesson = KnowledgeItem.objects.filter(title_en="Late notification of disposal convoys").first()
    if lesson is not None:
        services.item_link_clause(
            actor=managers["RUS"],
            item=lesson,
            version=lesson.version,
            clause=first.clauses.get(key="notify"),
        )
    return 2


EXPERTS = (
    (
        "RUS",
        "I. Petrov",
        "Chief engineer",
        "dispose/demilitarisation; protect/counter-uas",
        "ru, en",
    ),
    ("KAZ", "A. Nurlanova", "Legal adviser", "use/ihl; develop/legal-review", "kk, ru, en"),
)


def _experts(managers: dict[str, User]) -> int:
    """Two experts on the roster; the Secretariat validates Russia's."""
    from accord.knowledge.models import Expert

    created = 0
    for code, name, position, domains, languages in EXPERTS:
        if Expert.objects.filter(name=name).exists():
            continue
        expert = services.expert_nominate(
            actor=managers[code],
            name=name,
            position=position,
            domains=domains,
            languages=languages,
            clearance=C.CONFIDENTIAL,
        )
        if code == "RUS":
            services.expert_validate(actor=managers["SEC"], expert=expert, version=expert.version)
        created += 1
    return created
