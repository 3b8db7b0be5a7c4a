"""API routes of: Item registers, makes and models, imports, matching."""

from django.urls import path

from accord.trafficking.api import items

urlpatterns: list = [
    path("items/", items.ItemListApi.as_view(), name="item-list"),
    path("items/match/", items.ItemMatchApi.as_view(), name="item-match"),
    path("items/import/", items.ItemImportApi.as_view(), name="item-import"),
    path("items/export/", items.ItemExportApi.as_view(), name="item-export"),
    path("items/<int:pk>/", items.ItemDetailApi.as_view(), name="item-detail"),
    path("items/<int:pk>/status/", items.ItemStatusApi.as_view(), name="item-status"),
    path("makes/", items.MakeModelListApi.as_view(), name="make-list"),
    path("makes/<int:pk>/", items.MakeModelDetailApi.as_view(), name="make-detail"),
]
