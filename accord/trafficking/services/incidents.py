"""Incidents, their items and entities, correlation, MISP: services."""
