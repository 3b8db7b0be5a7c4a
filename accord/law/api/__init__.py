"""The law base's REST API, under /api/v1/law/ (routed in `accord.law.api_urls`), one
module per area: `instruments` (instruments, participation status, the matrix), `acts`
(participation acts), `obligations`, `rules` (the catalogue and the vocabulary),
`screening`, `bilateral` (the register) and `csv` (export and import); `common` holds
what they share.

One APIView per URL with its own input and output serializers per method. Views translate
HTTP only: reads go through `accord.law.selectors`, writes through `accord.law.services`,
and the service errors become HTTP answers in `accord.core.api.errors.exception_handler`.
Instruments, participation, rules and the vocabulary are reference data every signed-in
user reads; bilateral agreements are marked records (a hidden one answers 404).
"""
