"""The harmonisation programmes through the API: list and create, one programme with
its items (each naming its model act only when the reader may see it), an item added or
changed, an item linked to its model act. The writes are the Secretariat drafters'
(403 otherwise); a missing programme, item or act is a 404."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core.api.errors import error_responses
from accord.core.api.fields import enum_field
from accord.core.errors import NotFound
from accord.core.permissions import acting_user
from accord.legislation import selectors, services
from accord.legislation.models import HarmonisationProgramme, ItemStatus, ProgrammeItem

ItemStatusField = enum_field("ProgrammeItemStatusEnum", ItemStatus.choices)
MAX_ID = 2**31 - 1


class HarmonisationProgrammeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    title_en = serializers.CharField()
    title_ru = serializers.CharField()
    first_year = serializers.IntegerField()
    last_year = serializers.IntegerField()
    adopted_on = serializers.DateField(allow_null=True)


class HarmonisationProgrammeItemOutput(serializers.Serializer):
    number = serializers.IntegerField()
    title_en = serializers.CharField()
    title_ru = serializers.CharField()
    planned_year = serializers.IntegerField(allow_null=True)
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    note = serializers.CharField()
    model_act = serializers.SerializerMethodField()

    def get_model_act(self, item: ProgrammeItem) -> int | None:
        visible = self.context.get("visible_acts", set())
        return item.model_act_id if item.model_act_id in visible else None


class HarmonisationProgrammeDetailOutput(HarmonisationProgrammeOutput):
    items = serializers.SerializerMethodField()

    def get_items(self, programme: HarmonisationProgramme) -> list[dict[str, Any]]:
        rows = selectors.items_of(programme, actor=self.context["actor"])
        visible = {act.pk for _item, act in rows if act is not None}
        return HarmonisationProgrammeItemOutput(  # type: ignore[return-value]
            [item for item, _act in rows], many=True, context={"visible_acts": visible}
        ).data


class HarmonisationProgrammeInput(serializers.Serializer):
    title_en = serializers.CharField(max_length=300)
    title_ru = serializers.CharField(max_length=300, required=False, allow_blank=True)
    first_year = serializers.IntegerField(min_value=1990, max_value=2100)
    last_year = serializers.IntegerField(min_value=1990, max_value=2100)
    adopted_on = serializers.DateField(required=False, allow_null=True)


class HarmonisationProgrammeItemInput(serializers.Serializer):
    number = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        required=False,
        help_text=_("The item to change; none to add one."),
    )
    title_en = serializers.CharField(max_length=300, required=False)
    title_ru = serializers.CharField(max_length=300, required=False, allow_blank=True)
    planned_year = serializers.IntegerField(
        min_value=1990, max_value=2100, required=False, allow_null=True
    )
    status = ItemStatusField(required=False)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "number" not in attrs and not attrs.get("title_en"):
            raise serializers.ValidationError({"title_en": _("This field is required.")})
        return attrs


class HarmonisationProgrammeLinkInput(serializers.Serializer):
    number = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    act = serializers.IntegerField(min_value=1, max_value=MAX_ID)


class ProgrammeListApi(APIView):
    @extend_schema(
        responses={200: HarmonisationProgrammeOutput(many=True)},
        summary="The assembly's harmonisation programmes",
    )
    def get(self, request: Request) -> Response:
        return Response(HarmonisationProgrammeOutput(selectors.programme_list(), many=True).data)

    @extend_schema(
        request=HarmonisationProgrammeInput,
        responses={201: HarmonisationProgrammeOutput, **error_responses(400, 403)},
        summary="Record a harmonisation programme (the Secretariat's parliamentary staff)",
    )
    def post(self, request: Request) -> Response:
        data = HarmonisationProgrammeInput(data=request.data)
        data.is_valid(raise_exception=True)
        programme = services.programme_create(actor=acting_user(request), **data.validated_data)
        return Response(
            HarmonisationProgrammeOutput(programme).data, status=status.HTTP_201_CREATED
        )


class ProgrammeDetailApi(APIView):
    @extend_schema(
        responses={200: HarmonisationProgrammeDetailOutput, **error_responses(404)},
        summary="One programme with its items",
    )
    def get(self, request: Request, pk: int) -> Response:
        programme = selectors.programme_get(pk)
        return Response(
            HarmonisationProgrammeDetailOutput(
                programme, context={"actor": acting_user(request)}
            ).data
        )


class ProgrammeItemApi(APIView):
    @extend_schema(
        request=HarmonisationProgrammeItemInput,
        responses={200: HarmonisationProgrammeItemOutput, **error_responses(400, 403, 404)},
        summary="Add an item to a programme, or change one (by its number)",
    )
    def post(self, request: Request, pk: int) -> Response:
        programme = selectors.programme_get(pk)
        data = HarmonisationProgrammeItemInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        actor = acting_user(request)
        item = services.item_save(
            actor=actor, programme=programme, number=fields.pop("number", None), **fields
        )
        visible = set(
            selectors.act_list(actor=actor)
            .filter(pk=item.model_act_id or 0)
            .values_list("pk", flat=True)
        )
        return Response(
            HarmonisationProgrammeItemOutput(item, context={"visible_acts": visible}).data
        )


class ProgrammeLinkApi(APIView):
    @extend_schema(
        request=HarmonisationProgrammeLinkInput,
        responses={200: HarmonisationProgrammeItemOutput, **error_responses(400, 403, 404)},
        summary="Link a programme item to the model act drafted from it",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        programme = selectors.programme_get(pk)
        data = HarmonisationProgrammeLinkInput(data=request.data)
        data.is_valid(raise_exception=True)
        item = programme.items.filter(number=data.validated_data["number"]).first()
        if item is None:
            raise NotFound()
        act = selectors.act_get(actor=actor, pk=data.validated_data["act"])
        item = services.item_link(actor=actor, item=item, act=act)
        return Response(
            HarmonisationProgrammeItemOutput(item, context={"visible_acts": {act.pk}}).data
        )
