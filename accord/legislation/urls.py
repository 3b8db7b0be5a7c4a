"""The module's pages, under /legislation/."""

from django.urls import path

from accord.legislation import views

app_name = "legislation"

urlpatterns = [
    path("", views.index, name="index"),
    path("acts/new/", views.act_new, name="act-new"),
    path("acts/<int:pk>/", views.act_detail, name="act-detail"),
    path("acts/<int:pk>/edit/", views.act_edit, name="act-edit"),
    path("acts/<int:pk>/provision/", views.act_provision, name="act-provision"),
    path("acts/<int:pk>/version/", views.act_version_new, name="act-version-new"),
    path("acts/<int:pk>/step/", views.act_step, name="act-step"),
    path("acts/<int:pk>/comments/", views.act_comments, name="act-comments"),
    path("acts/<int:pk>/comments/decide/", views.act_comment_decide, name="act-comment-decide"),
    path("acts/<int:pk>/compare/", views.act_compare, name="act-compare"),
    path("acts/<int:pk>/matrix/", views.act_matrix, name="act-matrix"),
    path("acts/<int:pk>/cell/", views.act_cell, name="act-cell"),
    path("acts/<int:pk>/matrix.xlsx", views.act_matrix_xlsx, name="act-matrix-xlsx"),
    path("acts/<int:pk>/matrix.pdf", views.act_matrix_pdf, name="act-matrix-pdf"),
    path("acts/<int:pk>/matrix/import/", views.act_matrix_import, name="act-matrix-import"),
    path("programmes/", views.programme_list, name="programme-list"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme-detail"),
    path("programmes/<int:pk>/link/", views.programme_link, name="programme-link"),
    path("national/", views.national_list, name="national-list"),
    path("national/new/", views.national_new, name="national-new"),
    path("national/import/", views.national_import, name="national-import"),
    path("national/<int:pk>/akn.xml", views.national_akn, name="national-akn"),
    path("national/<int:pk>/provision/", views.national_provision, name="national-provision"),
    path("national/<int:pk>/measure/", views.national_measure, name="national-measure"),
    path("implementation/", views.implementation, name="implementation"),
    path("acts/<int:pk>/akn.xml", views.act_akn, name="act-akn"),
    path("national/<int:pk>/", views.national_detail, name="national-detail"),
    path("national/<int:pk>/edit/", views.national_edit, name="national-edit"),
    path("cells/<int:pk>/", views.cell_detail, name="cell-detail"),
]
