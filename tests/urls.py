from django.urls import include, path

from accord.urls import api_v1, handler400, handler403, handler404, handler500
from accord.urls import urlpatterns as accord_urlpatterns
from tests.markedapp import api as dossier_api

urlpatterns = [
    path("dossiers/", include("tests.markedapp.urls")),
    path("api/test/dossiers/", dossier_api.DossierListApi.as_view(), name="dossier-list-api"),
    path(
        "api/test/dossiers/<int:pk>/",
        dossier_api.DossierDetailApi.as_view(),
        name="dossier-detail-api",
    ),
    *accord_urlpatterns,
]
__all__ = ["api_v1", "handler400", "handler403", "handler404", "handler500", "urlpatterns"]
