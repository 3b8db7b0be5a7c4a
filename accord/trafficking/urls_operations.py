"""Pages of: Joint operations, the dashboard, exports."""

urlpatterns: list = []
