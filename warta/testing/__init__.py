"""Helpers for the apps' tests; they import Django and pytest only, never an app."""
