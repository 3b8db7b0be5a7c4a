"""The roles of Accord's users. Each role is a Django group of the same name, created with
its permissions by migration; modules add their own permissions to these groups."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    LEGAL_ADVISER = "legal_adviser", _("Legal adviser")
    LEAD_REVIEWER = "lead_reviewer", _("Lead reviewer")
    SECRETARIAT_OFFICER = "secretariat_officer", _("Secretariat officer")
    CUSTOMS_OFFICER = "customs_officer", _("Customs or law-enforcement officer")
    STANDARDS_EDITOR = "standards_editor", _("Standards editor")
    FACILITY_ASSESSOR = "facility_assessor", _("Facility assessor")
    PROGRAMME_OFFICER = "programme_officer", _("Programme officer")
    FINANCE_OFFICER = "finance_officer", _("Finance officer")
    KNOWLEDGE_EDITOR = "knowledge_editor", _("Knowledge editor")
    PARLIAMENTARY_OFFICER = "parliamentary_officer", _("Parliamentary staff")
    AUDITOR = "auditor", _("Auditor")
    ADMINISTRATOR = "administrator", _("Administrator")


# Permissions the foundation grants; module migrations extend these groups.
FOUNDATION_PERMISSIONS: dict[str, list[str]] = {
    Role.AUDITOR: ["core.view_auditevent", "core.verify_chain"],
    Role.ADMINISTRATOR: [
        "accounts.view_user",
        "accounts.add_user",
        "accounts.change_user",
        "accounts.view_rolepolicy",
        "accounts.change_rolepolicy",
        "core.view_party",
        "core.add_party",
        "core.change_party",
        "core.view_auditevent",
    ],
}
