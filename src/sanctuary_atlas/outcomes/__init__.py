"""Outcomes: the county panel, honest comparisons, event studies, and ICE detainer records."""
