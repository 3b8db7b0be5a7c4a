"""The module's API, under /api/v1/programmes/."""

from django.urls import path

from accord.programmes.api import records

app_name = "programmes-api"

urlpatterns = [
    path("records/", records.RecordListApi.as_view(), name="record-list"),
    path("records/<int:pk>/", records.RecordDetailApi.as_view(), name="record-detail"),
]
