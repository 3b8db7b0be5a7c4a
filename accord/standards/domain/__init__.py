"""Pure engines of the standards module: the ballot tally, the assessment scoring and the
version comparison. No HTTP and no ORM writes (`compare` only reads a version's clause tree);
services, selectors, views and the API call them."""
