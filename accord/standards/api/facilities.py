"""Facilities, assessments, improvement plans, aggregates: api."""
