from django.urls import path

from accord.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("modules/<slug:slug>/", views.module, name="module"),
    path("audit/", views.audit_list, name="audit"),
    path("audit/verify/", views.audit_verify, name="audit-verify"),
]
