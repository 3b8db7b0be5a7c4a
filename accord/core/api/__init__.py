"""The API toolkit every module's API is built from.

- `errors`: the exception handler (service errors to HTTP answers), the one error-body
  schema component (`Error`) and `error_responses(*codes)` for `extend_schema`.
- `pagination`: the one limit/offset pagination (`Pagination`, `paginated`); its count
  stops at a cap (`ACCORD_API_COUNT_CAP`) and says whether it is exact.
- `fields`: `enum_field` (a choice set as one named schema component, values with their
  labels) and `party_field` (a party by its code).
- `filters`: lists filter the same way everywhere (django-filter): a `FilterSet` base with
  `q` and `ordering`, `filter_query` (an unknown parameter is a 400 naming it) and
  `filter_parameters` for the schema.
- `query`: `validated_query` (query parameters through a serializer; bad ones answer 400).
- `renderers`: the CSV renderer and download.
- `endpoints`: the kernel's own endpoints (parties, audit trail), the API root and the
  JSON 404/405 for unknown paths under `/api/`.
"""
