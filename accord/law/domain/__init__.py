"""Pure engines of the law module: the characteristics vocabulary and the condition
language of rules. No HTTP and no ORM."""
