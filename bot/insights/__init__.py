"""Insights for the municipality: aggregate figures, never a resident."""
