"""Forms of the trafficking pages, one file per part; the views import them. Forms translate
what a person typed into service arguments; the services decide."""
