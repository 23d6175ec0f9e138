"""The answers of ``/articles/{id}`` and ``/resolve``: an article for one reader.

Who may read it is the reading layer's answer (``article_reading``), as on the article page; the
body comes from ``visible_body`` through ``resources.article_resource``. The answer is shared
(public, purged by the article's key) when it cannot depend on who asks: nobody is identified and
no gift opened it. The access reason is part of it, so it still varies by reader.
"""

from datetime import datetime

from warta.newsroom.content_keys import article_key
from warta.newsroom.models import Article

from .http_caching import Answer
from .problems import ARTICLE_NOT_FOUND, URL_NOT_ON_SITE, ProblemRaised
from .reader_inputs import ApiReader
from .resources import ArticleResource, article_resource
from .selectors import article_get_by_slug_for_api, article_get_for_api
from .site_addresses import NotOnSite, article_slug_at


def _answer(
    article: Article | None, *, reader: ApiReader, now: datetime
) -> Answer[ArticleResource]:
    if article is None:
        raise ProblemRaised(ARTICLE_NOT_FOUND)
    reading = reader.reading(article=article, now=now)
    return Answer(
        article_resource(article, reading),
        keys=(article_key(article.pk),),
        personal=reader.identified or reading.personal,
        varies_by_reader=True,
    )


def article_answer(*, article_id: int, reader: ApiReader, now: datetime) -> Answer[ArticleResource]:
    return _answer(article_get_for_api(pk=article_id), reader=reader, now=now)


def resolve_answer(*, url: str, reader: ApiReader, now: datetime) -> Answer[ArticleResource]:
    """The article at ``url``, an address of its page on the site (an old one redirects there,
    so it opens it too)."""
    try:
        slug = article_slug_at(url)
    except NotOnSite:
        raise ProblemRaised(URL_NOT_ON_SITE) from None
    article = article_get_by_slug_for_api(slug=slug) if slug is not None else None
    return _answer(article, reader=reader, now=now)
