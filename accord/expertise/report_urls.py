"""Report and export pages of the expertise module, included in `accord.expertise.urls`
(namespace "expertise")."""

from django.urls import path

urlpatterns: list = [
    # path("reviews/<int:pk>/report.pdf", ..., name="report-pdf"),
    # path("export/register.csv", ..., name="export-register-csv"),
    # path("export/register.json", ..., name="export-register-json"),
    # path("export/matrix.csv", ..., name="export-matrix-csv"),
    # path("export/matrix.json", ..., name="export-matrix-json"),
]
_ = path
