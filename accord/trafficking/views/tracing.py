"""Tracing requests between parties: views."""
