"""Requests for information: from one party to others, with a due date; each answer
carries its own marking (an answer released to the requester only stays invisible to
the other addressees)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.core.models import MarkedModel, Party, VersionedModel


class InformationRequest(MarkedModel, VersionedModel):
    """A request for information of its owner party (the requester) to addressee
    parties, who take part in it (`participant_q`) and see it, clearance permitting."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("request", "Open")
        CLOSED = "closed", pgettext_lazy("request", "Closed")

    title = models.CharField(_("title"), max_length=300)
    question = models.TextField(_("question"))
    due_on = models.DateField(_("due"))
    addressees: models.ManyToManyField[Party, RequestAddressee] = models.ManyToManyField(
        Party, related_name="+", verbose_name=_("addressees"), through="RequestAddressee"
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    item = models.ForeignKey(
        "knowledge.KnowledgeItem",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("knowledge item made of it"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("request for information")
        verbose_name_plural = _("requests for information")
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def participant_q(cls, party: Party) -> Q | None:
        if party is None:
            return None
        return Q(pk__in=RequestAddressee.objects.filter(party=party).values("request_id"))


class RequestAddressee(models.Model):
    """A party a request is addressed to."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE)
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["request", "party"], name="knowledge_rfi_addressee")
        ]

    def __str__(self) -> str:
        return f"{self.request_id} → {self.party_id}"


class RequestAnswer(MarkedModel):
    """An addressee's answer, owned by the answering party and marked on its own: whoever
    sees the request sees only the answers whose marking lets them."""

    request = models.ForeignKey(
        InformationRequest,
        on_delete=models.PROTECT,
        related_name="answers",
        verbose_name=_("request"),
    )
    text = models.TextField(_("answer"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), auto_now_add=True)

    class Meta:
        verbose_name = _("answer to a request")
        verbose_name_plural = _("answers to requests")
        ordering = ["answered_at", "id"]

    def __str__(self) -> str:
        return self.text[:80]
