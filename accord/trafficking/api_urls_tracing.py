"""API routes of: Tracing requests between parties."""

urlpatterns: list = []
