"""The module's API, under /api/v1/provision/."""

from django.urls import path

from accord.provision.api import views as v

app_name = "provision-api"

urlpatterns = [
    path("requirements/", v.RequirementListApi.as_view(), name="requirement-list"),
    path("requirements/<int:pk>/", v.RequirementDetailApi.as_view(), name="requirement-detail"),
    path("commitments/", v.CommitmentListApi.as_view(), name="commitment-list"),
    path("commitments/<int:pk>/", v.CommitmentDetailApi.as_view(), name="commitment-detail"),
    path("commitments/<int:pk>/gate/", v.CommitmentGateApi.as_view(), name="commitment-gate"),
    path(
        "commitments/<int:pk>/authorisations/",
        v.CommitmentAuthorisationsApi.as_view(),
        name="commitment-authorisations",
    ),
    path(
        "commitments/<int:pk>/certificates/",
        v.CommitmentCertificatesApi.as_view(),
        name="commitment-certificates",
    ),
    path(
        "commitments/<int:pk>/consignments/",
        v.CommitmentConsignmentsApi.as_view(),
        name="commitment-consignments",
    ),
    path("commitments/<int:pk>/checks/", v.CommitmentChecksApi.as_view(), name="commitment-checks"),
    path("consignments/<int:pk>/lines/", v.ConsignmentLinesApi.as_view(), name="consignment-lines"),
    path(
        "consignments/<int:pk>/deliver/",
        v.ConsignmentDeliverApi.as_view(),
        name="consignment-deliver",
    ),
    path(
        "consignments/<int:pk>/inspections/",
        v.ConsignmentInspectionsApi.as_view(),
        name="consignment-inspections",
    ),
    path("lines/<int:pk>/register/", v.LineRegisterApi.as_view(), name="line-register"),
    path("inspections/<int:pk>/", v.InspectionDetailApi.as_view(), name="inspection-detail"),
    path("inspections/<int:pk>/sign/", v.InspectionSignApi.as_view(), name="inspection-sign"),
    path("discrepancies/<int:pk>/", v.DiscrepancyApi.as_view(), name="discrepancy-detail"),
    path("checks/<int:pk>/rate/", v.CheckRateApi.as_view(), name="check-rate"),
    path("holds/<int:pk>/lift/", v.HoldLiftApi.as_view(), name="hold-lift"),
    path("retransfers/", v.RetransferListApi.as_view(), name="retransfer-list"),
    path("retransfers/<int:pk>/", v.RetransferDetailApi.as_view(), name="retransfer-detail"),
    path(
        "retransfers/<int:pk>/consent/",
        v.RetransferConsentApi.as_view(),
        name="retransfer-consent",
    ),
    path(
        "retransfers/<int:pk>/complete/",
        v.RetransferCompleteApi.as_view(),
        name="retransfer-complete",
    ),
    path("returns/", v.ReturnListApi.as_view(), name="return-list"),
    path("returns/<int:pk>/", v.ReturnDetailApi.as_view(), name="return-detail"),
    path("returns/<int:pk>/submit/", v.ReturnSubmitApi.as_view(), name="return-submit"),
    path("returns/<int:pk>/sections/", v.ReturnSectionsApi.as_view(), name="return-sections"),
    path(
        "commitments/<int:pk>/disposals/",
        v.CommitmentDisposalsApi.as_view(),
        name="commitment-disposals",
    ),
    path(
        "inspections/<int:pk>/discrepancies/",
        v.InspectionDiscrepanciesApi.as_view(),
        name="inspection-discrepancies",
    ),
    path("export/", v.ExportListApi.as_view(), name="export-list"),
    path("export/module.json", v.ModuleExportApi.as_view(), name="export-module"),
    path("export/<slug:code>/csv/", v.ExportCsvApi.as_view(), name="export-csv"),
    path("export/<slug:code>/xlsx/", v.ExportXlsxApi.as_view(), name="export-xlsx"),
    path("import/", v.ModuleImportApi.as_view(), name="module-import"),
]
