"""The module's pages, under /provision/."""

from django.urls import path

from accord.provision import views as v

app_name = "provision"

urlpatterns = [
    path("", v.index, name="index"),
    path("requirements/", v.requirement_list, name="requirement-list"),
    path("requirements/new/", v.requirement_new, name="requirement-new"),
    path("requirements/<int:pk>/", v.requirement_detail, name="requirement-detail"),
    path("requirements/<int:pk>/commit/", v.requirement_commit, name="requirement-commit"),
    path("commitments/<int:pk>/", v.commitment_detail, name="commitment-detail"),
    path("commitments/<int:pk>/gate/", v.commitment_gate, name="commitment-gate"),
    path(
        "commitments/<int:pk>/authorisation/",
        v.commitment_authorisation,
        name="commitment-authorisation",
    ),
    path(
        "commitments/<int:pk>/certificate/",
        v.commitment_certificate,
        name="commitment-certificate",
    ),
    path(
        "commitments/<int:pk>/consignment/",
        v.commitment_consignment,
        name="commitment-consignment",
    ),
    path("commitments/<int:pk>/check/", v.commitment_check, name="commitment-check"),
    path("consignments/<int:pk>/line/", v.consignment_line, name="consignment-line"),
    path("consignments/<int:pk>/deliver/", v.consignment_deliver, name="consignment-deliver"),
    path(
        "consignments/<int:pk>/inspection/",
        v.consignment_inspection,
        name="consignment-inspection",
    ),
    path("inspections/<int:pk>/sign/", v.inspection_sign, name="inspection-sign"),
    path(
        "inspections/<int:pk>/discrepancy/",
        v.inspection_discrepancy,
        name="inspection-discrepancy",
    ),
    path("discrepancies/<int:pk>/advance/", v.discrepancy_advance, name="discrepancy-advance"),
    path("returns/<int:pk>/sections/", v.return_sections, name="return-sections"),
    path("commitments/<int:pk>/disposal/", v.commitment_disposal, name="commitment-disposal"),
    path("lines/<int:pk>/register/", v.line_register, name="line-register"),
    path("checks/<int:pk>/rate/", v.check_rate, name="check-rate"),
    path("register/", v.register, name="register"),
    path("retransfers/", v.retransfer_list, name="retransfer-list"),
    path("retransfers/<int:pk>/", v.retransfer_detail, name="retransfer-detail"),
    path("retransfers/<int:pk>/consent/", v.retransfer_consent, name="retransfer-consent"),
    path("returns/", v.return_list, name="return-list"),
    path("returns/<int:pk>/", v.return_detail, name="return-detail"),
    path("returns/<int:pk>/export/", v.return_export, name="return-export"),
    path("export/", v.export_page, name="export"),
    path("export/module.json", v.export_module, name="export-module"),
    path("export/<slug:code>/csv/", v.export_csv, name="export-csv"),
    path("export/<slug:code>/xlsx/", v.export_xlsx, name="export-xlsx"),
]
