"""Report and export pages of the expertise module, included in `accord.expertise.urls`
(namespace "expertise")."""

from django.urls import path

from accord.expertise import report_views

urlpatterns: list = [
    path("reviews/<int:pk>/report.pdf", report_views.review_report_pdf, name="report-pdf"),
    path("export/register.csv", report_views.export_register_csv, name="export-register-csv"),
    path("export/register.json", report_views.export_register_json, name="export-register-json"),
    path("export/matrix.csv", report_views.export_matrix_csv, name="export-matrix-csv"),
    path("export/matrix.json", report_views.export_matrix_json, name="export-matrix-json"),
]
