"""The few personal bits of otherwise shared pages, rendered apart from the page.

A page marks each bit with ``{% personal "name" %}``. Rendered normally, the tag renders the bit
in place. Rendered as a *shell* (``personal_shell`` in the context), it leaves a marker instead,
so one rendering of a page serves every reader with the same access to it; each request then
fills the markers with its reader's bits (``fill``). See docs/decisions/0011-personal-bits.md.

The bits are as small as they can be: the markup around them (the account menu, the gifting
form) belongs to the page and is the same for every reader of a kind. Most are a value made in
code, as Django's own ``{% csrf_token %}`` is; the two that are rare and long (flash messages, the
gift banner) are small templates. Both ways of rendering use the same context
(``personal_context``), so a page is the same whether it was filled from a shell or rendered
whole.
"""

import re
from collections.abc import Callable, Mapping
from typing import Any

from django.contrib.messages import get_messages
from django.http import HttpRequest
from django.template.context_processors import csrf
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from warta.accounts.models import User
from warta.gifts.allowance_words import gifts_left_words
from warta.reading.facts import reader_facts

Context = Mapping[str, Any]
Shell = tuple[str, ...]  # page text and bit names, alternately: text, name, text, ... text


def _reader_attributes(context: Context) -> str:
    """On ``<html>``: the signed-in reader's text size, applied before the first paint."""
    user = context["user"]
    if not user.is_authenticated:
        return ""
    return format_html(' data-signed-in data-text-size="{}"', user.text_size)


def _display_name(context: Context) -> str:
    return conditional_escape(context["user"].display_name or "Your account")


def _newsroom_link(context: Context) -> str:
    if not context["back_office"]:
        return ""
    return mark_safe('<a href="/admin/">Newsroom</a>')  # a fixed link  # nosec B308


def _subscribe_link(context: Context) -> str:
    """In the masthead of a signed-in reader who is not paid up (anonymous pages have their own)."""
    if not context["subscribe_offered"]:
        return ""
    return format_html(
        '<a class="button button-subscribe" href="{}">Subscribe</a>',
        reverse("subscriptions:plans"),
    )


def _csrf_input(context: Context) -> str:
    # What {% csrf_token %} renders.
    return format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', context["csrf_token"]
    )


def _gifts_left(context: Context) -> str:
    allowance = context["gift_allowance"]
    return conditional_escape(
        gifts_left_words(left=allowance.left if allowance else 0, now=timezone.now())
    )


def _template(name: str) -> Callable[[Context], str]:
    def render(context: Context) -> str:
        return get_template(name).render(dict(context))

    return render


BITS: dict[str, Callable[[Context], str]] = {
    "reader_attributes": _reader_attributes,
    "display_name": _display_name,
    "newsroom_link": _newsroom_link,
    "subscribe_link": _subscribe_link,
    "csrf_input": _csrf_input,
    "gifts_left": _gifts_left,
    "messages": _template("web/includes/messages.html"),
    "gift_banner": _template("web/personal/gift_banner.html"),
}
# What a bit may take from the page's own context, besides what it knows of the request.
PAGE_BITS = ("gift_allowance", "gift_banner")
MARKER = "<!--warta:personal:{}-->"
# A personal bit's marker, or a story card's (web/cards.py: its name is digits and colons).
MARKER_PATTERN = re.compile(r"<!--warta:(?:personal|card):([a-z_]+|[0-9:]+)-->")


def marker(name: str) -> str:
    if name not in BITS:
        raise ValueError(f"No personal bit called {name!r}: one of {', '.join(BITS)}.")
    return MARKER.format(name)


def _back_office(user: Any) -> bool:
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    return reader_facts(user, now=timezone.now()).back_office


def _subscribe_offered(user: Any) -> bool:
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    return not reader_facts(user, now=timezone.now()).paid_up(timezone.now())


def personal_context(request: HttpRequest, page: Context) -> dict[str, Any]:
    """What a bit is rendered with: the reader, their request, and the page's own bits."""
    user = request.user
    return {
        "request": request,
        "user": user,
        "messages": get_messages(request),
        "back_office": SimpleLazyObject(lambda: _back_office(user)),
        "subscribe_offered": SimpleLazyObject(lambda: _subscribe_offered(user)),
        **csrf(request),  # lazy: a page without a form sets no CSRF cookie
        **{name: page.get(name) for name in PAGE_BITS},
    }


def _empty(name: str, context: Context) -> bool:
    """Bits that would render nothing, known without rendering them."""
    if name == "gift_banner":
        return not context[name]
    if name == "messages":
        return not len(context["messages"])  # does not mark them as shown
    return False


def render_bit(name: str, context: Context) -> SafeString:
    if _empty(name, context):
        return SafeString("")
    html = BITS[name](context)
    return mark_safe(html)  # noqa: S308 - escaped by each bit  # nosec B308, B703


def shell_from(html: str) -> Shell:
    """A page rendered as a shell, cut at its markers once, so that filling it needs no search."""
    return tuple(MARKER_PATTERN.split(html))


def fill(shell: Shell, request: HttpRequest, page: Context, *, cards: bool = True) -> str:
    """The shell with this reader's bits in place of its markers."""
    from .cards import MARKER as CARD_MARKER
    from .cards import cards_for_markers

    context = personal_context(request, page)
    parts = list(shell)
    names = [name for name in parts[1::2] if name[:1].isdigit()]
    # ``cards=False``: the markers stay, for the page cache to fill in (web/page_cache.py).
    found = cards_for_markers(names) if cards else {n: CARD_MARKER.format(n) for n in names}
    for i in range(1, len(parts), 2):
        name = parts[i]
        parts[i] = found[name] if name in found else render_bit(name, context)
    return "".join(parts)
