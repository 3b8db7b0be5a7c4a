"""Pages of the joint legal expertise: the reviewer's dashboard, the weapons register, a
version's questionnaire and evidence, the review file with its tabs, and the
interoperability matrix.

Views translate a request into selector and service calls and render the answers. What
may be done is the services' to decide: the pages show a button only when its service
would allow it (the `accord.expertise.permissions` checks on the review's state), and a
refusal that still happens (someone else moved the review meanwhile) comes back as a
message on the page, never as a 500. A record the user may not see answers 404.

One module per area: `register` (dashboard, systems), `versions`, `reviews` (the review
file and its tabs), `review_actions` (its POST actions), `matrix`; `common` and `display`
hold what several of them share.
"""
