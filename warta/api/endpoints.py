"""The endpoints of ``/api/v1/``. Thin: the request's inputs to an answer (``article_lists``,
``article_reads``, ``search_answers``), and the answer's caching to the response
(``http_caching``)."""

from typing import Annotated

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router
from ninja.params.functions import Path, Query

from warta.reading.search_rate import search_client

from .app_grants import gift_token_from_request
from .article_lists import LIMIT_DEFAULT, LIMIT_MAX, articles_answer, sections_answer
from .article_reads import ArticleRead, article_answer, resolve_answer
from .cursors import CURSOR_MAX_LENGTH, PK_MAX
from .http_caching import answered
from .reader_inputs import api_reader
from .reader_outputs import read_answered
from .resources import ArticlePage, ArticleResource, SectionList
from .search_answers import SearchPage, search_answer
from .site_addresses import URL_MAX_LENGTH

router = Router()

# Letters, digits, hyphens and underscores, as Django's slugs (anything else names nothing, and
# PostgreSQL refuses some characters outright).
Slug = Annotated[str | None, Query(None, max_length=200, pattern=r"^[-\w]+$")]
Cursor = Annotated[
    str | None,
    Query(None, max_length=CURSOR_MAX_LENGTH, description="`next_cursor` of the last page"),
]
Limit = Annotated[
    int, Query(LIMIT_DEFAULT, ge=1, description=f"At most {LIMIT_MAX}: more is read as it")
]
# Longer than the longest query (reading.search_query cuts it, and says so), shorter than abuse.
SEARCH_PARAM_MAX = 2000


@router.get("/sections", response=SectionList, summary="The sections, in the site's order")
def sections(request: HttpRequest, response: HttpResponse):
    return answered(response, sections_answer())


@router.get("/articles", response=ArticlePage, summary="Articles, newest first")
def articles(
    request: HttpRequest,
    response: HttpResponse,
    section: Slug = None,
    tag: Slug = None,
    author: Slug = None,
    cursor: Cursor = None,
    limit: Limit = LIMIT_DEFAULT,
):
    """Live articles, filtered by section, tag and author slugs (all that are given). Pages are
    walked with the opaque `next_cursor`; nothing is counted."""
    answer = articles_answer(section=section, tag=tag, author=author, cursor=cursor, limit=limit)
    return answered(response, answer)


@router.get("/articles/{article_id}", response=ArticleResource, summary="An article")
def article(
    request: HttpRequest,
    response: HttpResponse,
    article_id: Annotated[int, Path(..., ge=1, le=PK_MAX)],
):
    """The whole body for a reader the paywall lets in; otherwise the teaser, with the reason
    in `access` (decided as on the article page). A gift link's token in `X-Gift-Token` opens
    it for this device: the answer's `X-Gift-Grants` is then the value to send from now on."""
    read: ArticleRead = article_answer(
        article_id=article_id,
        reader=api_reader(request),
        now=timezone.now(),
        gift_token=gift_token_from_request(request),
    )
    return read_answered(response, read)


@router.get("/resolve", response=ArticleResource, summary="The article at a URL of the site")
def resolve(
    request: HttpRequest,
    response: HttpResponse,
    url: Annotated[str, Query(..., max_length=URL_MAX_LENGTH, description="An article's URL")],
):
    """For universal links: the article whose page is at `url` (also an old address of it).
    A gift link's token goes in `X-Gift-Token`, as for `/articles/{id}`."""
    read = resolve_answer(
        url=url,
        reader=api_reader(request),
        now=timezone.now(),
        gift_token=gift_token_from_request(request),
    )
    return read_answered(response, read)


@router.get("/search", response=SearchPage, summary="Search articles")
def search(
    request: HttpRequest,
    response: HttpResponse,
    q: Annotated[str, Query(..., max_length=SEARCH_PARAM_MAX, description="Words to find")],
    cursor: Cursor = None,
    limit: Limit = LIMIT_DEFAULT,
):
    """Live articles with every word of `q`, by relevance, as the site's search finds them: in
    what anyone may read, and in the whole text only of articles this reader may read whole (a
    gift or the meter opens no text to search). Counts against the reader's searches a minute."""
    reader = api_reader(request)
    user_id = reader.user.pk if reader.user is not None else None
    answer = search_answer(
        q=q,
        user=reader.user,
        client=search_client(request, user_id=user_id),
        cursor=cursor,
        limit=min(limit, LIMIT_MAX),
        now=timezone.now(),
    )
    return answered(response, answer)
