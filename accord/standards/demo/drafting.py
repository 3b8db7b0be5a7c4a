"""Demo records of the drafting part: one adopted standard for protecting critical
facilities against uncrewed aerial systems (four sections, 42 requirements written for the
demo, detection range and warning time differing by protection class PC1–PC3), adopted by
a recorded ballot every member state voted in; and its second version — a working draft
made from the adopted one, with requirements changed, added and removed — moved to
committee draft, ready for the consultation demo to put to ballot. Everything goes through
the services; running it twice changes nothing. The standard and its texts are fictional.
"""

# ruff: noqa: E501 — the requirements below are prose, one string per text
from __future__ import annotations

from typing import IO, Any

from accord.accounts.demo import demo_password
from accord.accounts.models import User
from accord.accounts.services import user_create
from accord.core.models import Classification, Party, Release
from accord.core.roles import Role
from accord.standards.models import Clause, Standard, StandardVersion
from accord.standards.services import drafting as services

CODE = "ACC-PS 1"
EDITOR = ("sec.standards", "SEC", Classification.CONFIDENTIAL, "Timur Alimov")

PROTECTION_CLASSES = [
    {"code": "PC1", "name_en": "Basic protection", "name_ru": "Базовая защита"},
    {"code": "PC2", "name_en": "Enhanced protection", "name_ru": "Повышенная защита"},
    {"code": "PC3", "name_en": "High protection", "name_ru": "Высокая защита"},
]

# Parameters by protection class: (name, unit, PC1, PC2, PC3).
RANGE = ("detection_range", "m", "1500", "3000", "5000")
WARNING = ("warning_time", "s", "60", "120", "240")
CONFIRM = ("confirmation_time", "s", "30", "20", "10")
RESTORE = ("restoration_time", "h", "24", "8", "2")
RESPONSE = ("response_time", "min", "15", "10", "5")

# A requirement: (key, level, conformity, title_en, title_ru, text_en, text_ru,
#                 guidance_en, guidance_ru, [parameters])
R = tuple[str, str, str, str, str, str, str, str, str, list[tuple[str, str, str, str, str]]]

