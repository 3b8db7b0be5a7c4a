"""Users, roles, clearance, the second factor and API tokens."""
