"""Facilities, assessments, improvement plans, aggregates: services."""