SECTIONS: list[tuple[str, str, str, list[R]]] = [
    (
        "4",
        "Detection",
        "Обнаружение",
        [
            (
                "det-coverage",
                "shall",
                "test",
                "Perimeter coverage",
                "Охват периметра",
                "The operator shall detect uncrewed aircraft approaching the facility on every bearing at the detection range of the facility's protection class.",
                "Оператор должен обнаруживать беспилотные воздушные суда, приближающиеся к объекту с любого направления, на дальности обнаружения, установленной для класса защиты объекта.",
                "Combine at least two sensing principles (radar, radio-frequency, electro-optical, acoustic) so that the failure of one leaves no bearing uncovered.",
                "Сочетайте не менее двух принципов обнаружения (радиолокационный, радиочастотный, оптико-электронный, акустический), чтобы отказ одного не оставлял непокрытых направлений.",
                [RANGE],
            ),
            (
                "det-warning",
                "shall",
                "test",
                "Warning time",
                "Время предупреждения",
                "The detection system shall give the security control room warning of an approaching uncrewed aircraft no later than the warning time of the facility's protection class before it reaches the perimeter.",
                "Система обнаружения должна предупреждать пункт управления охраной о приближении беспилотного воздушного судна не позднее чем за время предупреждения, установленное для класса защиты объекта, до достижения им периметра.",
                "Derive the warning time from the fastest credible approach speed and the time the response needs.",
                "Определяйте время предупреждения исходя из наибольшей реальной скорости подлёта и времени, необходимого для реагирования.",
                [WARNING],
            ),
            (
                "det-low-altitude",
                "shall",
                "test",
                "Low-altitude approaches",
                "Подлёт на малых высотах",
                "Detection shall cover approaches below 50 metres above ground level, including along terrain features and structures that mask radar.",
                "Обнаружение должно охватывать подлёт на высотах ниже 50 метров над уровнем земли, в том числе вдоль элементов рельефа и сооружений, затеняющих радиолокатор.",
                "Survey masked sectors on site; add short-range sensors where the main sensors are shadowed.",
                "Обследуйте затенённые сектора на месте; дополняйте основные датчики датчиками ближнего действия в зонах затенения.",
                [],
            ),
            (
                "det-classify",
                "shall",
                "demonstration",
                "Classification of tracks",
                "Классификация целей",
                "The detection system shall distinguish uncrewed aircraft from birds and other clutter and confirm a track within the confirmation time of the facility's protection class.",
                "Система обнаружения должна отличать беспилотные воздушные суда от птиц и иных помех и подтверждать цель в течение времени подтверждения, установленного для класса защиты объекта.",
                "Electro-optical confirmation of radar tracks reduces false alarms markedly.",
                "Оптико-электронное подтверждение радиолокационных отметок существенно снижает число ложных тревог.",
                [CONFIRM],
            ),
            (
                "det-autonomous",
                "shall",
                "test",
                "Aircraft without radio link",
                "Аппараты без радиоканала",
                "Detection shall not rely solely on radio-frequency emissions: aircraft flying autonomously without a control link shall also be detected.",
                "Обнаружение не должно основываться только на радиоизлучении: аппараты, летящие автономно без канала управления, также должны обнаруживаться.",
                "",
                "",
                [],
            ),
            (
                "det-swarm",
                "should",
                "demonstration",
                "Several simultaneous aircraft",
                "Несколько аппаратов одновременно",
                "The detection system should track at least ten aircraft simultaneously without loss of the tracks already held.",
                "Системе обнаружения следует сопровождать не менее десяти аппаратов одновременно без потери уже сопровождаемых целей.",
                "Group attacks often use decoys to saturate the operators; test with mixed scenarios.",
                "При групповых атаках часто используются ложные цели для перегрузки операторов; проводите испытания по смешанным сценариям.",
                [],
            ),
            (
                "det-log",
                "shall",
                "inspection",
                "Detection log",
                "Журнал обнаружений",
                "Every detection, classification and alarm shall be logged with its time, bearing, altitude and the sensor that made it, and kept for at least one year.",
                "Каждое обнаружение, классификация и тревога должны регистрироваться с указанием времени, пеленга, высоты и датчика и храниться не менее одного года.",
                "",
                "",
                [],
            ),
            (
                "det-time",
                "shall",
                "inspection",
                "Common time reference",
                "Единая шкала времени",
                "All sensors and logs shall use one time reference synchronised to within one second.",
                "Все датчики и журналы должны использовать единую шкалу времени с расхождением не более одной секунды.",
                "",
                "",
                [],
            ),
            (
                "det-display",
                "should",
                "inspection",
                "Common operating picture",
                "Единая обстановка",
                "The control room should present the tracks of all sensors on one map display with the facility's protected zones.",
                "В пункте управления следует отображать цели от всех датчиков на единой карте с зонами защиты объекта.",
                "",
                "",
                [],
            ),
            (
                "det-neighbours",
                "may",
                "document_review",
                "Data from neighbouring facilities",
                "Данные соседних объектов",
                "The operator may receive detection data from neighbouring facilities or the national air surveillance system to extend its warning time.",
                "Оператор может получать данные обнаружения от соседних объектов или национальной системы контроля воздушного пространства для увеличения времени предупреждения.",
                "Agree the data format and the classification of shared tracks in writing first.",
                "Предварительно согласуйте в письменной форме формат данных и порядок отнесения передаваемых сведений к категориям доступа.",
                [],
            ),
            (
                "det-jamming",
                "shall",
                "test",
                "Operation under jamming",
                "Работа в условиях помех",
                "The detection system shall keep detecting at no less than half of its detection range when its radio-frequency sensors are jammed.",
                "Система обнаружения должна сохранять способность обнаружения не менее чем на половине дальности обнаружения при подавлении её радиочастотных датчиков.",
                "",
                "",
                [],
            ),
        ],
    ),
    (
        "5",
        "Delay and denial",
        "Задержка и воспрепятствование",
        [
            (
                "del-critical",
                "shall",
                "document_review",
                "Critical assets identified",
                "Определение критических элементов",
                "The operator shall identify the assets whose damage by an uncrewed aircraft would stop or endanger the facility's operation, and record them in the protection plan.",
                "Оператор должен определить элементы, повреждение которых беспилотным воздушным судном остановит работу объекта или создаст угрозу, и внести их в план защиты.",
                "Typical critical assets: transformers, control rooms, fuel and chemical storage, cooling equipment, communication masts.",
                "Типичные критические элементы: трансформаторы, пункты управления, хранилища топлива и химических веществ, оборудование охлаждения, антенные мачты.",
                [],
            ),
            (
                "del-overhead",
                "shall",
                "inspection",
                "Overhead protection",
                "Защита сверху",
                "Critical assets shall be protected from above by netting, cages or hardened roofs sized for the threat in the facility's risk assessment.",
                "Критические элементы должны быть защищены сверху сетями, каркасами или усиленными перекрытиями, рассчитанными на угрозу, определённую оценкой рисков объекта.",
                "",
                "",
                [],
            ),
            (
                "del-standoff",
                "should",
                "inspection",
                "Stand-off distance",
                "Удаление от периметра",
                "New critical assets should be placed at least 100 metres inside the perimeter.",
                "Новые критические элементы следует размещать не ближе 100 метров от периметра.",
                "",
                "",
                [],
            ),
            (
                "del-concealment",
                "should",
                "inspection",
                "Concealment",
                "Маскировка",
                "The operator should conceal or disguise critical assets that can be seen from outside the facility.",
                "Оператору следует маскировать критические элементы, видимые снаружи объекта.",
                "",
                "",
                [],
            ),
            (
                "del-decoys",
                "may",
                "inspection",
                "Decoys",
                "Ложные объекты",
                "The operator may place decoys to draw an attacker away from critical assets.",
                "Оператор может размещать ложные объекты, отвлекающие нападающего от критических элементов.",
                "",
                "",
                [],
            ),
            (
                "del-lawful",
                "shall",
                "document_review",
                "Lawful countermeasures only",
                "Только законные средства противодействия",
                "Active countermeasures (jamming, spoofing, interception) shall be used only by bodies the national law authorises, and only under a written procedure approved by them.",
                "Активные средства противодействия (подавление, навязывание ложных сигналов, перехват) должны применяться только органами, уполномоченными национальным законодательством, и только по утверждённому ими письменному порядку.",
                "Record the legal basis and the authorising body in the protection plan.",
                "Укажите в плане защиты правовое основание и уполномоченный орган.",
                [],
            ),
            (
                "del-collateral",
                "shall",
                "analysis",
                "Collateral effects",
                "Побочные последствия",
                "Before a countermeasure is deployed, its effects on civil aviation, navigation, communications and neighbouring facilities shall be analysed and kept within the limits set by the authority.",
                "До развёртывания средства противодействия должны быть проанализированы его воздействие на гражданскую авиацию, навигацию, связь и соседние объекты и обеспечено соблюдение пределов, установленных уполномоченным органом.",
                "",
                "",
                [],
            ),
            (
                "del-fall-zone",
                "shall",
                "analysis",
                "Falling aircraft",
                "Падение аппарата",
                "The protection plan shall identify where a disabled aircraft may fall and keep critical assets and occupied areas out of those zones where practicable.",
                "В плане защиты должны быть определены зоны возможного падения выведенного из строя аппарата; критические элементы и места пребывания людей по возможности выводятся из этих зон.",
                "",
                "",
                [],
            ),
            (
                "del-shelter",
                "shall",
                "inspection",
                "Shelter for staff",
                "Укрытие персонала",
                "Shelter shall be available to all staff on site within three minutes' walk.",
                "Укрытие должно быть доступно всему персоналу объекта в пределах трёх минут ходьбы.",
                "",
                "",
                [],
            ),
            (
                "del-vents",
                "should",
                "inspection",
                "Air intakes and openings",
                "Воздухозаборы и проёмы",
                "Air intakes, vents and other openings of critical buildings should be screened against small aircraft and dropped objects.",
                "Воздухозаборы, вентиляционные и иные проёмы критических зданий следует защищать от проникновения малых аппаратов и сбрасываемых предметов.",
                "",
                "",
                [],
            ),
        ],
    ),
    (
        "6",
        "Response",
        "Реагирование",
        [
            (
                "res-plan",
                "shall",
                "document_review",
                "Response plan",
                "План реагирования",
                "The operator shall keep a response plan for uncrewed aircraft incidents, naming who decides, who acts and whom they inform at each step.",
                "Оператор должен иметь план реагирования на инциденты с беспилотными воздушными судами, определяющий, кто принимает решения, кто действует и кого информирует на каждом этапе.",
                "",
                "",
                [],
            ),
            (
                "res-time",
                "shall",
                "test",
                "Response time",
                "Время реагирования",
                "The security force shall be at its positions within the response time of the facility's protection class after an alarm.",
                "Силы охраны должны занимать позиции в течение времени реагирования, установленного для класса защиты объекта, после сигнала тревоги.",
                "",
                "",
                [RESPONSE],
            ),
            (
                "res-alert",
                "shall",
                "test",
                "Alerting staff",
                "Оповещение персонала",
                "All staff on site shall be alerted within one minute of a confirmed threat, by a signal distinct from the fire alarm.",
                "Весь персонал объекта должен оповещаться в течение одной минуты после подтверждения угрозы сигналом, отличным от пожарной тревоги.",
                "",
                "",
                [],
            ),
            (
                "res-authorities",
                "shall",
                "demonstration",
                "Reporting to the authorities",
                "Информирование органов власти",
                "The control room shall report a confirmed incursion to the competent authorities without delay and in any case within five minutes.",
                "Пункт управления должен незамедлительно, но не позднее чем через пять минут, сообщать о подтверждённом проникновении компетентным органам.",
                "",
                "",
                [],
            ),
            (
                "res-process",
                "shall",
                "document_review",
                "Safe process states",
                "Безопасные режимы",
                "For each critical asset the plan shall define the safe state of the process to be reached when an attack is imminent, and who orders it.",
                "Для каждого критического элемента план должен определять безопасное состояние технологического процесса при непосредственной угрозе атаки и лицо, отдающее распоряжение о переходе в него.",
                "",
                "",
                [],
            ),
            (
                "res-pilot",
                "should",
                "demonstration",
                "Locating the pilot",
                "Определение места оператора",
                "The operator should be able to locate the remote pilot of a radio-controlled aircraft and pass the location to law enforcement.",
                "Оператору следует иметь возможность определять местоположение внешнего пилота радиоуправляемого аппарата и передавать его правоохранительным органам.",
                "",
                "",
                [],
            ),
            (
                "res-evidence",
                "shall",
                "document_review",
                "Preserving evidence",
                "Сохранение доказательств",
                "Downed aircraft, their payload and the logs of the incident shall be preserved as evidence and handed over to the competent authority.",
                "Сбитые аппараты, их полезная нагрузка и журналы инцидента должны сохраняться как доказательства и передаваться компетентному органу.",
                "Do not handle a downed aircraft before explosive hazards are excluded.",
                "Не прикасайтесь к сбитому аппарату, пока не исключена взрывоопасность.",
                [],
            ),
            (
                "res-drills",
                "shall",
                "document_review",
                "Exercises",
                "Учения",
                "The response plan shall be exercised at least twice a year, including once at night, and the lessons recorded.",
                "План реагирования должен отрабатываться на учениях не реже двух раз в год, в том числе один раз в ночное время, с фиксацией выводов.",
                "",
                "",
                [],
            ),
            (
                "res-training",
                "should",
                "document_review",
                "Training of operators",
                "Подготовка операторов",
                "Control-room operators should receive at least sixteen hours of training a year on recognising and handling uncrewed aircraft.",
                "Операторам пункта управления следует проходить не менее шестнадцати часов подготовки в год по распознаванию беспилотных аппаратов и действиям при их появлении.",
                "",
                "",
                [],
            ),
            (
                "res-mutual",
                "may",
                "document_review",
                "Mutual assistance",
                "Взаимопомощь",
                "The operator may agree mutual assistance with neighbouring facilities and local emergency services.",
                "Оператор может заключать соглашения о взаимопомощи с соседними объектами и местными аварийными службами.",
                "",
                "",
                [],
            ),
        ],
    ),
    (
        "7",
        "Resilience",
        "Устойчивость",
        [
            (
                "rsl-restore",
                "shall",
                "document_review",
                "Restoration time",
                "Время восстановления",
                "The operator shall be able to restore the facility's essential function within the restoration time of its protection class after the loss of any one critical asset.",
                "Оператор должен обеспечивать восстановление основной функции объекта в течение времени восстановления, установленного для его класса защиты, после утраты любого одного критического элемента.",
                "",
                "",
                [RESTORE],
            ),
            (
                "rsl-spares",
                "shall",
                "inspection",
                "Spare equipment",
                "Резерв оборудования",
                "Spare equipment for critical assets that cannot be restored within the restoration time by repair shall be kept in a protected store.",
                "Резервное оборудование для критических элементов, которые не могут быть восстановлены ремонтом в течение времени восстановления, должно храниться в защищённом хранилище.",
                "",
                "",
                [],
            ),
            (
                "rsl-redundancy",
                "should",
                "analysis",
                "Redundant supply",
                "Резервирование питания",
                "Power and communication supplies of the control room and the detection system should be redundant and physically separated.",
                "Электропитание и связь пункта управления и системы обнаружения следует резервировать с физическим разнесением.",
                "",
                "",
                [],
            ),
            (
                "rsl-backup-control",
                "should",
                "inspection",
                "Backup control room",
                "Резервный пункт управления",
                "A backup control room should be available at a separate location.",
                "Следует предусматривать резервный пункт управления в отдельном месте.",
                "",
                "",
                [],
            ),
            (
                "rsl-cyber",
                "shall",
                "test",
                "Protection of the detection system",
                "Защита системы обнаружения",
                "The detection and alarm systems shall be separated from the facility's business networks and protected against unauthorised access.",
                "Системы обнаружения и тревожной сигнализации должны быть отделены от корпоративных сетей объекта и защищены от несанкционированного доступа.",
                "",
                "",
                [],
            ),
            (
                "rsl-gnss",
                "shall",
                "test",
                "Loss of satellite navigation",
                "Потеря спутниковой навигации",
                "Systems that depend on satellite navigation timing shall keep working for at least 24 hours when satellite signals are jammed or spoofed.",
                "Системы, зависящие от сигналов времени спутниковой навигации, должны сохранять работоспособность не менее 24 часов при подавлении или подмене спутниковых сигналов.",
                "",
                "",
                [],
            ),
            (
                "rsl-review",
                "shall",
                "document_review",
                "Review after incidents",
                "Анализ после инцидентов",
                "After every incident the operator shall review the protection plan and record the changes made.",
                "После каждого инцидента оператор должен пересматривать план защиты и фиксировать внесённые изменения.",
                "",
                "",
                [],
            ),
            (
                "rsl-risk",
                "shall",
                "document_review",
                "Risk assessment",
                "Оценка рисков",
                "The operator shall reassess the risk from uncrewed aircraft at least every two years and whenever the threat changes markedly.",
                "Оператор должен переоценивать риски, связанные с беспилотными аппаратами, не реже одного раза в два года и при существенном изменении угрозы.",
                "",
                "",
                [],
            ),
            (
                "rsl-insurance",
                "may",
                "document_review",
                "Financial resilience",
                "Финансовая устойчивость",
                "The operator may cover losses from uncrewed aircraft attacks by insurance or reserves.",
                "Оператор может покрывать ущерб от атак беспилотных аппаратов страхованием или резервами.",
                "",
                "",
                [],
            ),
            (
                "rsl-supply-chain",
                "should",
                "document_review",
                "Suppliers of protection systems",
                "Поставщики систем защиты",
                "The operator should obtain assurance from suppliers of detection and countermeasure systems about updates, spare parts and support for the system's life.",
                "Оператору следует получать от поставщиков систем обнаружения и противодействия гарантии обновлений, поставки запасных частей и поддержки в течение срока службы системы.",
                "",
                "",
                [],
            ),
            (
                "rsl-community",
                "may",
                "document_review",
                "Informing the neighbourhood",
                "Информирование населения",
                "The operator may inform people living nearby how to report sightings of uncrewed aircraft.",
                "Оператор может информировать население, проживающее поблизости, о порядке сообщения о замеченных беспилотных аппаратах.",
                "",
                "",
                [],
            ),
        ],
    ),
]


