"""Joint operations, the dashboard, exports: services."""
