"""Watchlist entities and screening: selectors."""
