"""Pages of: Item registers, makes and models, imports, matching."""

urlpatterns: list = []
