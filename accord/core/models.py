"""Tables of the shared kernel: parties, the marking every sensitive record carries,
the version column of editable records, and the append-only audit trail."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.core.access import MarkedQuerySet
from accord.core.classification import classification_label


class Party(models.Model):
    """A state or an international organ taking part in the agreement.

    Parties are reference data (shipped by a data migration); nothing in the code names a
    particular one.
    """

    class Kind(models.TextChoices):
        STATE = "state", _("State")
        ORGANISATION = "organisation", _("Organisation")

    class Standing(models.TextChoices):
        MEMBER = "member", _("Member")
        OBSERVER = "observer", _("Observer")

    code = models.CharField(
        _("code"),
        max_length=8,
        unique=True,
        help_text=_("ISO 3166 alpha-3 code of a state, or a short code of an organisation."),
    )
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    standing = models.CharField(_("standing"), max_length=16, choices=Standing.choices)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    @property
    def name(self) -> str:
        """The name in the active language (Russian when the page is in Russian)."""
        from django.utils.translation import get_language

        return self.name_ru if (get_language() or "en").startswith("ru") else self.name_en

    @property
    def is_secretariat(self) -> bool:
        return self.kind == self.Kind.ORGANISATION and self.standing == self.Standing.MEMBER


class Classification(models.IntegerChoices):
    """Ordered classification levels; only the order matters to the access rule.

    The names shown are configurable (`ACCORD_CLASSIFICATION_NAMES`, see
    `accord.core.classification`); the labels below are the translated defaults.
    """

    UNCLASSIFIED = 0, classification_label(0, _("Unclassified"))
    RESTRICTED = 1, classification_label(1, _("Restricted"))
    CONFIDENTIAL = 2, classification_label(2, _("Confidential"))
    SECRET = 3, classification_label(3, _("Secret"))


class Release(models.TextChoices):
    """Who besides the owner party may see a record."""

    OWNER = "owner", _("Owner party only")
    LISTED = "listed", _("Owner and listed parties")
    MEMBERS = "members", _("Member states and the Secretariat")
    MEMBERS_OBSERVERS = "members_observers", _("Members and observers")
    PUBLIC = "public", _("Public")


class MarkedModel(models.Model):
    """Mixin for every record with sensitive content: an owner party and a marking.

    The access rule over these three fields (and `released_to` for LISTED) is defined once,
    in `accord.core.access`; use `Model.objects.visible_to(user)` and `can_see(user, obj)`.
    """

    owner = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner party")
    )
    classification = models.PositiveSmallIntegerField(
        _("classification"), choices=Classification.choices, default=Classification.RESTRICTED
    )
    release = models.CharField(
        _("release"), max_length=20, choices=Release.choices, default=Release.OWNER
    )
    released_to = models.ManyToManyField(
        Party,
        blank=True,
        related_name="+",
        verbose_name=_("released to"),
        help_text=_("The parties a LISTED record is released to, besides its owner."),
    )

    objects = MarkedQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def participant_q(cls, party: Party) -> models.Q | None:
        """Records `party` sees because it takes part in them (joint procedures override
        this); None when the model has no participants."""
        return None


class VersionedModel(models.Model):
    """Mixin for editable records: a version number guards against lost updates.

    Services update through `accord.core.concurrency.save_versioned`, which refuses an edit
    made from a stale version with `Conflict`.
    """

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """One entry of the append-only, hash-chained audit trail.

    The actor's and party's names are copied so that an event still reads correctly after
    a user is renamed or removed. `before` and `after` hold canonical JSON text (not a JSON
    column) so that the bytes the hash covers are exactly the bytes stored, on every
    database. On PostgreSQL a trigger refuses UPDATE and DELETE on this table.
    """

    created_at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
        verbose_name=_("actor"),
    )
    actor_username = models.CharField(_("actor's username"), max_length=150, blank=True)
    actor_party = models.ForeignKey(
        Party,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
        verbose_name=_("actor's party"),
    )
    actor_party_code = models.CharField(_("actor's party code"), max_length=8, blank=True)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    object_classification = models.PositiveSmallIntegerField(
        _("classification of the object"),
        choices=Classification.choices,
        default=Classification.UNCLASSIFIED,
    )
    before = models.TextField(_("before"), blank=True)
    after = models.TextField(_("after"), blank=True)
    # Added after the first chains were written: NULL on the events written before (their
    # hash leaves these out, core.audit.EXTENSION_FIELDS), and nullable so that adding them
    # rewrites no row of the append-only table.
    outcome = models.CharField(_("outcome"), max_length=16, null=True, blank=True)  # noqa: DJ001
    request_id = models.CharField(_("request id"), max_length=64, null=True, blank=True)  # noqa: DJ001
    object_owner = models.ForeignKey(
        Party,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
        verbose_name=_("owner party of the object"),
    )
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["actor_party", "-id"], name="audit_party_recent"),
            # A record's timeline (core.selectors.record_timeline).
            models.Index(fields=["object_type", "object_id", "id"], name="audit_object_history"),
        ]
        permissions = [("verify_chain", _("Can verify the audit chain"))]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} {self.object_type}:{self.object_id}"

    @property
    def before_data(self) -> object:
        import json

        return json.loads(self.before) if self.before else None

    @property
    def after_data(self) -> object:
        import json

        return json.loads(self.after) if self.after else None


class Notification(models.Model):
    """A message to one user about something that needs their attention (a tracing request
    received, a lost item seized, a ballot opened). The text is stored in both working
    languages when it is sent, so it reads correctly whatever language the page is in.
    Notifications are not marked records: their text must not carry more than every
    recipient may see, which the sending service guarantees by choosing the recipients."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=64)
    message_en = models.CharField(_("message (English)"), max_length=500)
    message_ru = models.CharField(_("message (Russian)"), max_length=500)
    link = models.CharField(_("link"), max_length=300, blank=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    # The e-mail's delivery, recorded honestly by the mail task (accord/core/tasks.py):
    # `emailed_at` is stamped only when the mail server accepted the message.
    email_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    email_error = models.CharField(_("last e-mail error"), max_length=500, blank=True)
    email_failed_at = models.DateTimeField(_("e-mail failed"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
        ]

    def __str__(self) -> str:
        return self.message

    @property
    def message(self) -> str:
        """The message in the active language."""
        from django.utils.translation import get_language

        return self.message_ru if (get_language() or "en").startswith("ru") else self.message_en

    @property
    def email_status(self) -> str:
        """ "sent", "failed" (gave up after the last attempt), "retrying" (an attempt
        failed, another is queued) or "" (not e-mailed, or not yet tried)."""
        if self.emailed_at:
            return "sent"
        if self.email_failed_at:
            return "failed"
        if self.email_attempts:
            return "retrying"
        return ""


class PeriodicJob(models.Model):
    """One daily job of `accord worker` (settings.ACCORD_PERIODIC_JOBS) and its last run.

    A worker runs a job only after claiming its row with a conditional update
    (`next_run_at` moves on), so several workers run each job once."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    next_run_at = models.DateTimeField(_("next run"), null=True, blank=True)
    last_started_at = models.DateTimeField(_("last started"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished"), null=True, blank=True)
    last_ok = models.BooleanField(_("last run succeeded"), null=True)
    last_result = models.CharField(_("last result"), max_length=500, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    failures = models.PositiveIntegerField(_("failures in a row"), default=0)

    class Meta:
        verbose_name = _("periodic job")
        verbose_name_plural = _("periodic jobs")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OutboxMessage(models.Model):
    """An event for one handler, written in the same transaction as the change it
    reports (accord/core/outbox.py) and handled by the worker; a failure is recorded and
    retried, never shown to the user who made the change."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    topic = models.CharField(_("topic"), max_length=100)
    handler = models.CharField(_("handler"), max_length=200)
    payload = models.JSONField(_("payload"), default=dict)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["-id"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="outbox_due")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.topic} → {self.handler}"


class BackgroundJob(models.Model):
    """A long piece of work a user started (an import, a bulk screening), run by a task
    (accord/core/jobs.py) with its progress, result or error kept here. Only the user who
    started it sees it (`GET /api/v1/jobs/{id}/`); its work runs as that user, so the
    access rule and permissions apply in the worker as in the request."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=64)
    runner = models.CharField(_("runner"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("started by"),
    )
    language = models.CharField(_("language"), max_length=8, default="en")
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.QUEUED)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    input_file = models.FileField(_("input file"), upload_to="jobs/%Y/%m/", blank=True)
    input_name = models.CharField(_("input file name"), max_length=255, blank=True)
    options = models.JSONField(_("options"), default=dict, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    error = models.JSONField(_("error"), null=True, blank=True)
    error_status = models.PositiveSmallIntegerField(_("error status"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} ({self.state})"

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        return min(99, int(100 * self.done / self.total)) if self.total else 0


class AuditCheckpoint(models.Model):
    """A signed statement of the audit chain's head: "event `event_id`, with hash
    `head_hash`, was the chain's last event, and the chain held `event_count` events".

    The deployment signs it with its Ed25519 key (`ACCORD_AUDIT_SIGNING_KEY`); each party's
    auditor may co-sign it with their own key (`AuditCheckpointSignature`). Hashes alone
    do not stop someone with write access to the database from rewriting an event and
    recomputing every later hash; a signature made before the rewrite does, because the
    rewritten chain no longer holds the signed hash. Append-only, like the events.
    """

    created_at = models.DateTimeField(_("time"))
    event_id = models.BigIntegerField(_("head event"))
    head_hash = models.CharField(_("head hash"), max_length=64)
    event_count = models.BigIntegerField(_("events"))
    key_id = models.CharField(_("key"), max_length=64)
    signature = models.CharField(_("signature"), max_length=128)

    class Meta:
        verbose_name = _("audit checkpoint")
        verbose_name_plural = _("audit checkpoints")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"checkpoint #{self.pk} at event {self.event_id}"


class AuditCheckpointSignature(models.Model):
    """A co-signature of a checkpoint by a party's auditor (their own key, named by the
    file of their public key among the trusted keys)."""

    checkpoint = models.ForeignKey(
        AuditCheckpoint, on_delete=models.PROTECT, related_name="cosignatures"
    )
    signer = models.CharField(_("signer"), max_length=64)
    signature = models.CharField(_("signature"), max_length=128)
    created_at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("checkpoint co-signature")
        verbose_name_plural = _("checkpoint co-signatures")
        constraints = [
            models.UniqueConstraint(fields=["checkpoint", "signer"], name="one_cosignature_each")
        ]

    def __str__(self) -> str:
        return f"{self.signer} on checkpoint #{self.checkpoint_id}"


class WorkerHeartbeat(models.Model):
    """The last time each `accord worker` looked for due work (every minute): what
    `/readyz` reads to say whether background work is being done."""

    worker_id = models.CharField(_("worker"), max_length=64, unique=True)
    host = models.CharField(_("host"), max_length=255, blank=True)
    seen_at = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return f"{self.worker_id} at {self.seen_at:%Y-%m-%d %H:%M}"
