"""Helpers behind the lessons' code cells: one module per lesson."""
