"""The module's API, under /api/v1/knowledge/."""

from django.urls import path

from accord.knowledge.api import experts, guidelines, items, requests

app_name = "knowledge-api"

urlpatterns = [
    path("items/", items.ItemListApi.as_view(), name="item-list"),
    path("items/facets/", items.FacetsApi.as_view(), name="item-facets"),
    path("items/suggest/", items.SuggestApi.as_view(), name="item-suggest"),
    path("items/<int:pk>/", items.ItemDetailApi.as_view(), name="item-detail"),
    path("items/<int:pk>/related/", items.RelatedApi.as_view(), name="item-related"),
    path("items/<int:pk>/verify/", items.VerifyApi.as_view(), name="item-verify"),
    path("items/<int:pk>/reject/", items.RejectApi.as_view(), name="item-reject"),
    path("items/<int:pk>/identify/", items.IdentifyApi.as_view(), name="item-identify"),
    path("items/<int:pk>/validate/", items.ValidateApi.as_view(), name="item-validate"),
    path("items/<int:pk>/learn/", items.LearnApi.as_view(), name="item-learn"),
    path("items/<int:pk>/actions/", items.ItemActionsApi.as_view(), name="item-actions"),
    path(
        "items/<int:pk>/dissemination/", items.DisseminationApi.as_view(), name="item-dissemination"
    ),
    path("items/<int:pk>/clause/", guidelines.ItemClauseApi.as_view(), name="item-clause"),
    path("guidelines/", guidelines.GuidelineListApi.as_view(), name="guideline-list"),
    path("guidelines/as-at/", guidelines.GuidelineAsAtApi.as_view(), name="guideline-as-at"),
    path("guidelines/<int:pk>/", guidelines.GuidelineDetailApi.as_view(), name="guideline-detail"),
    path(
        "guidelines/<int:pk>/compare/",
        guidelines.GuidelineCompareApi.as_view(),
        name="guideline-compare",
    ),
    path("experts/", experts.ExpertListApi.as_view(), name="expert-list"),
    path("experts/<int:pk>/", experts.ExpertDetailApi.as_view(), name="expert-detail"),
    path("experts/<int:pk>/validate/", experts.ExpertValidateApi.as_view(), name="expert-validate"),
    path(
        "experts/<int:pk>/availability/",
        experts.ExpertAvailabilityApi.as_view(),
        name="expert-availability",
    ),
    path("actions/overdue/", items.OverdueApi.as_view(), name="action-overdue"),
    path("actions/<int:pk>/close/", items.ActionCloseApi.as_view(), name="action-close"),
    path("requests/", requests.RequestListApi.as_view(), name="request-list"),
    path(
        "requests/response-times/",
        requests.ResponseTimesApi.as_view(),
        name="request-response-times",
    ),
    path("requests/<int:pk>/", requests.RequestDetailApi.as_view(), name="request-detail"),
    path("requests/<int:pk>/answers/", requests.RequestAnswerApi.as_view(), name="request-answer"),
    path("requests/<int:pk>/close/", requests.RequestCloseApi.as_view(), name="request-close"),
    path("requests/<int:pk>/to-item/", requests.RequestToItemApi.as_view(), name="request-to-item"),
]
