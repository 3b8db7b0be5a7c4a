"""The module's pages, under /knowledge/."""

from django.urls import path

from accord.knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.item_new, name="item-new"),
    path("overdue/", views.overdue, name="overdue"),
    path("export.csv", views.export_csv, name="export-csv"),
    path("export.xlsx", views.export_xlsx, name="export-xlsx"),
    path("calendar.ics", views.export_calendar, name="export-calendar"),
    path("<int:pk>/", views.item_detail, name="item-detail"),
    path("<int:pk>/edit/", views.item_edit, name="item-edit"),
    path("<int:pk>/sheet.pdf", views.item_sheet, name="item-sheet"),
    path("<int:pk>/verify/", views.item_verify, name="item-verify"),
    path("<int:pk>/reject/", views.item_reject, name="item-reject"),
    path("<int:pk>/identify/", views.item_identify, name="item-identify"),
    path("<int:pk>/validate/", views.item_validate, name="item-validate"),
    path("<int:pk>/learn/", views.item_learn, name="item-learn"),
    path("<int:pk>/actions/", views.action_add, name="item-action-add"),
    path("actions/<int:pk>/close/", views.action_close, name="action-close"),
    path("<int:pk>/clause/", views.item_clause, name="item-clause"),
    path("<int:pk>/dissemination/", views.item_disseminate, name="item-dissemination"),
    path("guidelines/", views.guideline_list, name="guidelines"),
    path("guidelines/new/", views.guideline_new, name="guideline-new"),
    path("guidelines/<int:pk>/", views.guideline_detail, name="guideline-detail"),
    path("guidelines/<int:pk>/compare/", views.guideline_compare, name="guideline-compare"),
    path("experts/", views.expert_list, name="experts"),
    path("experts/new/", views.expert_new, name="expert-new"),
    path("experts/<int:pk>/", views.expert_detail, name="expert-detail"),
    path("experts/<int:pk>/validate/", views.expert_validate, name="expert-validate"),
    path("experts/<int:pk>/availability/", views.expert_availability, name="expert-availability"),
    path("requests/", views.request_list, name="requests"),
    path("requests/new/", views.request_new, name="request-new"),
    path("requests/<int:pk>/", views.request_detail, name="request-detail"),
    path("requests/<int:pk>/answer/", views.request_answer, name="request-answer"),
    path("requests/<int:pk>/close/", views.request_close, name="request-close"),
    path("requests/<int:pk>/to-item/", views.request_to_item, name="request-to-item"),
]
