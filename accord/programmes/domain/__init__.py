"""Pure engines of the programmes module: money arithmetic, earned value, the lifecycle.
No HTTP, no ORM; exact Decimals only."""
