"""What a body's HTML may hold once it reaches a reader, checked on the parsed tree (lxml), not
with patterns: the paragraph's elements only, no event handler, no URL that runs or embeds."""

import re
from html import unescape
from pathlib import Path

from lxml import html

# The paragraph's features as stored and as shown (decision 0002, issue 15 item 2).
ALLOWED_ELEMENTS = {"p", "br", "b", "i", "a", "sup", "sub", "s"}
ALLOWED_ATTRIBUTES = {"a": {"href", "linktype", "id"}, "p": {"data-block-key"}}
NEVER = {"script", "svg", "math", "iframe", "style", "object", "embed", "frame", "frameset"}
NEVER |= {"img", "form", "input", "button", "base", "link", "meta", "template", "noscript"}
_SCHEMES_THAT_RUN = ("javascript:", "data:", "vbscript:", "livescript:")
_SPACE_AND_CONTROLS = re.compile(r"[\x00-\x20\x7f-\x9f\s]+")


def _url_runs(value: str) -> bool:
    # Entities decoded (twice: an attribute can hold an entity's entity), then every space and
    # control character dropped, as a browser's URL parser ignores them inside a scheme.
    decoded = _SPACE_AND_CONTROLS.sub("", unescape(unescape(value))).lower()
    return decoded.startswith(_SCHEMES_THAT_RUN)


def problems(fragment: str) -> list[str]:
    """What in ``fragment`` a reader's browser must never get; empty when it is safe."""
    if not fragment.strip():
        return []
    found: list[str] = []
    root = html.fragment_fromstring(fragment, create_parent="div")
    for element in root.iterdescendants():
        tag = element.tag if isinstance(element.tag, str) else "<!-- -->"
        if tag == "<!-- -->":
            continue  # lxml keeps comments and processing instructions as nodes, not elements
        name = tag.lower().rsplit(":", 1)[-1]
        if name in NEVER or name not in ALLOWED_ELEMENTS:
            found.append(f"element <{tag}>")
        for attribute, value in element.attrib.items():
            lowered = attribute.lower()
            if lowered.startswith("on"):
                found.append(f"handler {attribute}= on <{tag}>")
            elif lowered not in ALLOWED_ATTRIBUTES.get(name, set()):
                found.append(f"attribute {attribute}= on <{tag}>")
            if _url_runs(value):
                found.append(f"URL {attribute}={value!r} on <{tag}>")
    return found


def assert_safe(fragment: str) -> None:
    found = problems(fragment)
    assert not found, f"{found} in {fragment!r}"


def body_html_of_page(page: str) -> str:
    """The article body's HTML as the page shows it (the ``.article-body`` element's content)."""
    doc = html.fromstring(page)
    bodies = doc.cssselect(".article-body")
    assert bodies, "the page has no article body"
    parts = []
    for body in bodies:
        parts.extend(html.tostring(child, encoding="unicode") for child in body)
    return "".join(parts)


_ESCAPES = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[nrt])")
_NAMED = {"n": "\n", "r": "\r", "t": "\t"}


def _decoded(line: str) -> str:
    def one(match: re.Match[str]) -> str:
        code = match.group(1)
        return _NAMED[code] if code in _NAMED else chr(int(code[1:], 16))

    return _ESCAPES.sub(one, line)


def xss_payloads() -> list[str]:
    """The corpus of ``xss_payloads.txt``, its escapes read (``\\n``, ``\\t``, ``\\xNN``...)."""
    lines = (Path(__file__).with_name("xss_payloads.txt").read_text(encoding="utf-8")).splitlines()
    return [_decoded(line) for line in lines if line.strip() and not line.startswith("#")]
