"""Absolute URLs on the public origin (``WARTA_BASE_URL``), for canonical links, feeds and cards."""

from django.conf import settings


def absolute_url(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return settings.WARTA_BASE_URL + path
