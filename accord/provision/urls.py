"""The module's pages, under /provision/."""

from django.urls import path

from accord.provision import views

app_name = "provision"

urlpatterns = [
    path("", views.record_list, name="index"),
    path("new/", views.record_new, name="record-new"),
    path("<int:pk>/", views.record_detail, name="record-detail"),
    path("<int:pk>/edit/", views.record_edit, name="record-edit"),
]