def _editor(stdout: IO[Any]) -> User:
    username, code, clearance, full_name = EDITOR
    user = User.objects.filter(username=username).first()
    if user is None:
        first, last = full_name.split(" ", 1)
        user = user_create(
            actor=None,
            username=username,
            party=Party.objects.get(code=code),
            clearance=clearance,
            roles=[Role.STANDARDS_EDITOR, Role.SECRETARIAT_OFFICER],
            password=demo_password(username),
            first_name=first,
            last_name=last,
            email=f"{username}@demo.accord.invalid",
        )
        stdout.write(f"  {username:<15} {demo_password(username):<28} {code}  standards editor\n")
    return user


def _build(editor: User, version: StandardVersion) -> None:
    for number, title_en, title_ru, requirements in SECTIONS:
        section = services.clause_add(
            actor=editor,
            version=version,
            kind=Clause.Kind.SECTION,
            number=number,
            title_en=title_en,
            title_ru=title_ru,
        )
        for _key, level, conformity, t_en, t_ru, x_en, x_ru, g_en, g_ru, params in requirements:
            clause = services.clause_add(
                actor=editor,
                version=version,
                kind=Clause.Kind.REQUIREMENT,
                parent=section,
                title_en=t_en,
                title_ru=t_ru,
                text_en=x_en,
                text_ru=x_ru,
                guidance_en=g_en,
                guidance_ru=g_ru,
                normative_level=level,
                conformity=conformity,
            )
            for name, unit, *values in params:
                for pc, value in zip(("PC1", "PC2", "PC3"), values, strict=True):
                    services.parameter_set(
                        actor=editor,
                        clause=clause,
                        name=name,
                        protection_class=pc,
                        value=value,
                        unit=unit,
                    )


