"""API routes of: Watchlist entities and screening."""

urlpatterns: list = []
