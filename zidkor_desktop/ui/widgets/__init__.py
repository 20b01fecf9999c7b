"""Reusable input widgets (dates, amounts, forms)."""
