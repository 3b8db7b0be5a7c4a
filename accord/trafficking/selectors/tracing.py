"""Tracing requests between parties: selectors."""
