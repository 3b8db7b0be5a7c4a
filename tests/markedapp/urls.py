from django.urls import path

from tests.markedapp import views

urlpatterns = [
    path("", views.dossier_list, name="dossier-list"),
    path("<int:pk>/", views.dossier_detail, name="dossier-detail"),
    path("<int:pk>/edit/", views.dossier_edit, name="dossier-edit"),
]
