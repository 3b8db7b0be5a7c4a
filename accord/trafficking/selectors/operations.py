"""Joint operations, the dashboard, exports: selectors."""
