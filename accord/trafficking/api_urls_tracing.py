"""API routes of: Tracing requests between parties."""

from django.urls import path

from accord.trafficking.api import tracing

urlpatterns: list = [
    path("tracing/", tracing.TracingListApi.as_view(), name="tracing-list"),
    path("tracing/stats/", tracing.TracingStatsApi.as_view(), name="tracing-stats"),
    path("tracing/export.csv", tracing.TracingExportApi.as_view(), name="tracing-export"),
    path("tracing/<int:pk>/", tracing.TracingDetailApi.as_view(), name="tracing-detail"),
    path(
        "tracing/<int:pk>/acknowledge/",
        tracing.TracingAcknowledgeApi.as_view(),
        name="tracing-acknowledge",
    ),
    path("tracing/<int:pk>/answer/", tracing.TracingAnswerApi.as_view(), name="tracing-answer"),
    path("tracing/<int:pk>/close/", tracing.TracingCloseApi.as_view(), name="tracing-close"),
    path(
        "tracing/<int:pk>/withdraw/", tracing.TracingWithdrawApi.as_view(), name="tracing-withdraw"
    ),
]
