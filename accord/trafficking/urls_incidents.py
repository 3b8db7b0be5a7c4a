"""Pages of: Incidents, their items and entities, correlation, MISP."""

urlpatterns: list = []
