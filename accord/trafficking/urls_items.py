"""Pages of: Item registers, makes and models, imports, matching."""

from django.urls import path

from accord.trafficking.views import items

urlpatterns: list = [
    path("items/", items.item_list, name="items"),
    path("items/new/", items.item_new, name="item-new"),
    path("items/import/", items.item_import, name="item-import"),
    path("items/export/", items.item_export, name="item-export"),
    path("items/match/", items.item_match, name="item-match"),
    path("items/<int:pk>/", items.item_detail, name="item"),
    path("items/<int:pk>/edit/", items.item_edit, name="item-edit"),
    path("makes/", items.make_list, name="makes"),
    path("makes/<int:pk>/edit/", items.make_edit, name="make-edit"),
]
