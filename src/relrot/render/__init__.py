"""Renderers: one small module per output format, each a pure function of a plan."""
