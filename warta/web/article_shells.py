"""Article pages rendered once per kind of reader, then filled for each reader.

Every reader of an article whose reading has the same ``ShellKind`` (the same access, for the
same reason, signed in or not, through a gift or not: warta/reading/access.py) sees the same page
but for a few personal bits (warta/web/personal.py). The page is rendered once as a shell for that
kind of reader, from the article and the kind alone, and kept in the cache by every field of the
kind until a change names the article or one of the stories it lists (``newsroom/fresh_cache.py``);
each request fills in its reader's bits. A subscriber's article then costs the session, the user
and a few cache reads, not a render (docs/decisions/0011-personal-bits.md).

A shell is rendered with a stand-in for the reader that says only whether someone is signed in,
no CSRF token and no messages, so nothing personal can slip into what other readers are served.
"""

from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest
from django.template.loader import render_to_string

from warta.cache_table import ARTICLE_REFS, ARTICLE_SHELLS
from warta.newsroom.content_changes import content_seen
from warta.newsroom.content_keys import article_key
from warta.newsroom.fresh_cache import kept_get, kept_set
from warta.newsroom.models import Article
from warta.newsroom.selectors import ArticleRef, article_get_published
from warta.reading.access import ShellKind

from .article_context import article_page_context
from .personal import Shell, shell_from


@dataclass(frozen=True)
class ShellReader:
    """Who reads a shell: signed in or not, and nothing else."""

    is_authenticated: bool

    @property
    def is_anonymous(self) -> bool:
        return not self.is_authenticated


def _caching() -> bool:
    # Kept apart from the page cache's lifetime: a page cache miss (a page gone stale because a
    # story it lists changed, or evicted) then costs no render of the article (decision 0017).
    return settings.WARTA_FRAGMENT_CACHE_SECONDS > 0


def _lifetime() -> int:
    return settings.WARTA_FRAGMENT_CACHE_SECONDS


def article_ref_for_page(*, slug: str) -> ArticleRef | None:
    """The live article with this slug, as far as deciding access goes; kept in the cache until
    the content changes."""
    if not _caching():
        article = article_get_published(slug=slug)
        return ArticleRef.of(article) if article is not None else None
    key = ARTICLE_REFS.key(slug)
    ref: ArticleRef | None = kept_get(key, lifetime=_lifetime())
    if ref is None:
        seen = content_seen()
        article = article_get_published(slug=slug)
        if article is None:
            return None
        ref = replace(ArticleRef.of(article), loaded_seen=seen)
        kept_set(
            key, ref.to_keep(), seen=seen, keys=(article_key(article.pk),), lifetime=_lifetime()
        )
    return ref


def _full_article(ref: ArticleRef) -> Article:
    """The article behind ``ref``, to render its page (unpublished a moment ago: gone)."""
    article = ref.loaded or article_get_published(slug=ref.slug)
    if article is None:
        raise Http404("No such article.")
    return article


def shell_context(request: HttpRequest, *, article: ArticleRef, kind: ShellKind) -> dict[str, Any]:
    """What a shell is rendered with: the article and the kind of reader, nothing else."""
    return {
        **article_page_context(
            article=_full_article(article), request=request, decision=kind.decision
        ),
        "noindex": kind.gift_reader,
        # The gifting control as every reader of this kind sees it: no count, which is a bit.
        "gift_offer": (
            {"can_gift": kind.can_gift, "has_gifts_left": kind.has_gifts_left}
            if kind.gifting_offered
            else None
        ),
    }


@dataclass(frozen=True)
class ArticleShell:
    parts: Shell
    # What the page shows: the article, and the stories it lists (their cards are filled in
    # for each request, web/cards.py, so the shell itself goes stale with the article only).
    keys: tuple[str, ...]


def article_shell(
    request: HttpRequest, template: str, *, article: ArticleRef, kind: ShellKind
) -> ArticleShell:
    """The page for this kind of reader, with markers for the personal bits."""
    key = ARTICLE_SHELLS.key(request.get_host(), template, request.path, kind.key())
    shell: ArticleShell | None = kept_get(key, lifetime=_lifetime()) if _caching() else None
    if shell is None:
        # Taken before the article is read: from the cache, it is read below; read for this
        # request already, it is right only about what was known before that.
        seen = 0
        if _caching():
            seen = article.loaded_seen if article.loaded is not None else content_seen()
        stand_ins = {
            "personal_shell": True,
            "user": ShellReader(is_authenticated=kind.signed_in),
            "perms": None,
            "csrf_token": "",
            "messages": (),
        }
        context = shell_context(request, article=article, kind=kind)
        shows = dict.fromkeys([article_key(article.pk), *map(article_key, context["related"])])
        shell = ArticleShell(
            parts=shell_from(render_to_string(template, {**context, **stand_ins}, request)),
            keys=tuple(shows),
        )
        if _caching():
            kept_set(key, shell, seen=seen, keys=shell.keys[:1], lifetime=_lifetime())
    return shell
