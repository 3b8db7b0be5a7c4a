"""The user's notifications: a page (unread first), marking them read, opening one, and
the same over the API. A notification belongs to its recipient alone: any other user's
notification answers 404. Marking read is the recipient's own inbox state, not a change to
a record, so it is not an audit event.

Also `unread_notifications`, a context processor giving the unread count to the base
template's navigation.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core.api.errors import error_responses
from accord.core.api.filters import (
    SELECTOR,
    BooleanFilter,
    FilterSet,
    filter_parameters,
    filter_query,
)
from accord.core.api.pagination import Pagination, paginated
from accord.core.errors import NotFound
from accord.core.models import Notification

PAGE_SIZE = 30


# --- Reads and writes -------------------------------------------------------------------------


def notification_list(*, user: Any, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's own notifications, unread first, newest first."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    rows = Notification.objects.filter(recipient_id=user.pk)
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    return rows.order_by(F("read_at").desc(nulls_first=True), "-created_at", "-id")


def notification_unread_count(*, user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()


def notification_get(*, user: Any, pk: Any) -> Notification:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFound() from None
    found = Notification.objects.filter(recipient_id=user.pk, pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def notification_mark_read(*, actor: Any, notification: Notification) -> Notification:
    """Mark one of the actor's notifications read (once: the first time is kept)."""
    if notification.recipient_id != actor.pk:
        raise NotFound()
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def notification_mark_all_read(*, actor: Any) -> int:
    return Notification.objects.filter(recipient_id=actor.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def unread_notifications(request: HttpRequest) -> dict[str, Any]:
    """Context processor: `unread_notifications`, the signed-in user's unread count."""
    return {"unread_notifications": notification_unread_count(user=getattr(request, "user", None))}


# --- Pages ------------------------------------------------------------------------------------


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("unread") == "1"
    rows = notification_list(user=request.user, unread_only=unread_only)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "core/notifications.html",
        {
            "page": page,
            "unread_only": unread_only,
            "unread_count": notification_unread_count(user=request.user),
        },
    )


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = notification_get(user=request.user, pk=pk)
    notification_mark_read(actor=request.user, notification=notification)
    return redirect("core:notifications")


@login_required
@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark read and go to what the notification is about."""
    notification = notification_get(user=request.user, pk=pk)
    notification_mark_read(actor=request.user, notification=notification)
    link = notification.link
    if link and url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()}):
        return redirect(link)
    return redirect("core:notifications")


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = notification_mark_all_read(actor=request.user)
    if count:
        messages.success(request, _("All notifications are marked read."))
    return redirect("core:notifications")


# --- API --------------------------------------------------------------------------------------


class NotificationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    message = serializers.CharField()
    message_en = serializers.CharField()
    message_ru = serializers.CharField()
    link = serializers.CharField()
    object_type = serializers.CharField()
    object_id = serializers.CharField()
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)
    emailed_at = serializers.DateTimeField(allow_null=True)
    email_status = serializers.CharField(
        help_text='"sent", "retrying", "failed", or empty when not e-mailed (yet).'
    )


class NotificationFilter(FilterSet):
    kind = django_filters.CharFilter(help_text=gettext_lazy("Only notifications of this kind."))
    unread = BooleanFilter(
        method=SELECTOR, help_text=gettext_lazy("Only the notifications not yet read.")
    )
    search_fields = ("message_en", "message_ru")

    class Meta:
        model = Notification
        fields: list[str] = []


class NotificationListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=filter_parameters(NotificationFilter),
        responses={200: NotificationOutput(many=True), **error_responses(400)},
        summary="My notifications, unread first",
    )
    def get(self, request: Request) -> Response:
        filters = filter_query(NotificationFilter, request)
        rows = notification_list(
            user=request.user, unread_only=bool(filters.selector_arguments().get("unread"))
        )
        return paginated(self, request, filters.filter_queryset(rows), NotificationOutput)


class NotificationReadApi(APIView):
    @extend_schema(request=None, responses=NotificationOutput, summary="Mark a notification read")
    def post(self, request: Request, pk: int) -> Response:
        notification = notification_get(user=request.user, pk=pk)
        notification_mark_read(actor=request.user, notification=notification)
        return Response(NotificationOutput(notification).data)


class NotificationReadAllOutput(serializers.Serializer):
    marked = serializers.IntegerField()


class NotificationReadAllApi(APIView):
    @extend_schema(
        request=None, responses=NotificationReadAllOutput, summary="Mark all my notifications read"
    )
    def post(self, request: Request) -> Response:
        return Response({"marked": notification_mark_all_read(actor=request.user)})
