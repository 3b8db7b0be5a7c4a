"""Tracing requests between parties: services."""