def _revise(editor: User, version: StandardVersion) -> None:
    """The second edition's changes: ranges raised, one text sharpened, a requirement
    added on reporting to the Secretariat, the decoys requirement removed."""
    clauses = {c.number: c for c in version.clauses.all()}
    coverage = clauses["4.1"]
    for pc, value in (("PC2", "3500"), ("PC3", "6000")):
        services.parameter_set(
            actor=editor,
            clause=coverage,
            name="detection_range",
            protection_class=pc,
            value=value,
            unit="m",
        )
    autonomous = clauses["4.5"]
    services.clause_update(
        actor=editor,
        clause=autonomous,
        revision=Clause.objects.get(pk=autonomous.pk).revision,
        text_en=(
            "Detection shall not rely solely on radio-frequency emissions: aircraft flying "
            "autonomously or by pre-programmed route without a control link shall also be "
            "detected and classified."
        ),
        text_ru=(
            "Обнаружение не должно основываться только на радиоизлучении: аппараты, летящие "
            "автономно или по заранее заданному маршруту без канала управления, также должны "
            "обнаруживаться и классифицироваться."
        ),
    )
    drills = clauses["6.8"]
    services.clause_update(
        actor=editor,
        clause=drills,
        revision=Clause.objects.get(pk=drills.pk).revision,
        text_en=(
            "The response plan shall be exercised at least three times a year, including once "
            "at night and once under jamming, and the lessons recorded."
        ),
        text_ru=(
            "План реагирования должен отрабатываться на учениях не реже трёх раз в год, в том "
            "числе один раз в ночное время и один раз в условиях помех, с фиксацией выводов."
        ),
    )
    services.clause_delete(actor=editor, clause=clauses["5.5"])
    services.clause_add(
        actor=editor,
        version=version,
        kind=Clause.Kind.REQUIREMENT,
        parent=clauses["6"],
        number="6.11",
        title_en="Sharing incident data",
        title_ru="Обмен данными об инцидентах",
        text_en=(
            "The operator should share anonymised data on incidents with the Secretariat, "
            "so that the parties can keep the threat picture current."
        ),
        text_ru=(
            "Оператору следует передавать обезличенные данные об инцидентах в Секретариат, "
            "чтобы стороны могли поддерживать актуальную картину угроз."
        ),
        normative_level="should",
        conformity="document_review",
    )


