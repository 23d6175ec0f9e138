"""The background worker: jobs run off the request, on Django's tasks API (decision 0013)."""
