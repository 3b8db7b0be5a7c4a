"""Pages of: Tracing requests between parties."""

urlpatterns: list = []
