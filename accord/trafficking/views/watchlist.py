"""Watchlist entities and screening: views."""
