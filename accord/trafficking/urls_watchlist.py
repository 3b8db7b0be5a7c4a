"""Pages of: Watchlist entities and screening."""

urlpatterns: list = []
