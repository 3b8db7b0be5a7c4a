"""Watchlist entities and screening: services."""
