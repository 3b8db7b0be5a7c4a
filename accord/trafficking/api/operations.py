"""Joint operations, the dashboard, exports: api."""
