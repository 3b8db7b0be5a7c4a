"""API routes of the standards module, under /api/v1/standards/; each part keeps its routes
in `api_urls_<part>.py`. URL keywords are `pk` and `code` only (the URL sweep)."""

from accord.standards import api_urls_consultation, api_urls_drafting, api_urls_facilities

app_name = "standards-api"

urlpatterns: list = [
    *api_urls_drafting.urlpatterns,
    *api_urls_consultation.urlpatterns,
    *api_urls_facilities.urlpatterns,
]
