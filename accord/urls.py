"""URL map: pages per module, the API under /api/v1/, the admin, the language switch."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from accord.accounts import api as accounts_api
from accord.core import views_health, views_jobs, views_notifications
from accord.core.api import endpoints as core_api

api_v1 = [
    path("", core_api.ApiRootApi.as_view(), name="root"),
    path("me/", accounts_api.MeApi.as_view(), name="me"),
    path("tokens/", accounts_api.TokenListCreateApi.as_view(), name="tokens"),
    path("tokens/<int:token_id>/", accounts_api.TokenRevokeApi.as_view(), name="token"),
    path("parties/", core_api.PartyListApi.as_view(), name="parties"),
    path("audit/events/", core_api.AuditEventListApi.as_view(), name="audit-events"),
    path("audit/verify/", core_api.AuditVerifyApi.as_view(), name="audit-verify"),
    path("notifications/", views_notifications.NotificationListApi.as_view(), name="notifications"),
    path(
        "notifications/read-all/",
        views_notifications.NotificationReadAllApi.as_view(),
        name="notifications-read-all",
    ),
    path(
        "notifications/<int:pk>/read/",
        views_notifications.NotificationReadApi.as_view(),
        name="notification-read",
    ),
    path("jobs/<int:pk>/", views_jobs.JobDetailApi.as_view(), name="job"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its script from a URL: no inline script under the CSP.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]

urlpatterns = [
    path("healthz", views_health.healthz, name="healthz"),
    path("readyz", views_health.readyz, name="readyz"),
    path("", include("accord.core.urls")),
    path("accounts/", include("accord.accounts.urls")),
    path("law/", include("accord.law.urls")),
    path("expertise/", include("accord.expertise.urls")),
    path("trafficking/", include("accord.trafficking.urls")),
    path("standards/", include("accord.standards.urls")),
    path("provision/", include("accord.provision.urls")),
    path("knowledge/", include("accord.knowledge.urls")),
    path("programmes/", include("accord.programmes.urls")),
    path("legislation/", include("accord.legislation.urls")),
    path("api/v1/law/", include("accord.law.api_urls")),
    path("api/v1/expertise/", include("accord.expertise.api_urls")),
    path("api/v1/trafficking/", include("accord.trafficking.api_urls")),
    path("api/v1/standards/", include("accord.standards.api_urls")),
    path("api/v1/provision/", include("accord.provision.api_urls")),
    path("api/v1/knowledge/", include("accord.knowledge.api_urls")),
    path("api/v1/programmes/", include("accord.programmes.api_urls")),
    path("api/v1/legislation/", include("accord.legislation.api_urls")),
    path("api/v1/", include((api_v1, "api"))),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

# Under /api/ these answer the API's JSON error body; elsewhere the HTML pages.
handler400 = "accord.core.web.bad_request"
handler403 = "accord.core.web.permission_denied"
handler404 = "accord.core.web.page_not_found"
handler500 = "accord.core.web.server_error"
