"""Pages of the standards module; each part keeps its routes in `urls_<part>.py`."""

from accord.standards import urls_consultation, urls_drafting, urls_facilities

app_name = "standards"

urlpatterns: list = [
    *urls_drafting.urlpatterns,
    *urls_consultation.urlpatterns,
    *urls_facilities.urlpatterns,
]
