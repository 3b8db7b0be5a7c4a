"""Facilities, assessments, improvement plans, aggregates: views."""
