"""Agency HTML made into an article body: cleaned with nh3, then cut into the body's blocks.

Whatever an agency sends, only what a paragraph may hold survives (bold, italic, links over
http(s) or mail, super- and subscript, strike-through), in paragraphs, subheadings and quotes.
Scripts and styles go with their content; event handlers, other URL schemes, images, frames,
SVG and MathML go. lxml then reads the clean HTML once, so entities are decoded once and text
is kept as sent, non-breaking spaces and all (serialised as characters, not ``&nbsp;``).
"""

from dataclasses import dataclass

import nh3
from lxml import html

from warta.newsroom.rich_text import PARAGRAPH_INLINE, REMOVED_WITH_CONTENT, URL_SCHEMES

# What nh3 keeps; everything else is unwrapped (its text kept) or, for these, removed whole.
_KEPT = {
    "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li",
    "b", "strong", "i", "em", "a", "sup", "sub", "s", "strike", "del",
}  # fmt: skip
# The paragraph's list (``warta.newsroom.rich_text``, one allow-list for every path), and more.
_REMOVED_WITH_CONTENT = set(REMOVED_WITH_CONTENT)
# A whole XHTML document's head, and the header some agencies put before the text (dpa's holds
# the slugline, the headline again and "not before 11:30": an embargo note is never the story's).
_REMOVED_WITH_CONTENT |= {"head", "title", "header", "footer", "nav"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# The paragraph's rich-text features, in the names Wagtail stores.
_INLINE_NAMES = {"strong": "b", "em": "i", "strike": "s", "del": "s"}
_INLINE = PARAGRAPH_INLINE


@dataclass(frozen=True)
class BodyBlock:
    kind: str  # "paragraph" (inner HTML), "subheading" or "quote" (plain text)
    value: str


class BodyRefused(ValueError):
    """HTML that no article body may come from; the message says why, for the summary."""


# Elements inside one another: agency bodies go a few levels deep. nh3's time grows with the
# square of the depth (100,000 nested divs: a minute), so deeper HTML is refused before it.
MAX_DEPTH = 100


def _depth_check(raw: str) -> None:
    if raw.count("<") <= MAX_DEPTH:
        return
    # libxml2's HTML parser is linear and stops nesting at 255: enough to tell.
    root = html.fragment_fromstring(raw, create_parent="div")
    level = [(root, 0)]
    while level:
        element, depth = level.pop()
        if depth > MAX_DEPTH:
            raise BodyRefused(
                f"the HTML is nested too deeply (more than {MAX_DEPTH} elements inside one another)"
            )
        level.extend((child, depth + 1) for child in element)


def clean_html(raw: str) -> str:
    """The agency's HTML with only what an article body may hold; ``BodyRefused`` for HTML
    nested too deeply to clean."""
    _depth_check(raw)
    return nh3.clean(
        raw,
        tags=_KEPT,
        clean_content_tags=_REMOVED_WITH_CONTENT,
        attributes={"a": {"href"}},
        url_schemes=set(URL_SCHEMES),
        url_relative="deny",
        link_rel=None,
        strip_comments=True,
    )


def body_blocks(raw: str) -> list[BodyBlock]:
    """The article's blocks from the agency's body HTML, in order; empty paragraphs dropped."""
    cleaned = clean_html(raw).strip()
    if not cleaned:
        return []
    root = html.fragment_fromstring(cleaned, create_parent="div")
    blocks: list[BodyBlock] = []
    loose: list[str] = []  # inline content between block elements, one paragraph

    def flush() -> None:
        text = "".join(loose).strip()
        loose.clear()
        if _text_of(text):
            blocks.append(BodyBlock("paragraph", text))

    if root.text:
        loose.append(_escape(root.text))
    for element in root:
        tag = element.tag
        if tag == "p":
            flush()
            inner = _inline_html(element).strip()
            if _text_of(inner):
                blocks.append(BodyBlock("paragraph", inner))
        elif tag in _HEADINGS:
            flush()
            text = _plain(element)
            if text:
                blocks.append(BodyBlock("subheading", text[:200]))
        elif tag == "blockquote":
            flush()
            text = _plain(element)
            if text:
                blocks.append(BodyBlock("quote", text))
        elif tag in ("ul", "ol"):
            flush()
            for n, item in enumerate(element.iter("li"), start=1):
                inner = _inline_html(item).strip()
                if _text_of(inner):
                    mark = f"{n}." if tag == "ol" else "•"
                    blocks.append(BodyBlock("paragraph", f"{mark} {inner}"))
        else:
            loose.append(_serialise(element))
        if element.tail:
            loose.append(_escape(element.tail))
    flush()
    return blocks


def _inline_html(element: html.HtmlElement) -> str:
    """The element's content as a paragraph's HTML: inline elements only, named as Wagtail
    stores them; block elements nested inside (a list in a paragraph) keep only their text."""
    parts = [_escape(element.text or "")]
    for child in element:
        parts.append(_serialise(child))
        parts.append(_escape(child.tail or ""))
    return "".join(parts)


def _serialise(element: html.HtmlElement) -> str:
    tag = _INLINE_NAMES.get(element.tag, element.tag)
    if tag not in _INLINE:
        return _inline_html(element)
    if tag == "br":
        return "<br/>"
    inner = _inline_html(element)
    if tag == "a":
        href = element.get("href", "")
        return f'<a href="{_escape(href, quote=True)}">{inner}</a>' if href else inner
    return f"<{tag}>{inner}</{tag}>"


def _plain(element: html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _text_of(fragment: str) -> str:
    if not fragment:
        return ""
    return html.fragment_fromstring(fragment, create_parent="div").text_content().strip()


def _escape(text: str, *, quote: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if quote else text
