"""Where readers find the newsroom's work, as the channel that shows it says.

The newsroom knows no web: its models ask this module for their public URLs and for the admin
preview, and the web registers how (warta/web/public_pages.py, from its AppConfig.ready). A
process that loads the newsroom without the web (none does today) gets a clear error instead of a
URL made up here.
"""

from typing import TYPE_CHECKING, Any, Protocol

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from django.http import HttpRequest

    from .models import Article


class PublicPages(Protocol):
    def article_url(self, *, section: str, published: Any, slug: str) -> str: ...
    def article_print_url(self, *, section: str, published: Any, slug: str) -> str: ...
    def section_url(self, *, slug: str) -> str: ...
    def author_url(self, *, slug: str) -> str: ...
    def tag_url(self, *, slug: str) -> str: ...
    def reserved_paths(self) -> frozenset[str]: ...
    def preview_template(self) -> str: ...
    def preview_context(self, *, article: "Article", request: "HttpRequest") -> dict[str, Any]: ...


_registered: list[PublicPages] = []


def public_pages_register(pages: PublicPages) -> None:
    _registered[:] = [pages]


def public_pages() -> PublicPages:
    if not _registered:
        raise ImproperlyConfigured(
            "No public pages registered: add warta.web to INSTALLED_APPS (it registers them)."
        )
    return _registered[0]


def reserved_section_slugs() -> frozenset[str]:
    """First path segments the site uses itself, from its routes: a section may not take one."""
    return public_pages().reserved_paths()
