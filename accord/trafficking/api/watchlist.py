"""Watchlist entities and screening: api."""
