"""pwiz: a terminal wizard for partnership governance."""

__version__ = "0.1.0"
