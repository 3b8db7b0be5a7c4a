"""The module's pages, under /legislation/."""

from django.urls import path

from accord.legislation import views

app_name = "legislation"

urlpatterns = [
    path("", views.record_list, name="index"),
    path("new/", views.record_new, name="record-new"),
    path("<int:pk>/", views.record_detail, name="record-detail"),
    path("<int:pk>/edit/", views.record_edit, name="record-edit"),
]
