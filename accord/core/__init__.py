"""The shared kernel: parties, markings and the access rule, the audit trail, errors."""
