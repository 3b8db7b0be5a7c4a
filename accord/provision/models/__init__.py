from accord.provision.models.chain import (
    Authorisation,
    Commitment,
    Consignment,
    DeliveryLine,
    Discrepancy,
    EndUserCertificate,
    Inspection,
    Requirement,
    UnrocaCategory,
)
from accord.provision.models.enduse import (
    DeliveryHold,
    Disposal,
    EndUseCheck,
    RetransferRequest,
    Return,
)

__all__ = [
    "Authorisation",
    "Commitment",
    "Consignment",
    "DeliveryHold",
    "DeliveryLine",
    "Discrepancy",
    "Disposal",
    "EndUseCheck",
    "EndUserCertificate",
    "Inspection",
    "Requirement",
    "RetransferRequest",
    "Return",
    "UnrocaCategory",
]
