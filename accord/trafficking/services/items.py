"""Item registers, makes and models, imports, matching: services."""
