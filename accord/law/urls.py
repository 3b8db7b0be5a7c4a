"""Pages of the law base, under /law/."""

from django.urls import path

from accord.law import views

app_name = "law"

urlpatterns = [
    path("", views.index, name="index"),
    path("instruments/", views.instrument_list, name="instruments"),
    path("instruments/<str:code>/", views.instrument_detail, name="instrument"),
    path("acts/<int:pk>/verify/", views.act_verify, name="act-verify"),
    path("matrix/", views.matrix, name="matrix"),
    path("obligations/", views.obligations, name="obligations"),
    path("rules/", views.rule_list, name="rules"),
    path("rules/<str:code>/", views.rule_detail, name="rule"),
    path("screening/", views.screen, name="screen"),
    path("bilateral/", views.bilateral_list, name="bilateral"),
    path("bilateral/new/", views.bilateral_new, name="bilateral-new"),
    path("bilateral/<int:pk>/", views.bilateral_detail, name="bilateral-detail"),
    path("bilateral/<int:pk>/edit/", views.bilateral_edit, name="bilateral-edit"),
    path("export/instruments.csv", views.export_instruments, name="export-instruments"),
    path("export/participation.csv", views.export_participation, name="export-participation"),
    path("export/rules.csv", views.export_rules, name="export-rules"),
    path("import/", views.import_csv, name="import"),
]
