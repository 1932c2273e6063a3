"""Importers: one module per public source, each writing a normalized table under data/."""
