"""Tracing requests between parties: api."""
