"""The module's API, under /api/v1/legislation/."""

from django.urls import path

from accord.legislation.api import acts, comments, exports, matrix, national, pit, programmes

app_name = "legislation-api"

urlpatterns = [
    path("acts/", acts.ActListApi.as_view(), name="act-list"),
    path("acts/<int:pk>/", acts.ActDetailApi.as_view(), name="act-detail"),
    path("acts/<int:pk>/provisions/", acts.ActProvisionApi.as_view(), name="act-provisions"),
    path("acts/<int:pk>/versions/", acts.ActVersionApi.as_view(), name="act-versions"),
    path("acts/<int:pk>/transition/", acts.ActTransitionApi.as_view(), name="act-transition"),
    path("acts/<int:pk>/matrix/", matrix.MatrixApi.as_view(), name="act-matrix"),
    path("acts/<int:pk>/comments/", comments.CommentListApi.as_view(), name="act-comments"),
    path(
        "acts/<int:pk>/comments/decide/",
        comments.CommentDecideApi.as_view(),
        name="act-comment-decide",
    ),
    path("acts/<int:pk>/matrix.xlsx", exports.MatrixXlsxApi.as_view(), name="act-matrix-xlsx"),
    path("acts/<int:pk>/matrix.pdf", exports.MatrixPdfApi.as_view(), name="act-matrix-pdf"),
    path("acts/<int:pk>/akn.xml", exports.ModelActAknApi.as_view(), name="act-akn"),
    path("national-acts/<int:pk>/akn.xml", exports.NationalAknApi.as_view(), name="national-akn"),
    path("programmes/", programmes.ProgrammeListApi.as_view(), name="programme-list"),
    path(
        "programmes/<int:pk>/",
        programmes.ProgrammeDetailApi.as_view(),
        name="programme-detail",
    ),
    path(
        "programmes/<int:pk>/items/",
        programmes.ProgrammeItemApi.as_view(),
        name="programme-items",
    ),
    path("programmes/<int:pk>/link/", programmes.ProgrammeLinkApi.as_view(), name="programme-link"),
    path(
        "national-acts/<int:pk>/provisions/",
        pit.NationalProvisionApi.as_view(),
        name="national-provisions",
    ),
    path("national-acts/", national.NationalListApi.as_view(), name="national-list"),
    path("national-acts/<int:pk>/", national.NationalDetailApi.as_view(), name="national-detail"),
    path("cells/<int:pk>/", matrix.CellDetailApi.as_view(), name="cell-detail"),
]
