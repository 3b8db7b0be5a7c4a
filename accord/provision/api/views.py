"""The provision API: every step of the chain. Lists are paginated and filtered; a record
the reader may not see answers 404 like a missing one; a refused step answers 409 with
its reason, bad input 400 with the field named, a stale version 409."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core.api.errors import error_responses
from accord.core.api.filters import filter_parameters, filter_query
from accord.core.api.pagination import Pagination, paginated
from accord.core.audit import record_view
from accord.core.export_audit import records_own_export
from accord.core.guards import require_visible
from accord.core.permissions import acting_user
from accord.provision import selectors, services, tables
from accord.provision.api import serializers as s
from accord.provision.api.filters import (
    CommitmentFilter,
    RequirementFilter,
    RetransferFilter,
    ReturnFilter,
)
from accord.provision.models import Commitment, Inspection, Requirement


def _data(serializer: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    data = serializer(data=request.data)
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)


def _commitment(request: Request, pk: int, code: int = 200) -> Response:
    actor = acting_user(request)
    commitment = selectors.commitment_get(actor=actor, pk=pk)
    return Response(s.CommitmentOutput(commitment, context={"actor": actor}).data, status=code)


WRITE_ERRORS = error_responses(400, 403, 404, 409)


# --- Requirements ----------------------------------------------------------------------------


class RequirementListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=filter_parameters(RequirementFilter),
        responses={200: s.RequirementOutput(many=True), **error_responses(400)},
        summary="The requirements I may see",
    )
    def get(self, request: Request) -> Response:
        filters = filter_query(RequirementFilter, request)
        rows = filters.filter_queryset(selectors.requirement_list(actor=acting_user(request)))
        return paginated(self, request, rows, s.RequirementOutput)

    @extend_schema(
        request=s.RequirementCreateInput,
        responses={201: s.RequirementOutput, **error_responses(400, 403)},
        summary="Record a requirement of the collective forces",
    )
    def post(self, request: Request) -> Response:
        fields = _data(s.RequirementCreateInput, request)
        requirement = services.requirement_create(
            actor=acting_user(request),
            receiving_parties=fields.pop("receiving_parties"),
            released_to=fields.pop("released_to", None),
            **fields,
        )
        return Response(s.RequirementOutput(requirement).data, status=status.HTTP_201_CREATED)


class RequirementDetailApi(APIView):
    @extend_schema(
        responses={200: s.RequirementOutput, **error_responses(404)}, summary="One requirement"
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        requirement = selectors.requirement_get(actor=actor, pk=pk)
        record_view(actor=actor, obj=requirement)
        return Response(s.RequirementOutput(requirement).data)

    @extend_schema(
        request=s.RequirementUpdateInput,
        responses={200: s.RequirementOutput, **WRITE_ERRORS},
        summary="Change a requirement; a stale version answers 409",
    )
    def patch(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        requirement = selectors.requirement_get(actor=actor, pk=pk)
        fields = _data(s.RequirementUpdateInput, request)
        requirement = services.requirement_update(
            actor=actor,
            requirement=requirement,
            version=fields.pop("version"),
            receiving_parties=fields.pop("receiving_parties", None),
            released_to=fields.pop("released_to", None),
            **fields,
        )
        return Response(s.RequirementOutput(requirement).data)


# --- Commitments -----------------------------------------------------------------------------


class CommitmentListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=filter_parameters(CommitmentFilter),
        responses={200: s.CommitmentRow(many=True), **error_responses(400)},
        summary="The commitments I may see",
    )
    def get(self, request: Request) -> Response:
        filters = filter_query(CommitmentFilter, request)
        rows = filters.filter_queryset(selectors.commitment_list(actor=acting_user(request)))
        return paginated(self, request, rows, s.CommitmentRow)

    @extend_schema(
        request=s.CommitmentCreateInput,
        responses={201: s.CommitmentOutput, **WRITE_ERRORS},
        summary="Commit my party against a requirement",
    )
    def post(self, request: Request) -> Response:
        from accord.expertise.models import SystemVersion

        actor = acting_user(request)
        fields = _data(s.CommitmentCreateInput, request)
        requirement = require_visible(Requirement, fields.pop("requirement"), actor)
        pk = fields.pop("system_version")
        version = SystemVersion.objects.filter(pk=pk).first()
        if version is None:
            from django.utils.translation import gettext_lazy as _

            from accord.core.errors import ValidationFailed

            raise ValidationFailed.single("system_version", _("No such system in the register."))
        commitment = services.commitment_create(
            actor=actor,
            requirement=requirement,
            system_version=version,
            released_to=fields.pop("released_to", None),
            **fields,
        )
        return _commitment(request, commitment.pk, 201)


class CommitmentDetailApi(APIView):
    @extend_schema(
        responses={200: s.CommitmentOutput, **error_responses(404)},
        summary="One commitment with its whole chain",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        commitment = selectors.commitment_get(actor=actor, pk=pk)
        record_view(actor=actor, obj=commitment)
        return Response(s.CommitmentOutput(commitment, context={"actor": actor}).data)

    @extend_schema(
        request=s.CommitmentUpdateInput,
        responses={200: s.CommitmentOutput, **WRITE_ERRORS},
        summary="Change a commitment before the legal gate",
    )
    def patch(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        commitment = selectors.commitment_get(actor=actor, pk=pk)
        fields = _data(s.CommitmentUpdateInput, request)
        services.commitment_update(
            actor=actor,
            commitment=commitment,
            version=fields.pop("version"),
            released_to=fields.pop("released_to", None),
            **fields,
        )
        return _commitment(request, pk)


class CommitmentGateApi(APIView):
    @extend_schema(
        request=None,
        responses={200: s.CommitmentOutput, **WRITE_ERRORS},
        summary="Pass the legal gate (a refusal is recorded with its reasons)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        services.commitment_gate(
            actor=actor, commitment=selectors.commitment_get(actor=actor, pk=pk)
        )
        return _commitment(request, pk)


class CommitmentAuthorisationsApi(APIView):
    @extend_schema(
        request=s.AuthorisationInput,
        responses={201: s.CommitmentOutput, **WRITE_ERRORS},
        summary="Record the national authorisation",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        commitment = selectors.commitment_get(actor=actor, pk=pk)
        services.authorisation_record(
            actor=actor, commitment=commitment, **_data(s.AuthorisationInput, request)
        )
        return _commitment(request, pk, 201)


class CommitmentCertificatesApi(APIView):
    @extend_schema(
        request=s.CertificateInput,
        responses={201: s.CommitmentOutput, **WRITE_ERRORS},
        summary="Record the end-user certificate (the document's SHA-256 kept)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        commitment = selectors.commitment_get(actor=actor, pk=pk)
        fields = _data(s.CertificateInput, request)
        services.certificate_record(
            actor=actor, commitment=commitment, document=fields.pop("document", None), **fields
        )
        return _commitment(request, pk, 201)


class CommitmentConsignmentsApi(APIView):
    @extend_schema(
        request=s.ConsignmentInput,
        responses={201: s.CommitmentOutput, **WRITE_ERRORS},
        summary="Dispatch a consignment (needs valid papers, no hold)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        commitment = selectors.commitment_get(actor=actor, pk=pk)
        services.consignment_record(
            actor=actor, commitment=commitment, **_data(s.ConsignmentInput, request)
        )
        return _commitment(request, pk, 201)


class CommitmentChecksApi(APIView):
    @extend_schema(
        request=s.CheckInput,
        responses={201: s.CommitmentOutput, **WRITE_ERRORS},
        summary="Schedule an end-use check",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        commitment = selectors.commitment_get(actor=actor, pk=pk)
        services.check_schedule(actor=actor, commitment=commitment, **_data(s.CheckInput, request))
        return _commitment(request, pk, 201)


# --- Consignments, lines, inspections ----------------------------------------------------


class ConsignmentLinesApi(APIView):
    @extend_schema(
        request=s.LineInput,
        responses={201: s.CommitmentOutput, **WRITE_ERRORS},
        summary="Add a line to a consignment in transit",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        consignment = selectors.consignment_get(actor=actor, pk=pk)
        fields = _data(s.LineInput, request)
        fields["identifiers"] = [dict(pair) for pair in fields["identifiers"]]
        services.line_add(actor=actor, consignment=consignment, **fields)
        return _commitment(request, consignment.commitment_id, 201)


class ConsignmentDeliverApi(APIView):
    @extend_schema(
        request=s.DeliverInput,
        responses={200: s.CommitmentOutput, **WRITE_ERRORS},
        summary="Record the consignment's delivery",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        consignment = selectors.consignment_get(actor=actor, pk=pk)
        services.consignment_deliver(
            actor=actor, consignment=consignment, **_data(s.DeliverInput, request)
        )
        return _commitment(request, consignment.commitment_id)


class ConsignmentInspectionsApi(APIView):
    @extend_schema(
        request=s.InspectionInput,
        responses={201: s.InspectionOutput, **WRITE_ERRORS},
        summary="Record an acceptance inspection (or one superseding a signed one)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        consignment = selectors.consignment_get(actor=actor, pk=pk)
        fields = _data(s.InspectionInput, request)
        supersedes = fields.pop("supersedes", None)
        if supersedes is not None:
            supersedes = selectors.inspection_get(actor=actor, pk=supersedes)
        inspection = services.inspection_record(
            actor=actor, consignment=consignment, supersedes=supersedes, **fields
        )
        return Response(s.InspectionOutput(inspection).data, status=status.HTTP_201_CREATED)


class LineRegisterApi(APIView):
    @extend_schema(
        request=None,
        responses={200: s.LineOutput, **WRITE_ERRORS},
        summary="Enter the line's serials into my party's item register (title holder)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        line = selectors.line_get(actor=actor, pk=pk)
        services.line_items_register(actor=actor, line=line)
        line.refresh_from_db()
        return Response(s.LineOutput(line).data)


class InspectionDetailApi(APIView):
    @extend_schema(
        responses={200: s.InspectionOutput, **error_responses(404)}, summary="One inspection"
    )
    def get(self, request: Request, pk: int) -> Response:
        inspection = selectors.inspection_get(actor=acting_user(request), pk=pk)
        return Response(s.InspectionOutput(inspection).data)

    @extend_schema(
        request=s.InspectionUpdateInput,
        responses={200: s.InspectionOutput, **WRITE_ERRORS},
        summary="Correct an unsigned inspection (a signed one answers 409)",
    )
    def patch(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        inspection = selectors.inspection_get(actor=actor, pk=pk)
        inspection = services.inspection_update(
            actor=actor, inspection=inspection, **_data(s.InspectionUpdateInput, request)
        )
        return Response(s.InspectionOutput(inspection).data)


class InspectionSignApi(APIView):
    @extend_schema(
        request=None,
        responses={200: s.InspectionOutput, **WRITE_ERRORS},
        summary="Sign an inspection for my side",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        inspection: Inspection = selectors.inspection_get(actor=actor, pk=pk)
        inspection = services.inspection_sign(actor=actor, inspection=inspection)
        return Response(s.InspectionOutput(inspection).data)


class DiscrepancyApi(APIView):
    @extend_schema(
        request=s.DiscrepancyInput,
        responses={200: s.DiscrepancyOutput, **WRITE_ERRORS},
        summary="Move a discrepancy report on",
    )
    def patch(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        discrepancy = selectors.discrepancy_get(actor=actor, pk=pk)
        discrepancy = services.discrepancy_advance(
            actor=actor, discrepancy=discrepancy, **_data(s.DiscrepancyInput, request)
        )
        return Response(s.DiscrepancyOutput(discrepancy).data)


class CheckRateApi(APIView):
    @extend_schema(
        request=s.RateInput,
        responses={200: s.CommitmentOutput, **WRITE_ERRORS},
        summary="Rate an end-use check, with a written justification",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        check = selectors.check_get(actor=actor, pk=pk)
        services.check_rate(actor=actor, check=check, **_data(s.RateInput, request))
        return _commitment(request, check.commitment_id)


class HoldLiftApi(APIView):
    @extend_schema(
        request=s.HoldLiftInput,
        responses={200: s.CommitmentOutput, **WRITE_ERRORS},
        summary="Lift a delivery hold by a decision",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        hold = selectors.hold_get(actor=actor, pk=pk)
        services.hold_lift(actor=actor, hold=hold, **_data(s.HoldLiftInput, request))
        return _commitment(request, hold.check_record.commitment_id)


# --- Retransfers -----------------------------------------------------------------------------


class RetransferListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=filter_parameters(RetransferFilter),
        responses={200: s.RetransferOutput(many=True), **error_responses(400)},
        summary="The retransfer requests I may see",
    )
    def get(self, request: Request) -> Response:
        filters = filter_query(RetransferFilter, request)
        rows = filters.filter_queryset(selectors.retransfer_list(actor=acting_user(request)))
        return paginated(self, request, rows, s.RetransferOutput)

    @extend_schema(
        request=s.RetransferInput,
        responses={201: s.RetransferOutput, **WRITE_ERRORS},
        summary="Ask to retransfer delivered items",
    )
    def post(self, request: Request) -> Response:
        actor = acting_user(request)
        fields = _data(s.RetransferInput, request)
        commitment = require_visible(Commitment, fields.pop("commitment"), actor)
        made = services.retransfer_request(actor=actor, commitment=commitment, **fields)
        return Response(s.RetransferOutput(made).data, status=status.HTTP_201_CREATED)


class RetransferDetailApi(APIView):
    @extend_schema(
        responses={200: s.RetransferOutput, **error_responses(404)}, summary="One request"
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        made = selectors.retransfer_get(actor=actor, pk=pk)
        record_view(actor=actor, obj=made)
        return Response(s.RetransferOutput(made).data)


class RetransferConsentApi(APIView):
    @extend_schema(
        request=s.ConsentInput,
        responses={200: s.RetransferOutput, **WRITE_ERRORS},
        summary="The supplier's written consent or refusal",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        made = selectors.retransfer_get(actor=actor, pk=pk)
        made = services.retransfer_consent(
            actor=actor, request=made, **_data(s.ConsentInput, request)
        )
        return Response(s.RetransferOutput(made).data)


class RetransferCompleteApi(APIView):
    @extend_schema(
        request=s.CompleteInput,
        responses={200: s.RetransferOutput, **WRITE_ERRORS},
        summary="Move the items (only within the consent, for preferential terms)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        made = selectors.retransfer_get(actor=actor, pk=pk)
        made = services.retransfer_complete(
            actor=actor, request=made, **_data(s.CompleteInput, request)
        )
        return Response(s.RetransferOutput(made).data)


# --- Returns ---------------------------------------------------------------------------------


class ReturnListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=filter_parameters(ReturnFilter),
        responses={200: s.ReturnOutput(many=True), **error_responses(400)},
        summary="The returns I may see",
    )
    def get(self, request: Request) -> Response:
        filters = filter_query(ReturnFilter, request)
        rows = filters.filter_queryset(selectors.return_list(actor=acting_user(request)))
        return paginated(self, request, rows, s.ReturnOutput)

    @extend_schema(
        request=s.ReturnInput,
        responses={201: s.ReturnOutput, **WRITE_ERRORS},
        summary="Prepare (or refresh) my party's draft return for a year",
    )
    def post(self, request: Request) -> Response:
        ret = services.return_prepare(actor=acting_user(request), **_data(s.ReturnInput, request))
        return Response(s.ReturnOutput(ret).data, status=status.HTTP_201_CREATED)


class ReturnDetailApi(APIView):
    @extend_schema(responses={200: s.ReturnOutput, **error_responses(404)}, summary="One return")
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        ret = selectors.return_get(actor=actor, pk=pk)
        record_view(actor=actor, obj=ret)
        return Response(s.ReturnOutput(ret).data)


class ReturnSubmitApi(APIView):
    @extend_schema(
        request=s.ReturnSubmitInput,
        responses={200: s.ReturnOutput, **WRITE_ERRORS},
        summary="Submit a draft return (final)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        ret = selectors.return_get(actor=actor, pk=pk)
        ret = services.return_submit(actor=actor, ret=ret, **_data(s.ReturnSubmitInput, request))
        return Response(s.ReturnOutput(ret).data)


# --- Disposal, manual discrepancy reports, return sections ------------------------------------


class CommitmentDisposalsApi(APIView):
    @extend_schema(
        request={"multipart/form-data": s.DisposalInput, "application/json": s.DisposalInput},
        responses={201: s.CommitmentOutput, **WRITE_ERRORS},
        summary="Record the disposal or return of delivered items (closes their obligations)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        commitment = selectors.commitment_get(actor=actor, pk=pk)
        fields = _data(s.DisposalInput, request)
        services.disposal_record(
            actor=actor,
            commitment=commitment,
            certificate=fields.pop("certificate", None),
            **fields,
        )
        return _commitment(request, pk, 201)


class InspectionDiscrepanciesApi(APIView):
    @extend_schema(
        request=s.DiscrepancyReportInput,
        responses={201: s.DiscrepancyOutput, **WRITE_ERRORS},
        summary="Open a discrepancy report by hand (wrong item or documentation)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        inspection = selectors.inspection_get(actor=actor, pk=pk)
        discrepancy = services.discrepancy_report(
            actor=actor, inspection=inspection, **_data(s.DiscrepancyReportInput, request)
        )
        return Response(s.DiscrepancyOutput(discrepancy).data, status=status.HTTP_201_CREATED)


class ReturnSectionsApi(APIView):
    @extend_schema(
        request=s.ReturnSectionsInput,
        responses={200: s.ReturnOutput, **WRITE_ERRORS},
        summary="Fill the optional UNROCA sections (holdings, national production) of a draft",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        ret = selectors.return_get(actor=actor, pk=pk)
        fields = _data(s.ReturnSectionsInput, request)
        ret = services.return_sections(
            actor=actor,
            ret=ret,
            version=fields["version"],
            holdings=[dict(r) for r in fields.get("holdings") or []],
            production=[dict(r) for r in fields.get("production") or []],
        )
        return Response(s.ReturnOutput(ret).data)


# --- Exports: every table as CSV or XLSX, the whole module as JSON (and its re-import) -------

XLSX_TYPE = tables.XLSX_TYPE
_CODE = OpenApiParameter("code", str, OpenApiParameter.PATH, enum=tables.TABLE_CODES)


class ExportListApi(APIView):
    @extend_schema(
        responses=s.ExportTableOutput(many=True),
        summary="The tables I can export (each has the rows I may see)",
    )
    def get(self, request: Request) -> Response:
        rows = [
            {"code": code, "columns": tables.columns(model)} for code, model, _path in tables.TABLES
        ]
        return Response(s.ExportTableOutput(rows, many=True).data)


@records_own_export
class ExportCsvApi(APIView):
    @extend_schema(
        parameters=[_CODE],
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY), **error_responses(404)},
        summary="One table as CSV (UTF-8 with BOM; codes, not labels)",
    )
    def get(self, request: Request, code: str) -> Any:
        return tables.table_response(acting_user(request), code, "csv")


@records_own_export
class ExportXlsxApi(APIView):
    @extend_schema(
        parameters=[_CODE],
        responses={(200, XLSX_TYPE): OpenApiResponse(OpenApiTypes.BINARY), **error_responses(404)},
        summary="One table as an XLSX workbook",
    )
    def get(self, request: Request, code: str) -> Any:
        return tables.table_response(acting_user(request), code, "xlsx")


@records_own_export
class ModuleExportApi(APIView):
    @extend_schema(
        responses={(200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT)},
        summary="Every provision record I may see, as JSON that re-imports",
    )
    def get(self, request: Request) -> Any:
        return tables.module_response(acting_user(request))


class ModuleImportApi(APIView):
    @extend_schema(
        request=OpenApiTypes.OBJECT,
        responses={201: s.ImportOutput, **error_responses(400, 403)},
        summary="Restore a whole-module export into this database (administrators)",
    )
    def post(self, request: Request) -> Response:
        created = services.module_import(actor=acting_user(request), data=request.data)
        return Response({"created": created}, status=status.HTTP_201_CREATED)
