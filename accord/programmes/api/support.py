"""Support requests and offers through the API. A request the reader may not see
answers 404; an offer is reached through its request."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core.api.errors import error_responses
from accord.core.api.filters import filter_parameters, filter_query
from accord.core.api.pagination import Pagination, paginated
from accord.core.audit import record_view
from accord.core.errors import ValidationFailed
from accord.core.permissions import acting_user
from accord.programmes import selectors, services
from accord.programmes.api import serializers as s
from accord.programmes.api.filters import SupportRequestFilter


def _valid(serializer_class: Any, request: Request) -> dict[str, Any]:
    data = serializer_class(data=request.data)
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)


class SupportListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=filter_parameters(SupportRequestFilter),
        responses={200: s.SupportRequestOutput(many=True), **error_responses(400)},
        summary="The support requests I may see",
    )
    def get(self, request: Request) -> Response:
        filters = filter_query(SupportRequestFilter, request)
        rows = filters.filter_queryset(selectors.support_request_list(actor=acting_user(request)))
        return paginated(self, request, rows, s.SupportRequestOutput)

    @extend_schema(
        request=s.SupportRequestInput,
        responses={201: s.SupportRequestOutput, **error_responses(400, 403)},
        summary="Ask for support of one of the six kinds",
    )
    def post(self, request: Request) -> Response:
        fields = _valid(s.SupportRequestInput, request)
        row = services.support_request_create(
            actor=acting_user(request), released_to=fields.pop("released_to", None), **fields
        )
        return Response(s.SupportRequestOutput(row).data, status=status.HTTP_201_CREATED)


class SupportDetailApi(APIView):
    @extend_schema(
        responses={200: s.SupportRequestDetailOutput, **error_responses(404)},
        summary="One support request, with its offers",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        row = selectors.support_request_get(actor=actor, pk=pk)
        record_view(actor=actor, obj=row)
        return Response(s.SupportRequestDetailOutput(row).data)


class SupportOfferApi(APIView):
    @extend_schema(
        request=s.OfferInput,
        responses={201: s.OfferOutput, **error_responses(400, 403, 404, 409)},
        summary="Offer support to a request",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        row = selectors.support_request_get(actor=actor, pk=pk)
        offer = services.offer_make(actor=actor, request=row, **_valid(s.OfferInput, request))
        return Response(s.OfferOutput(offer).data, status=status.HTTP_201_CREATED)


class SupportAcceptApi(APIView):
    @extend_schema(
        request=s.OfferActionInput,
        responses={200: s.OfferOutput, **error_responses(400, 403, 404, 409)},
        summary="Accept an offer (the requesting party)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        row = selectors.support_request_get(actor=actor, pk=pk)
        fields = _valid(s.OfferActionInput, request)
        offer = selectors.offer_get(request=row, pk=fields["offer"])
        return Response(s.OfferOutput(services.offer_accept(actor=actor, offer=offer)).data)


class SupportDeliverApi(APIView):
    @extend_schema(
        request=s.OfferActionInput,
        responses={200: s.OfferOutput, **error_responses(400, 403, 404, 409)},
        summary="Record delivery of an accepted offer",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        row = selectors.support_request_get(actor=actor, pk=pk)
        fields = _valid(s.OfferActionInput, request)
        if "delivered_on" not in fields:
            raise ValidationFailed.single("delivered_on", s.REQUIRED)
        offer = selectors.offer_get(request=row, pk=fields["offer"])
        done = services.offer_deliver(
            actor=actor, offer=offer, delivered_on=fields["delivered_on"], note=fields["note"]
        )
        return Response(s.OfferOutput(done).data)


class FulfilmentApi(APIView):
    @extend_schema(
        responses={200: dict, **error_responses()},
        summary="Support fulfilment per kind and requesting party",
    )
    def get(self, request: Request) -> Response:
        rows = selectors.fulfilment(actor=acting_user(request))
        return Response({"rows": [{**row, "kind_label": str(row["kind_label"])} for row in rows]})
