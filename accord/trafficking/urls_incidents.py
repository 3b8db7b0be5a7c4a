"""Pages of: Incidents, their items and entities, correlation, MISP."""

from django.urls import path

from accord.trafficking.views import incidents as views

urlpatterns: list = [
    path("incidents/", views.incident_list, name="incidents"),
    path("incidents/new/", views.incident_new, name="incident-new"),
    path("incidents/misp/", views.incidents_misp, name="incidents-misp"),
    path("incidents/misp/import/", views.incidents_misp_import, name="incidents-misp-import"),
    path("incidents/<int:pk>/", views.incident_detail, name="incident"),
    path("incidents/<int:pk>/edit/", views.incident_edit, name="incident-edit"),
    path("incidents/<int:pk>/status/", views.incident_status, name="incident-status"),
    path("incidents/<int:pk>/items/add/", views.incident_item_add, name="incident-item-add"),
    path("incidents/<int:pk>/entities/add/", views.incident_entity_add, name="incident-entity-add"),
    path("incidents/<int:pk>/misp/", views.incident_misp, name="incident-misp"),
    path("incidents/<int:pk>/screening/", views.incident_screening, name="incident-screening"),
    path(
        "incident-items/<int:pk>/remove/", views.incident_item_remove, name="incident-item-remove"
    ),
    path(
        "incident-entities/<int:pk>/remove/",
        views.incident_entity_remove,
        name="incident-entity-remove",
    ),
    path("correlation/", views.correlation_page, name="correlation"),
]
