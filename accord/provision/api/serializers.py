"""What the provision API answers and accepts."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from accord.core.access import can_see
from accord.core.api.fields import enum_field, party_field
from accord.core.models import Classification, Release
from accord.provision.models import (
    Authorisation,
    Commitment,
    Discrepancy,
    Disposal,
    EndUseCheck,
    Requirement,
    Return,
    UnrocaCategory,
)

# The largest integer the database stores: a bigger id or version is a 400, not an overflow.
MAX_INT = 2_147_483_647


def _codes(parties: Any) -> list[str]:
    return sorted(p.code for p in parties.all())


class MarkingInput(serializers.Serializer):
    classification = serializers.ChoiceField(choices=Classification.choices, required=False)
    release = serializers.ChoiceField(choices=Release.choices, required=False)
    released_to = party_field(active_only=True, many=True, required=False)


class RequirementOutput(serializers.Serializer):
    id = serializers.IntegerField()
    owner = serializers.CharField(source="owner.code")
    reference = serializers.CharField()
    capability = serializers.CharField()
    quantity = serializers.IntegerField()
    needed_by = serializers.DateField()
    justification = serializers.CharField()
    receiving_parties = serializers.SerializerMethodField()
    state = serializers.CharField()
    classification = serializers.IntegerField()
    release = serializers.CharField()
    released_to = serializers.SerializerMethodField()
    version = serializers.IntegerField()

    def get_receiving_parties(self, obj: Requirement) -> list[str]:
        return _codes(obj.receiving_parties)

    def get_released_to(self, obj: Requirement) -> list[str]:
        return _codes(obj.released_to)


class RequirementUpdateInput(MarkingInput):
    version = serializers.IntegerField(
        max_value=MAX_INT, help_text=_("The version you read; a stale one answers 409.")
    )
    capability = serializers.CharField(required=False)
    quantity = serializers.IntegerField(max_value=MAX_INT, min_value=1, required=False)
    needed_by = serializers.DateField(required=False)
    justification = serializers.CharField(required=False, allow_blank=True)
    receiving_parties = party_field(active_only=True, many=True, required=False)


class RequirementCreateInput(RequirementUpdateInput):
    version = None  # type: ignore[assignment]
    capability = serializers.CharField()
    quantity = serializers.IntegerField(max_value=MAX_INT, min_value=1)
    needed_by = serializers.DateField()
    receiving_parties = party_field(active_only=True, many=True)


class CommitmentRow(serializers.Serializer):
    id = serializers.IntegerField()
    owner = serializers.CharField(source="owner.code")
    requirement = serializers.IntegerField(source="requirement_id")
    requirement_reference = serializers.CharField(source="requirement.reference")
    system_version = serializers.IntegerField(source="system_version_id")
    quantity = serializers.IntegerField()
    terms = serializers.CharField()
    title_passes = serializers.BooleanField()
    title_to = serializers.CharField(source="title_to.code", allow_null=True, default=None)
    planned_from = serializers.DateField(allow_null=True)
    planned_until = serializers.DateField(allow_null=True)
    price_basis = serializers.CharField()
    state = serializers.CharField()
    state_label = serializers.CharField(source="get_state_display")
    gate_reasons = serializers.JSONField()
    assurances = serializers.JSONField()
    hold_reasons = serializers.JSONField()
    classification = serializers.IntegerField()
    release = serializers.CharField()
    released_to = serializers.SerializerMethodField()
    version = serializers.IntegerField()

    def get_released_to(self, obj: Commitment) -> list[str]:
        return _codes(obj.released_to)


class AuthorisationOutput(serializers.ModelSerializer):
    class Meta:
        model = Authorisation
        exclude = ("commitment", "recorded_by")


class LineOutput(serializers.Serializer):
    id = serializers.IntegerField()
    identifiers = serializers.JSONField()
    description = serializers.CharField()
    category = serializers.CharField()
    quantity = serializers.IntegerField()
    serials = serializers.JSONField()
    lot = serializers.CharField()
    value = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    currency = serializers.CharField()
    physical_location = serializers.CharField()
    title_holder = serializers.CharField(source="title_holder.code")
    operational_controller = serializers.CharField(source="operational_controller.code")
    withheld = serializers.BooleanField()
    register_items = serializers.JSONField()


class DiscrepancyOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    serials = serializers.JSONField()
    quantity = serializers.IntegerField()
    due_on = serializers.DateField()
    description = serializers.CharField()
    state = serializers.CharField()
    resolution = serializers.CharField()
    version = serializers.IntegerField()


class InspectionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    consignment = serializers.IntegerField(source="consignment_id")
    inspected_on = serializers.DateField()
    received_serials = serializers.JSONField()
    damaged_serials = serializers.JSONField()
    received_unserialised = serializers.IntegerField()
    result = serializers.JSONField()
    notes = serializers.CharField()
    state = serializers.CharField()
    supersedes = serializers.IntegerField(source="supersedes_id", allow_null=True)
    supplier_signed_at = serializers.DateTimeField(allow_null=True)
    recipient_signed_at = serializers.DateTimeField(allow_null=True)
    discrepancies = DiscrepancyOutput(many=True)


class ConsignmentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    dispatched_on = serializers.DateField()
    delivered_on = serializers.DateField(allow_null=True)
    state = serializers.CharField()
    lines = LineOutput(many=True)
    inspections = InspectionOutput(many=True)


class CheckOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    risk = serializers.CharField()
    due_on = serializers.DateField()
    done_on = serializers.DateField(allow_null=True)
    rating = serializers.CharField()
    justification = serializers.CharField()
    closed_reason = serializers.CharField()
    hold = serializers.SerializerMethodField()

    def get_hold(self, obj: EndUseCheck) -> dict[str, Any] | None:
        hold = getattr(obj, "hold", None)
        if hold is None:
            return None
        return {
            "id": hold.pk,
            "end_user": hold.end_user.code,
            "category": hold.category,
            "lifted": hold.lifted_at is not None,
        }


class DisposalOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    method = serializers.CharField()
    done_on = serializers.DateField()
    serials = serializers.ListField(child=serializers.CharField())
    quantity = serializers.IntegerField()
    witnesses = serializers.SerializerMethodField()
    certificate_name = serializers.CharField()
    certificate_sha256 = serializers.CharField()
    notes = serializers.CharField()

    def get_witnesses(self, obj: Disposal) -> list[str]:
        return _codes(obj.witnesses)


class CommitmentOutput(CommitmentRow):
    requirement_capability = serializers.SerializerMethodField()
    system = serializers.SerializerMethodField()
    authorisations = AuthorisationOutput(many=True)
    certificates = serializers.SerializerMethodField()
    consignments = ConsignmentOutput(many=True)
    checks = CheckOutput(many=True)
    disposals = DisposalOutput(many=True)

    def get_requirement_capability(self, obj: Commitment) -> str | None:
        actor = self.context.get("actor")
        return obj.requirement.capability if can_see(actor, obj.requirement) else None

    def get_system(self, obj: Commitment) -> str | None:
        actor = self.context.get("actor")
        system = obj.system_version.system
        return str(system.designation) if can_see(actor, system) else None

    def get_certificates(self, obj: Commitment) -> list[dict[str, Any]]:
        return [
            {
                "id": c.pk,
                "register_number": c.register_number,
                "issued_on": c.issued_on,
                "expires_on": c.expires_on,
                "issuing_authority": c.issuing_authority,
                "signatory": c.signatory,
                "end_user": c.end_user.code,
                "end_user_unit": c.end_user_unit,
                "end_use_statement": c.end_use_statement,
                "reexport_clause": c.reexport_clause,
                "consent_to_checks": c.consent_to_checks,
                "document_sha256": c.document_sha256,
            }
            for c in obj.certificates.all()
        ]


class CommitmentUpdateInput(MarkingInput):
    version = serializers.IntegerField(max_value=MAX_INT)
    quantity = serializers.IntegerField(max_value=MAX_INT, min_value=1, required=False)
    terms = enum_field("CommitmentTerms", Commitment.Terms.choices)(required=False)
    title_passes = serializers.BooleanField(required=False)
    title_to = party_field(active_only=True, required=False, allow_null=True)
    planned_from = serializers.DateField(required=False, allow_null=True)
    planned_until = serializers.DateField(required=False, allow_null=True)
    price_basis = serializers.CharField(required=False, allow_blank=True)


class CommitmentCreateInput(CommitmentUpdateInput):
    version = None  # type: ignore[assignment]
    requirement = serializers.IntegerField(max_value=MAX_INT)
    system_version = serializers.IntegerField(max_value=MAX_INT)
    quantity = serializers.IntegerField(max_value=MAX_INT, min_value=1)
    terms = enum_field("CommitmentTerms", Commitment.Terms.choices)()


class AuthorisationInput(serializers.Serializer):
    number = serializers.CharField(max_length=100)
    authority = serializers.CharField(max_length=200)
    valid_from = serializers.DateField()
    valid_until = serializers.DateField()
    items = serializers.CharField()
    conditions = serializers.CharField(required=False, allow_blank=True)
    risk_assessment = serializers.CharField()
    decision = enum_field("AuthorisationDecision", Authorisation.Decision.choices)()
    reasons = serializers.CharField()


class CertificateInput(serializers.Serializer):
    register_number = serializers.CharField(max_length=100)
    issued_on = serializers.DateField()
    expires_on = serializers.DateField()
    issuing_authority = serializers.CharField(max_length=200)
    signatory = serializers.CharField(max_length=200)
    end_user = party_field(active_only=True)
    end_user_unit = serializers.CharField(max_length=200)
    end_use_statement = serializers.CharField()
    reexport_clause = serializers.CharField()
    consent_to_checks = serializers.BooleanField(required=False)
    document = serializers.FileField(required=False)


class ConsignmentInput(serializers.Serializer):
    reference = serializers.CharField(max_length=60)
    dispatched_on = serializers.DateField()


class IdentifierInput(serializers.Serializer):
    scheme = serializers.CharField(max_length=40)
    value = serializers.CharField(max_length=100)


class LineInput(serializers.Serializer):
    identifiers = IdentifierInput(many=True)
    description = serializers.CharField(max_length=300)
    category = enum_field("UnrocaCategory", UnrocaCategory.choices)()
    quantity = serializers.IntegerField(max_value=MAX_INT, min_value=1)
    serials = serializers.ListField(child=serializers.CharField(max_length=100), required=False)
    lot = serializers.CharField(max_length=100, required=False, allow_blank=True)
    value = serializers.DecimalField(max_digits=16, decimal_places=2, required=False)
    currency = serializers.CharField(max_length=3, required=False, allow_blank=True)
    physical_location = serializers.CharField(max_length=200, required=False, allow_blank=True)
    title_holder = party_field(active_only=True)
    operational_controller = party_field(active_only=True)
    withheld = serializers.BooleanField(required=False)


class DeliverInput(serializers.Serializer):
    delivered_on = serializers.DateField()


class InspectionInput(serializers.Serializer):
    inspected_on = serializers.DateField()
    received_serials = serializers.ListField(child=serializers.CharField(), required=False)
    damaged_serials = serializers.ListField(child=serializers.CharField(), required=False)
    received_unserialised = serializers.IntegerField(max_value=MAX_INT, min_value=0, required=False)
    notes = serializers.CharField(required=False, allow_blank=True)
    supersedes = serializers.IntegerField(max_value=MAX_INT, required=False)


class InspectionUpdateInput(serializers.Serializer):
    received_serials = serializers.ListField(child=serializers.CharField(), required=False)
    damaged_serials = serializers.ListField(child=serializers.CharField(), required=False)
    notes = serializers.CharField(required=False, allow_blank=True)


class DiscrepancyInput(serializers.Serializer):
    version = serializers.IntegerField(max_value=MAX_INT)
    state = enum_field("DiscrepancyState", Discrepancy.State.choices)()
    resolution = serializers.CharField(required=False, allow_blank=True)


class DiscrepancyReportInput(serializers.Serializer):
    kind = enum_field(
        "ManualDiscrepancyKind",
        [(k.value, k.label) for k in (Discrepancy.Kind.WRONG_ITEM, Discrepancy.Kind.DOCUMENTATION)],
    )()
    description = serializers.CharField()
    serials = serializers.ListField(
        child=serializers.CharField(max_length=100), required=False, max_length=10000
    )
    quantity = serializers.IntegerField(min_value=0, max_value=1_000_000, required=False)


class DisposalInput(serializers.Serializer):
    kind = enum_field("DisposalKind", Disposal.Kind.choices)()
    method = serializers.CharField(max_length=300)
    done_on = serializers.DateField()
    witnesses = serializers.ListField(child=party_field(active_only=True), min_length=1)
    serials = serializers.ListField(
        child=serializers.CharField(max_length=100), required=False, max_length=100000
    )
    quantity = serializers.IntegerField(min_value=0, max_value=1_000_000, required=False)
    certificate = serializers.FileField(required=False)
    notes = serializers.CharField(required=False, allow_blank=True)


class CheckInput(serializers.Serializer):
    kind = enum_field("EndUseCheckKind", EndUseCheck.Kind.choices)()
    risk = enum_field("EndUseRisk", EndUseCheck.Risk.choices)()
    due_on = serializers.DateField()


class RateInput(serializers.Serializer):
    rating = enum_field("EndUseRating", EndUseCheck.Rating.choices)()
    justification = serializers.CharField(allow_blank=True)
    done_on = serializers.DateField()


class HoldLiftInput(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True)


class RetransferOutput(serializers.Serializer):
    id = serializers.IntegerField()
    owner = serializers.CharField(source="owner.code")
    commitment = serializers.IntegerField(source="commitment_id")
    serials = serializers.JSONField()
    recipient = serializers.CharField(source="recipient.code")
    purpose = serializers.CharField()
    state = serializers.CharField()
    consent_text = serializers.CharField()
    consented_serials = serializers.JSONField()
    moved_serials = serializers.JSONField()
    classification = serializers.IntegerField()
    release = serializers.CharField()
    version = serializers.IntegerField()


class RetransferInput(serializers.Serializer):
    commitment = serializers.IntegerField(max_value=MAX_INT)
    serials = serializers.ListField(child=serializers.CharField(max_length=100))
    recipient = party_field(active_only=True)
    purpose = serializers.CharField()


class ConsentInput(serializers.Serializer):
    version = serializers.IntegerField(max_value=MAX_INT)
    consent = serializers.BooleanField()
    text = serializers.CharField(allow_blank=True)
    serials = serializers.ListField(child=serializers.CharField(), required=False)


class CompleteInput(serializers.Serializer):
    version = serializers.IntegerField(max_value=MAX_INT)
    serials = serializers.ListField(child=serializers.CharField())
    recipient = party_field(active_only=True)


class ReturnOutput(serializers.Serializer):
    id = serializers.IntegerField()
    owner = serializers.CharField(source="owner.code")
    kind = serializers.CharField()
    year = serializers.IntegerField()
    state = serializers.CharField()
    basis = serializers.CharField()
    public = serializers.BooleanField()
    nil = serializers.BooleanField(source="is_nil")
    rows = serializers.JSONField()
    holdings = serializers.JSONField()
    production = serializers.JSONField()
    withheld_rows = serializers.SerializerMethodField()
    remarks = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    version = serializers.IntegerField()

    def get_withheld_rows(self, obj: Return) -> int:
        return sum(int(n) for n in obj.withheld)


class ReturnInput(serializers.Serializer):
    kind = enum_field("ReturnKind", Return.Kind.choices)()
    year = serializers.IntegerField(min_value=1992, max_value=2100)
    basis = enum_field("ReturnBasis", Return.Basis.choices)(required=False)
    public = serializers.BooleanField(required=False)
    remarks = serializers.CharField(required=False, allow_blank=True)


class ReturnSubmitInput(serializers.Serializer):
    version = serializers.IntegerField(max_value=MAX_INT)


class SectionRow(serializers.Serializer):
    category = enum_field("UnrocaCategory", UnrocaCategory.choices)()
    quantity = serializers.IntegerField(min_value=0, max_value=100_000_000)
    description = serializers.CharField(max_length=300, required=False, allow_blank=True)


class ReturnSectionsInput(serializers.Serializer):
    version = serializers.IntegerField(max_value=MAX_INT)
    holdings = SectionRow(many=True, required=False)
    production = SectionRow(many=True, required=False)


@extend_schema_serializer(component_name="ProvisionImportOutput")
class ImportOutput(serializers.Serializer):
    created = serializers.DictField(child=serializers.IntegerField())


class ExportTableOutput(serializers.Serializer):
    code = serializers.CharField()
    columns = serializers.ListField(child=serializers.CharField())
