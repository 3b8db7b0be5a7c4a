"""Pages of the trafficking module; each part keeps its routes in `urls_<part>.py`."""

from accord.trafficking import (
    urls_incidents,
    urls_items,
    urls_operations,
    urls_tracing,
    urls_watchlist,
)

app_name = "trafficking"

urlpatterns: list = [
    *urls_items.urlpatterns,
    *urls_watchlist.urlpatterns,
    *urls_incidents.urlpatterns,
    *urls_tracing.urlpatterns,
    *urls_operations.urlpatterns,
]
