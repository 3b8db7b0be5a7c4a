"""API routes of: Incidents, their items and entities, correlation, MISP."""

from django.urls import path

from accord.trafficking.api import incidents as api

urlpatterns: list = [
    path("incidents/", api.IncidentListApi.as_view(), name="incidents"),
    path("incidents/misp/", api.IncidentsMispApi.as_view(), name="incidents-misp"),
    path(
        "incidents/misp/import/",
        api.IncidentsMispImportApi.as_view(),
        name="incidents-misp-import",
    ),
    path("incidents/<int:pk>/", api.IncidentDetailApi.as_view(), name="incident"),
    path("incidents/<int:pk>/status/", api.IncidentStatusApi.as_view(), name="incident-status"),
    path("incidents/<int:pk>/items/", api.IncidentItemAddApi.as_view(), name="incident-items"),
    path(
        "incidents/<int:pk>/entities/",
        api.IncidentEntityAddApi.as_view(),
        name="incident-entities",
    ),
    path("incidents/<int:pk>/links/", api.IncidentLinksApi.as_view(), name="incident-links"),
    path("incidents/<int:pk>/misp/", api.IncidentMispApi.as_view(), name="incident-misp"),
    path("incident-items/<int:pk>/", api.IncidentItemApi.as_view(), name="incident-item"),
    path("incident-entities/<int:pk>/", api.IncidentEntityApi.as_view(), name="incident-entity"),
    path("correlation/", api.CorrelationApi.as_view(), name="correlation"),
]
