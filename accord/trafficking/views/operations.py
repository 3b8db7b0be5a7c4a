"""Joint operations, the dashboard, exports: views."""
