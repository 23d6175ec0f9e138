"""The one allow-list for a paragraph's HTML, and the cleaning every paragraph goes through.

A paragraph holds what the editor's features make (decision 0002, issue 15 item 2): bold,
italic, links, superscript, subscript and strike-through, in Wagtail's stored names (``b``,
``i``, ``a``, ``sup``, ``sub``, ``s``), within ``p`` with ``br``. Links go over http, https or
mail, or to a page in Wagtail's stored form (``<a linktype="page" id="3">``); a relative link
(the page link once expanded, an anchor) is kept, having no scheme to run. Everything else is
unwrapped (its text kept) or, for elements whose content is code or another document, removed
whole. nh3 (ammonia, html5ever) parses as a browser does, so an entity, a tab or a case change
inside ``javascript:`` is read as the browser would read it, and what it writes back parses to
the same tree (no mutation XSS: no foreign content or raw-text element is ever written).

The wire's agency HTML (``body.py`` of the wire) is cleaned with the same URL schemes and inline
elements before it is cut into blocks; its paragraphs then pass here too, like every write.
"""

import re

import nh3
from django.template.loader import render_to_string
from wagtail.rich_text import RichText, expand_db_html

# The paragraph's elements as Wagtail stores them.
PARAGRAPH_INLINE = frozenset({"b", "i", "a", "sup", "sub", "s", "br"})
PARAGRAPH_ELEMENTS = PARAGRAPH_INLINE | {"p"}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Removed with everything inside: code, styles, other documents and foreign content.
REMOVED_WITH_CONTENT = frozenset(
    {"script", "style", "template", "noscript", "iframe", "object", "svg", "math", "title"}
    | {"textarea", "xmp", "noembed", "noframes", "frameset", "select", "plaintext"}
)
# Attributes kept (none on every element: not ``title`` or ``lang`` either), the URL's scheme
# checked by nh3 for ``href``, the others by value below. Shown HTML has its page links expanded
# to ``href``s, so ``linktype`` and ``id`` are the stored form's only.
_STORED_ATTRIBUTES = {"*": set(), "a": {"href", "linktype", "id"}, "p": {"data-block-key"}}
_SHOWN_ATTRIBUTES = {"*": set(), "a": {"href"}, "p": {"data-block-key"}}
_PAGE_ID = re.compile(r"[0-9]{1,12}")
_BLOCK_KEY = re.compile(r"[A-Za-z0-9_-]{1,40}")


def _attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "linktype":
        return value if value == "page" else None
    if attribute == "id":
        return value if _PAGE_ID.fullmatch(value) else None
    if attribute == "data-block-key":
        return value if _BLOCK_KEY.fullmatch(value) else None
    return value


def _cleaner(attributes: dict[str, set[str]]) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(PARAGRAPH_ELEMENTS),
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in attributes.items()},
        attribute_filter=_attribute,
        url_schemes=set(URL_SCHEMES),
        url_relative="pass_through",
        link_rel=None,
        strip_comments=True,
    )


_STORED = _cleaner(_STORED_ATTRIBUTES)
_SHOWN = _cleaner(_SHOWN_ATTRIBUTES)


def _kept_as_sent(cleaned: str) -> str:
    # html5ever writes a non-breaking space as ``&nbsp;``: kept as the character it was sent as.
    return cleaned.replace("&nbsp;", "\xa0")


def clean_paragraph(source: object) -> str:
    """A paragraph's stored HTML with only what a paragraph may hold; anything not text is
    empty."""
    if not isinstance(source, str) or not source:
        return ""
    return _kept_as_sent(_STORED.clean(source))


def clean_shown(expanded: str) -> str:
    """A paragraph's HTML as it is shown (its page links expanded), cleaned once more: the last
    step before a reader, whatever the value went through before."""
    return _kept_as_sent(_SHOWN.clean(expanded)) if expanded else ""


class ShownRichText(RichText):
    """A paragraph as ``visible_body`` hands it out: its source cleaned, and its HTML, page links
    expanded, cleaned again as it is rendered (the paragraph template, the API)."""

    def __init__(self, source: object) -> None:
        super().__init__(clean_paragraph(source))

    def shown_html(self) -> str:
        return clean_shown(expand_db_html(self.source))

    def __html__(self) -> str:
        return render_to_string("wagtailcore/shared/richtext.html", {"html": self.shown_html()})
