"""API routes of the expertise module, under /api/v1/expertise/."""

app_name = "expertise-api"

urlpatterns: list = []
