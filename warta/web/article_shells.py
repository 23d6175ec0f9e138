"""Article pages rendered once per kind of reader, then filled for each reader.

Every reader of an article who gets the same decision (the same access, for the same reason,
signed in or not, through a gift or not) sees the same page but for a few personal bits
(warta/web/personal.py). The page is rendered once as a shell for that kind of reader and kept in
the cache, keyed like the page cache by the content version; each request fills in its reader's
bits. A subscriber's article then costs the session, the user and a few cache reads, not a render
(docs/decisions/0011-personal-bits.md).

A shell is rendered with a stand-in for the reader that says only whether someone is signed in,
no CSRF token and no messages, so nothing personal can slip into what other readers are served.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string

from warta.access.rules import Decision
from warta.local_cache import local_get, local_set
from warta.newsroom.content_version import content_version
from warta.newsroom.selectors import ArticleRef, article_get_published

from .personal import Shell, shell_from

SHELL_PREFIX = "warta:shell:"
ARTICLE_PREFIX = "warta:article:"


@dataclass(frozen=True)
class ShellReader:
    """Who reads a shell: signed in or not, and nothing else."""

    is_authenticated: bool

    @property
    def is_anonymous(self) -> bool:
        return not self.is_authenticated


def reader_kind(*, decision: Decision, signed_in: bool, gift_reader: bool, can_gift: bool) -> str:
    flags = "".join(str(int(flag)) for flag in (decision.allowed, signed_in, gift_reader, can_gift))
    return f"{decision.reason.value}:{flags}"


def _caching() -> bool:
    return settings.WARTA_PAGE_CACHE_SECONDS > 0


def article_ref_for_page(*, slug: str) -> ArticleRef | None:
    """The live article with this slug, as far as deciding access goes; kept in the cache until
    the content changes."""
    if not _caching():
        article = article_get_published(slug=slug)
        return ArticleRef.of(article) if article is not None else None
    key = f"{ARTICLE_PREFIX}{content_version()}:{slug}"
    ref: ArticleRef | None = local_get(key)
    if ref is None:
        article = article_get_published(slug=slug)
        if article is None:
            return None
        ref = ArticleRef.of(article)
        local_set(key, ref.to_keep(), seconds=settings.WARTA_PAGE_CACHE_SECONDS)
    return ref


def article_shell(
    request: HttpRequest,
    template: str,
    *,
    kind: str,
    signed_in: bool,
    context: Callable[[], dict[str, Any]],
) -> Shell:
    """The page for this kind of reader, with markers for the personal bits. ``context`` is
    called only when the shell has to be rendered."""
    key = f"{SHELL_PREFIX}{content_version()}:{request.get_host()}:{template}:{request.path}:{kind}"
    shell: Shell | None = local_get(key) if _caching() else None
    if shell is None:
        stand_ins = {
            "personal_shell": True,
            "user": ShellReader(is_authenticated=signed_in),
            "perms": None,
            "csrf_token": "",
            "messages": (),
        }
        shell = shell_from(render_to_string(template, {**context(), **stand_ins}, request))
        if _caching():
            local_set(key, shell, seconds=settings.WARTA_PAGE_CACHE_SECONDS)
    return shell
