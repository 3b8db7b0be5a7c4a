"""Pages of: standards, versions and their clause tree, comparisons, OSCAL catalogs."""

from django.urls import path

from accord.standards.views import drafting as views

urlpatterns: list = [
    path("", views.index, name="index"),
    path("new/", views.standard_new, name="standard-new"),
    path("<int:pk>/", views.standard_detail, name="standard"),
    path("<int:pk>/edit/", views.standard_edit, name="standard-edit"),
    path("<int:pk>/versions/new/", views.version_new, name="version-new"),
    path("<int:pk>/import-oscal/", views.standard_import, name="standard-import"),
    path("versions/<int:pk>/", views.version_detail, name="version"),
    path("versions/<int:pk>/stage/", views.version_stage, name="version-stage"),
    path("versions/<int:pk>/clauses/new/", views.clause_new, name="clause-new"),
    path("versions/<int:pk>/compare/", views.version_compare, name="version-compare"),
    path("versions/<int:pk>/oscal/", views.version_oscal, name="version-oscal"),
    path("clauses/<int:pk>/", views.clause_view, name="clause"),
    path("clauses/<int:pk>/edit/", views.clause_edit, name="clause-edit"),
    path("clauses/<int:pk>/delete/", views.clause_delete, name="clause-delete"),
    path("clauses/<int:pk>/parameter/", views.clause_parameter, name="clause-parameter"),
]
