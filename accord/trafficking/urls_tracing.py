"""Pages of: Tracing requests between parties."""

from django.urls import path

from accord.trafficking.views import tracing

urlpatterns: list = [
    path("tracing/", tracing.tracing_list, name="tracing"),
    path("tracing/new/", tracing.tracing_new, name="tracing-new"),
    path("tracing/stats/", tracing.tracing_stats, name="tracing-stats"),
    path("tracing/export.csv", tracing.tracing_export, name="tracing-export"),
    path("tracing/<int:pk>/", tracing.tracing_detail, name="tracing-request"),
    path("tracing/<int:pk>/acknowledge/", tracing.tracing_acknowledge, name="tracing-acknowledge"),
    path("tracing/<int:pk>/answer/", tracing.tracing_answer, name="tracing-answer"),
    path("tracing/<int:pk>/close/", tracing.tracing_close, name="tracing-close"),
    path("tracing/<int:pk>/withdraw/", tracing.tracing_withdraw, name="tracing-withdraw"),
]
