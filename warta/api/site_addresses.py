"""Addresses on the public site (``WARTA_BASE_URL``): absolute URLs for the app, and the article
a URL of the site names, for ``/api/v1/resolve`` (a universal link opening in the app).

The site's routes are the web's; the API does not import it. It asks Django's URL resolver which
route a path takes, and takes the slug of a dated article route (section, date, slug: the page
and its print view), as the newsroom's ``public_pages`` builds them. Whether that slug is a live
article's, now or before a rename, is the selectors' question.
"""

from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve

URL_MAX_LENGTH = 2048
# The parameters of an article's route (newsroom.public_pages: section, published date, slug).
_ARTICLE_ROUTE = frozenset({"section", "year", "month", "day", "slug"})


class NotOnSite(ValueError):
    pass


def absolute_url(path: str) -> str:
    """A URL the app can open: paths are on the public origin; full URLs (an object store's
    images) stay as they are."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.WARTA_BASE_URL + path


def article_slug_at(url: str) -> str | None:
    """The slug in the address of an article page of this site, or None when the address is the
    site's but no article's. ``NotOnSite`` when it is not an address of this site."""
    base = urlsplit(settings.WARTA_BASE_URL)
    try:
        parts = urlsplit(url.strip())
    except ValueError as exc:  # an unclosed IPv6 bracket...
        raise NotOnSite(url) from exc
    if (
        len(url) > URL_MAX_LENGTH
        or parts.scheme.lower() != base.scheme.lower()
        or parts.netloc.lower() != base.netloc.lower()
        or not parts.path.startswith(base.path + "/")
    ):
        raise NotOnSite(url)
    path = unquote(parts.path[len(base.path) :])
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if set(match.kwargs) != _ARTICLE_ROUTE:
        return None
    return str(match.kwargs["slug"])
