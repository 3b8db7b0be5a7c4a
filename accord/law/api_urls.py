"""API routes of the law base, under /api/v1/law/."""

from django.urls import path  # noqa: F401

app_name = "law-api"

urlpatterns: list = []
