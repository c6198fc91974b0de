"""Widgets the pwiz screens share."""
