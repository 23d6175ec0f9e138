"""The Content-Security-Policy of every response and the Permissions-Policy header
(docs/decisions/0023-content-security-policy.md).

Django's own middleware (``django.middleware.csp``) writes the CSP headers from ``SECURE_CSP`` and
``SECURE_CSP_REPORT_ONLY``. Reader pages are shared by every anonymous reader (the page cache and
Varnish keep them whole, headers included), so they allow their one inline script by its hash,
never by a nonce: a nonce in a shared page would be the same for every reader. The back office
(``/admin/``) is private and gets its own policy, with a nonce that Django adds per response.

This module is read by ``config/settings.py``: it imports nothing of Django's apps.
"""

import base64
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

INLINE_DIR = Path(__file__).resolve().parent / "inline"

# The text size before the first paint (decision 0009): the one inline script of reader pages,
# written into <head> by ``web/tools/head.html`` exactly as it is in this file.
FIRST_PAINT_SCRIPT = (INLINE_DIR / "text-size-first-paint.js").read_text(encoding="utf-8")


def source_hash(text: str) -> str:
    """The CSP source expression that allows an inline script or style of exactly this text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


FIRST_PAINT_SCRIPT_HASH = source_hash(FIRST_PAINT_SCRIPT)
# Every inline script a reader page may carry (data blocks such as JSON-LD are not scripts).
READER_SCRIPT_HASHES = (FIRST_PAINT_SCRIPT_HASH,)

# Powerful features no page of warta uses, turned off for the page and every frame in it.
# payment: Stripe Checkout is a redirect to Stripe's own page; no page of ours asks the Payment
# Request API. clipboard-write and web-share stay allowed (the share panel's "Copy link", the
# device's share sheet). Topics off: browsing-topics; FLoC's interest-cohort is gone from browsers
# and, like ambient-light-sensor and bluetooth, Chromium logs an error for the unknown name on
# every page, so none of the three is listed.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)
PERMISSIONS_POLICY_HEADER = "Permissions-Policy"

ADMIN_PREFIX = "/admin/"
# The back office's sign-in, the one page of it anyone may open: Wagtail renders it with no
# inline script or style, so it gets the strict policy enforced.
ADMIN_SIGN_IN = "/admin/login/"


def response_used_nonce(request: Any) -> bool:
    """True when this response's rendering read the request's CSP nonce (Django makes it lazily):
    such a page is for this request only, and no shared cache may keep it."""
    nonce = getattr(request, "_csp_nonce", None)
    return bool(nonce)


class SecurityHeadersMiddleware:
    """Inside Django's CSP middleware: gives the back office its own policies and every response
    the Permissions-Policy. The back office enforces ``WARTA_CSP_ADMIN`` (Wagtail 8 still writes
    inline scripts and styles, decision 0023) and reports what ``WARTA_CSP_ADMIN_STRICT`` would
    block; its sign-in page enforces the strict one."""

    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        from django.conf import settings

        response = self.get_response(request)
        if request.path.startswith(ADMIN_PREFIX) and not hasattr(response, "_csp_config"):
            if request.path == ADMIN_SIGN_IN:
                response._csp_config = settings.WARTA_CSP_ADMIN_STRICT
                response._csp_ro_config = {}
            else:
                response._csp_config = settings.WARTA_CSP_ADMIN
                response._csp_ro_config = settings.WARTA_CSP_ADMIN_STRICT
        if PERMISSIONS_POLICY_HEADER not in response:
            response[PERMISSIONS_POLICY_HEADER] = PERMISSIONS_POLICY
        return response
