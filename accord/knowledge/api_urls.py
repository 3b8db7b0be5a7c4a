"""The module's API, under /api/v1/knowledge/."""

from django.urls import path

from accord.knowledge.api import records

app_name = "knowledge-api"

urlpatterns = [
    path("records/", records.RecordListApi.as_view(), name="record-list"),
    path("records/<int:pk>/", records.RecordDetailApi.as_view(), name="record-detail"),
]
