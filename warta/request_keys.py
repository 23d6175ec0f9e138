"""The key of a WSGI request for the caches in front of Django (web/page_cache.py,
api/answer_cache.py): made of the raw inputs Django builds the URL from, so two requests share
an entry only when Django would have seen the same scheme, host, path and query."""

import hashlib
from typing import Any

from django.conf import settings


def request_digest(environ: dict[str, Any]) -> str:
    proxy_header = settings.SECURE_PROXY_SSL_HEADER[0] if settings.SECURE_PROXY_SSL_HEADER else ""
    parts = (
        environ.get("wsgi.url_scheme", ""),
        environ.get(proxy_header, "") if proxy_header else "",
        environ.get("HTTP_HOST", ""),
        environ.get("HTTP_X_FORWARDED_HOST", "") if settings.USE_X_FORWARDED_HOST else "",
        environ.get("SERVER_NAME", ""),
        environ.get("SERVER_PORT", ""),
        environ.get("SCRIPT_NAME", ""),
        environ.get("PATH_INFO", ""),
        environ.get("QUERY_STRING", ""),
    )
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()
