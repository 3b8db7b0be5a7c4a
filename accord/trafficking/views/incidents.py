"""Incidents, their items and entities, correlation, MISP: views."""
