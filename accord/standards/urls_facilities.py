"""Pages of: Facilities, assessments, improvement plans, aggregates."""

urlpatterns: list = []
