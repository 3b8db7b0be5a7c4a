"""API routes of the trafficking module, under /api/v1/trafficking/; each part keeps its routes
in `api_urls_<part>.py`. URL keywords are `pk` and `code` only (the URL sweep)."""

from accord.trafficking import (
    api_urls_incidents,
    api_urls_items,
    api_urls_operations,
    api_urls_tracing,
    api_urls_watchlist,
)

app_name = "trafficking-api"

urlpatterns: list = [
    *api_urls_items.urlpatterns,
    *api_urls_watchlist.urlpatterns,
    *api_urls_incidents.urlpatterns,
    *api_urls_tracing.urlpatterns,
    *api_urls_operations.urlpatterns,
]
