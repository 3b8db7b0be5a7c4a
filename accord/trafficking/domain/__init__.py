"""Pure engines of the trafficking module: no HTTP, no ORM, no writes. Text in, values out,
so they are tested and benchmarked without a database: `normalise` (the folds of serials,
markings and names used for matching) and `names` (transliteration, name keys, tokens and
phonetic variants for screening). `matching.py` and `screening.py` stay outside: they query
the registers and the watchlist through the ORM."""
