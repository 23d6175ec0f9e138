"""The answers of ``/articles/{id}`` and ``/resolve``: an article for one reader.

Who may read it is the reading layer's answer (``article_reading``), as on the article page; the
body comes from ``visible_body`` through ``resources.article_resource``. The answer is shared
(public, purged by the article's key) when it cannot depend on who asks: nobody is identified and
no gift opened it. The access reason is part of it, so it still varies by reader.

With a gift link's token the read opens the link for the device (decision 0006, as the article
page does): ``grants_to_keep`` is then the device's new grants value, for the endpoint to hand
back. A link that opens nothing says why in ``access.reason`` (``gift_expired``...).
"""

from dataclasses import dataclass
from datetime import datetime

from warta.gifts.grants import Grants
from warta.newsroom.content_keys import article_key
from warta.newsroom.models import Article

from .http_caching import Answer
from .problems import ARTICLE_NOT_FOUND, URL_NOT_ON_SITE, ProblemRaised
from .reader_inputs import ApiReader
from .resources import ArticleResource, article_resource
from .selectors import article_get_by_slug_for_api, article_get_for_api
from .site_addresses import NotOnSite, article_slug_at


@dataclass(frozen=True)
class ArticleRead:
    answer: Answer[ArticleResource]
    grants_to_keep: Grants | None  # a gift link just opened: the device's new grants


def _answer(
    article: Article | None, *, reader: ApiReader, now: datetime, gift_token: str | None
) -> ArticleRead:
    if article is None:
        raise ProblemRaised(ARTICLE_NOT_FOUND)
    reading = reader.reading(article=article, now=now, gift_token=gift_token)
    answer = Answer(
        article_resource(article, reading),
        keys=(article_key(article.pk),),
        personal=reader.identified or reading.personal,
        varies_by_reader=True,
    )
    return ArticleRead(answer, reading.grants_to_keep)


def article_answer(
    *, article_id: int, reader: ApiReader, now: datetime, gift_token: str | None = None
) -> ArticleRead:
    article = article_get_for_api(pk=article_id)
    return _answer(article, reader=reader, now=now, gift_token=gift_token)


def resolve_answer(
    *, url: str, reader: ApiReader, now: datetime, gift_token: str | None = None
) -> ArticleRead:
    """The article at ``url``, an address of its page on the site (an old one redirects there,
    so it opens it too)."""
    try:
        slug = article_slug_at(url)
    except NotOnSite:
        raise ProblemRaised(URL_NOT_ON_SITE) from None
    article = article_get_by_slug_for_api(slug=slug) if slug is not None else None
    return _answer(article, reader=reader, now=now, gift_token=gift_token)
