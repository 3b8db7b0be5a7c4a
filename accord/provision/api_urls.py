"""The module's API, under /api/v1/provision/."""

from django.urls import path

from accord.provision.api import records

app_name = "provision-api"

urlpatterns = [
    path("records/", records.RecordListApi.as_view(), name="record-list"),
    path("records/<int:pk>/", records.RecordDetailApi.as_view(), name="record-detail"),
]
