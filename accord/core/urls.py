from django.urls import path

from accord.core import views, views_notifications, views_operations

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("modules/<slug:slug>/", views.module, name="module"),
    path("audit/", views.audit_list, name="audit"),
    path("audit/verify/", views.audit_verify, name="audit-verify"),
    path("notifications/", views_notifications.notifications, name="notifications"),
    path(
        "notifications/read-all/",
        views_notifications.notification_read_all,
        name="notifications-read-all",
    ),
    path(
        "notifications/<int:pk>/read/",
        views_notifications.notification_read,
        name="notification-read",
    ),
    path(
        "notifications/<int:pk>/open/",
        views_notifications.notification_open,
        name="notification-open",
    ),
    path("operations/", views_operations.operations, name="operations"),
    path(
        "operations/outbox/<int:pk>/retry/",
        views_operations.outbox_retry,
        name="outbox-retry",
    ),
    path(
        "operations/jobs/<int:pk>/run/",
        views_operations.periodic_run_soon,
        name="periodic-run-soon",
    ),
]
