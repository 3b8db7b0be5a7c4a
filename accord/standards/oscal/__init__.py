"""OSCAL JSON interchange of the standards module: a standard version as an OSCAL catalog
(`catalog`), an assessment as OSCAL assessment results (`assessment`). The official NIST
JSON schemas used to validate both live in `schema/` (see `validation`)."""
