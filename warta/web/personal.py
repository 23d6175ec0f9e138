"""The few personal bits of otherwise shared pages, rendered apart from the page.

A page marks each bit with ``{% personal "name" %}``. Rendered normally, the tag renders the
bit's template in place. Rendered as a *shell* (``personal_shell`` in the context), it leaves a
marker instead, so one rendering of a page serves every reader with the same access to it; each
request then fills the markers with its reader's bits (``fill``): the account menu, the flash
messages, the gift banner and the gifting control. See docs/decisions/0011-personal-bits.md.

Both ways render a bit from the same context (``personal_context``), so a page is the same
whether it was filled from a shell or rendered whole.
"""

import re
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpRequest
from django.template.context_processors import csrf
from django.template.loader import get_template
from django.templatetags.static import static
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from warta.accounts.models import User

from .reader_facts import reader_facts

FRAGMENTS = {
    "html_attrs": "web/personal/html_attrs.html",
    "account_links": "web/personal/account_links.html",
    "messages": "web/personal/messages.html",
    "gift_banner": "web/personal/gift_banner.html",
    "gift_offer": "web/personal/gift_offer.html",
}
# What a bit may take from the page's own context, besides what it knows of the request.
PAGE_BITS = ("article", "gift_offer", "gift_banner")
MARKER = "<!--warta:personal:{}-->"
MARKER_PATTERN = re.compile(r"<!--warta:personal:([a-z_]+)-->")


def marker(name: str) -> str:
    if name not in FRAGMENTS:
        raise ValueError(f"No personal bit called {name!r}: one of {', '.join(FRAGMENTS)}.")
    return MARKER.format(name)


_URL_NAMES = {
    "plans": "subscriptions:plans",
    "account": "web:account",
    "login": "account_login",
    "logout": "account_logout",
    "gifts": "gifts:list",
}
_urls_seen: dict[tuple[str, str], dict[str, str]] = {}


def _urls() -> dict[str, str]:
    """The addresses the bits link to, worked out once: reversing them on every request took
    most of the time of filling a shell."""
    key = (str(get_urlconf() or settings.ROOT_URLCONF), get_script_prefix())
    if key not in _urls_seen:
        found = {}
        for short, name in _URL_NAMES.items():
            try:
                found[short] = reverse(name)
            except NoReverseMatch:
                found[short] = ""
        found["gift_js"] = static("web/gift.js")
        _urls_seen[key] = found
    return _urls_seen[key]


def _back_office(user: Any) -> bool:
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    return reader_facts(user, now=timezone.now()).back_office


def personal_context(request: HttpRequest, page: Mapping[str, Any]) -> dict[str, Any]:
    """What a bit is rendered with: the reader, their request, and the page's own bits."""
    user = request.user
    return {
        "request": request,
        "user": user,
        "messages": get_messages(request),
        "back_office": SimpleLazyObject(lambda: _back_office(user)),
        "urls": _urls(),
        **csrf(request),  # lazy: a page without a form sets no CSRF cookie
        **{name: page.get(name) for name in PAGE_BITS},
    }


def render_bit(name: str, context: dict[str, Any]) -> str:
    return get_template(FRAGMENTS[name]).render(context)


def _empty(name: str, context: dict[str, Any]) -> bool:
    """Bits that would render nothing, known without rendering them (it saves most of the time
    of filling a shell)."""
    if name in ("gift_banner", "gift_offer"):
        return not context[name]
    if name == "messages":
        return not len(context["messages"])  # does not mark them as shown
    return False


Shell = tuple[str, ...]  # page text and bit names, alternately: text, name, text, ... text


def shell_from(html: str) -> Shell:
    """A page rendered as a shell, cut at its markers once, so that filling it needs no search."""
    return tuple(MARKER_PATTERN.split(html))


def fill(shell: Shell, request: HttpRequest, page: Mapping[str, Any]) -> str:
    """The shell with this reader's bits in place of its markers."""
    context = personal_context(request, page)
    parts = list(shell)
    for i in range(1, len(parts), 2):
        name = parts[i]
        parts[i] = "" if _empty(name, context) else render_bit(name, context)
    return "".join(parts)