def load(stdout: IO[Any]) -> None:
    editor = _editor(stdout)
    existing = Standard.objects.filter(code=CODE).first()
    if existing is not None:
        stages = ", ".join(
            f"v{v.number} {v.get_stage_display()}" for v in existing.versions.order_by("number")
        )
        stdout.write(f"  standard {CODE}: already loaded ({stages})\n")
        return
    standard = services.standard_create(
        actor=editor,
        code=CODE,
        title_en="Protection of critical facilities against uncrewed aerial systems (demo)",
        title_ru="Защита критически важных объектов от беспилотных авиационных систем (демо)",
        scope_en=(
            "Requirements for detecting, delaying and denying, responding to and recovering "
            "from attacks by uncrewed aerial systems on critical facilities: energy, water, "
            "transport, communications, chemical and nuclear sites, defence industry and "
            "government sites. Fictional demonstration text."
        ),
        scope_ru=(
            "Требования к обнаружению, задержке и воспрепятствованию, реагированию и "
            "восстановлению после атак беспилотных авиационных систем на критически важные "
            "объекты: энергетики, водоснабжения, транспорта, связи, химические и ядерные "
            "объекты, оборонную промышленность и объекты органов власти. Вымышленный "
            "демонстрационный текст."
        ),
        threat_categories=["uncrewed_aerial", "electronic_warfare", "cyber_physical"],
        protection_classes=PROTECTION_CLASSES,
        classification=Classification.UNCLASSIFIED,
        release=Release.MEMBERS,
    )
    first = standard.versions.get()
    services.version_update(
        actor=editor, version=first, expected_version=first.version, label="2026 edition"
    )
    _build(editor, first)
    services.version_set_stage(actor=editor, version=first, stage="committee_draft")
    # Adopted by a recorded ballot of the member states (the consultation's services).
    from accord.standards.demo.consultation import adopt_by_ballot

    adopt_by_ballot(first, stdout)
    first.refresh_from_db()
    second = services.version_create(
        actor=editor, standard=standard, previous=first, label="2027 revision (draft)"
    )
    _revise(editor, second)
    services.version_set_stage(actor=editor, version=second, stage="committee_draft")
    requirements = first.clauses.filter(kind=Clause.Kind.REQUIREMENT).count()
    stdout.write(
        f"  standard {CODE}: v1 adopted ({requirements} requirements), v2 committee draft\n"
    )
