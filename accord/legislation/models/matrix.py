"""The conformity matrix: one cell per (model act, provision, member state). A cell is its
state's data: owned by the state, edited only by it; the Secretariat of the assembly sees
every cell (as a participant of every matrix), clearance permitting."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.core.models import MarkedModel, Party, Release, VersionedModel
from accord.legislation.models.acts import EID, ModelAct
from accord.legislation.models.national import NationalAct


class CellStatus(models.TextChoices):
    TRANSPOSED = "transposed", _("Transposed")
    WITH_CHANGES = "with_changes", _("Transposed with changes")
    PARTIALLY = "partially", _("Partially transposed")
    NOT_TRANSPOSED = "not_transposed", _("Not transposed")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")
    UNKNOWN = "unknown", _("Unknown")


class ConformityCell(MarkedModel, VersionedModel):
    """How a state took up one provision of a model act."""

    act = models.ForeignKey(
        ModelAct, on_delete=models.PROTECT, related_name="cells", verbose_name=_("model act")
    )
    provision_eid = models.CharField(_("provision id"), max_length=100, validators=[EID])
    status = models.CharField(
        _("status"), max_length=16, choices=CellStatus.choices, default=CellStatus.UNKNOWN
    )
    national_act = models.ForeignKey(
        NationalAct,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cells",
        verbose_name=_("national act"),
    )
    national_provisions = models.CharField(
        _("national provisions cited"), max_length=300, blank=True
    )
    enacted_on = models.DateField(_("enacted on"), null=True, blank=True)
    in_force_on = models.DateField(_("in force from"), null=True, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    deviation_note = models.TextField(_("deviation note"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("conformity cell")
        verbose_name_plural = _("conformity cells")
        ordering = ["act", "provision_eid", "owner"]
        constraints = [
            models.UniqueConstraint(
                fields=["act", "provision_eid", "owner"], name="legislation_cell_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.act.number} {self.provision_eid} {self.owner.code}"

    @classmethod
    def participant_q(cls, party: Party) -> models.Q | None:
        """The Secretariat of the assembly keeps the matrix: it sees every cell."""
        if party is not None and party.is_secretariat:
            return models.Q(pk__isnull=False)
        return None

    def clean(self) -> None:
        errors = {}
        if self.in_force_on and self.enacted_on and self.in_force_on < self.enacted_on:
            errors["in_force_on"] = _("A provision cannot enter into force before it is enacted.")
        if self.in_force_on and not self.enacted_on:
            errors["enacted_on"] = _("Give the date of enactment too.")
        if self.status == CellStatus.WITH_CHANGES and not self.deviation_note.strip():
            errors["deviation_note"] = _("Say how the national text departs from the model.")
        if errors:
            raise ValidationError(errors)


DEFAULT_CELL_RELEASE = Release.MEMBERS
