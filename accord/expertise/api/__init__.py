"""The expertise module's REST API, under /api/v1/expertise/ (routed in
`accord.expertise.api_urls`), one module per area: `systems` (the weapons register and
its versions), `versions` (the questionnaire, evidence, contingent assignments),
`reviews` (opening, reading and listing joint reviews), `transitions` (the review's
states, participants and re-review), `deliberation` (requests for information,
findings, conclusions, internal notes), `matrix` (the interoperability matrix, the
clearance gate, the dashboard) and `export` (CSV/JSON of the register and the matrix);
`common` holds what they share.

One APIView per URL with its own input and output serializers per method. Views
translate HTTP only: reads go through `accord.expertise.selectors`, writes through
`accord.expertise.services`, and the service errors become HTTP answers in
`accord.core.api.errors.exception_handler`. Systems and reviews are marked records: one the
reader may not see answers 404, and so does everything under it. A party's internal
notes are read only through `selectors.notes_for`, never from the review itself.
"""
