"""Facilities, assessments, improvement plans, aggregates: selectors."""
