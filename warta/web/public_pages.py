"""The web's answer to the newsroom's question "where do readers find this?"
(warta/newsroom/public_pages.py): URLs from the web's routes, the admin preview from the article
page, and the first path segments the site's routes take (no section may take one)."""

import re
from datetime import datetime
from functools import cache, lru_cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import (
    URLPattern,
    URLResolver,
    get_resolver,
    get_script_prefix,
    get_urlconf,
    reverse,
)

from warta.access.rules import Decision, Reason
from warta.newsroom.models import Article

from .article_context import article_page_context

# The leading characters of a route that are text, not a parameter or a regular expression.
_LITERAL = re.compile(r"^\^?([-\w.]+)/")


def _dated(name: str, *, section: str, published: datetime, slug: str) -> str:
    # Remembered: a feed, a sitemap or a list names hundreds of articles, each a reverse() of
    # about 15 µs; the answer depends on the routes and the script prefix too, so they are in
    # the key (a test that changes ROOT_URLCONF gets its own answers).
    return _dated_url(
        name,
        section,
        published.year,
        published.month,
        published.day,
        slug,
        settings.ROOT_URLCONF,
        get_urlconf(),
        get_script_prefix(),
    )


@lru_cache(maxsize=20_000)
def _dated_url(
    name: str,
    section: str,
    year: int,
    month: int,
    day: int,
    slug: str,
    root: str,
    urlconf: str | None,
    prefix: str,
) -> str:
    kwargs = {
        "section": section,
        "year": f"{year:04d}",
        "month": f"{month:02d}",
        "day": f"{day:02d}",
        "slug": slug,
    }
    return reverse(name, kwargs=kwargs, urlconf=urlconf)


def _first_segments(patterns: list[URLPattern | URLResolver]) -> set[str]:
    segments = set()
    for pattern in patterns:
        route = str(pattern.pattern)
        match = _LITERAL.match(route)
        if match:
            segments.add(match.group(1))
        elif isinstance(pattern, URLResolver) and route in ("", "^"):
            segments |= _first_segments(pattern.url_patterns)
    return segments


@cache
def _reserved() -> frozenset[str]:
    served = {settings.STATIC_URL, settings.MEDIA_URL}
    extra = {url.strip("/").split("/")[0] for url in served if url and url.startswith("/")}
    return frozenset(_first_segments(get_resolver().url_patterns) | extra)


class WebPublicPages:
    def article_url(self, *, section: str, published: datetime, slug: str) -> str:
        return _dated("web:article", section=section, published=published, slug=slug)

    def article_print_url(self, *, section: str, published: datetime, slug: str) -> str:
        return _dated("web:article-print", section=section, published=published, slug=slug)

    def section_url(self, *, slug: str) -> str:
        return reverse("web:section", kwargs={"section": slug})

    def author_url(self, *, slug: str) -> str:
        return reverse("web:author", kwargs={"slug": slug})

    def tag_url(self, *, slug: str) -> str:
        return reverse("web:tag", kwargs={"slug": slug})

    def reserved_paths(self) -> frozenset[str]:
        return _reserved()

    def preview_template(self) -> str:
        return "web/article.html"

    def preview_context(self, *, article: Article, request: HttpRequest) -> dict[str, Any]:
        # Only newsroom staff reach previews, so the body is whole.
        return article_page_context(
            article=article, request=request, decision=Decision(True, Reason.STAFF), preview=True
        )
