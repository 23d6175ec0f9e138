"""The answers of ``/articles/{id}`` and ``/resolve``: an article for one reader.

Who may read it is the reading layer's answer (``article_reading``), as on the article page; the
body comes from ``visible_body`` through ``resources.article_parts``. The answer is shared
(public, purged by the article's key) when it cannot depend on who asks: nobody is identified and
no gift opened it. The access reason is part of it, so it still varies by reader.

What deciding access needs of the article and both its bodies, whole and teaser, are kept in the
cache (``API_ARTICLES``) until a change names the article, as the site keeps its article shells
(decision 0011): a subscriber's read then costs their session, their facts and a few cache
reads, not the article's rows. Each read picks the body its reader's decision allows.

With a gift link's token the read opens the link for the device (decision 0006, as the article
page does): ``grants_to_keep`` is then the device's new grants value, for the endpoint to hand
back, and ``source_to_keep`` the gift a sign-up from the app is credited to, as the site credits
one that follows a gift link. A link that opens nothing says why in ``access.reason``
(``gift_expired``...).
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings

from warta.cache_table import API_ARTICLES
from warta.gifts.grants import Grants
from warta.gifts.models import gift_source
from warta.newsroom.content_changes import content_seen
from warta.newsroom.content_keys import article_key
from warta.newsroom.fresh_cache import kept_get, kept_set
from warta.newsroom.selectors import ArticleRef

from .http_caching import Answer
from .problems import ARTICLE_NOT_FOUND, URL_NOT_ON_SITE, ProblemRaised
from .reader_inputs import ApiReader
from .resources import Access, ArticleParts, ArticleResource, article_parts
from .selectors import article_get_for_api, article_pk_by_slug_for_api
from .site_addresses import NotOnSite, article_slug_at


@dataclass(frozen=True)
class KeptArticle:
    ref: ArticleRef  # what deciding access needs
    parts: ArticleParts


@dataclass(frozen=True)
class ArticleRead:
    answer: Answer[ArticleResource]
    grants_to_keep: Grants | None  # a gift link just opened: the device's new grants
    source_to_keep: str | None = None  # ... and the gift that sign-ups are credited to


def _kept_article(pk: int) -> KeptArticle | None:
    """The live article ``pk`` as its answers need it, from the cache when it is there."""
    lifetime = settings.WARTA_FRAGMENT_CACHE_SECONDS
    key = API_ARTICLES.key(pk)
    if lifetime > 0:
        kept: KeptArticle | None = kept_get(key, lifetime=lifetime)
        if kept is not None:
            return kept
    seen = content_seen()  # before the article is read
    article = article_get_for_api(pk=pk)
    if article is None:
        return None
    made = KeptArticle(ref=ArticleRef.of(article).to_keep(), parts=article_parts(article))
    if lifetime > 0:
        kept_set(key, made, seen=seen, keys=(article_key(pk),), lifetime=lifetime)
    return made


def article_answer(
    *, article_id: int, reader: ApiReader, now: datetime, gift_token: str | None = None
) -> ArticleRead:
    article = _kept_article(article_id)
    if article is None:
        raise ProblemRaised(ARTICLE_NOT_FOUND)
    reading = reader.reading(article=article.ref, now=now, gift_token=gift_token)
    access = Access(full=reading.decision.allowed, reason=reading.decision.reason)
    answer = Answer(
        article.parts.resource_for(access),
        keys=(article_key(article_id),),
        personal=reader.identified or reading.personal,
        varies_by_reader=True,
    )
    opened = reading.gift.gift if reading.grants_to_keep is not None and reading.gift else None
    source = gift_source(opened.pk) if opened is not None else None
    return ArticleRead(answer, reading.grants_to_keep, source)


def resolve_answer(
    *, url: str, reader: ApiReader, now: datetime, gift_token: str | None = None
) -> ArticleRead:
    """The article at ``url``, an address of its page on the site (an old one redirects there,
    so it opens it too)."""
    try:
        slug = article_slug_at(url)
    except NotOnSite:
        raise ProblemRaised(URL_NOT_ON_SITE) from None
    pk = article_pk_by_slug_for_api(slug=slug) if slug is not None else None
    if pk is None:
        raise ProblemRaised(ARTICLE_NOT_FOUND)
    return article_answer(article_id=pk, reader=reader, now=now, gift_token=gift_token)
