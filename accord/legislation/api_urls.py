"""The module's API, under /api/v1/legislation/."""

from django.urls import path

from accord.legislation.api import records

app_name = "legislation-api"

urlpatterns = [
    path("records/", records.RecordListApi.as_view(), name="record-list"),
    path("records/<int:pk>/", records.RecordDetailApi.as_view(), name="record-detail"),
]
