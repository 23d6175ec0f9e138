"""Gift links on the article page: trading a link's token for a grant, and reading grants."""

from datetime import datetime

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from warta.access.rules import GiftState
from warta.accounts.attribution import attribution_write
from warta.gifts.grants import grants_new, grants_read, grants_write
from warta.gifts.models import Gift, gift_source
from warta.gifts.selectors import gift_grant_state
from warta.gifts.services import GiftOpening, gift_open
from warta.newsroom.models import Article
from warta.newsroom.selectors import ArticleRef


def gift_from_cookie(
    request: HttpRequest, *, article: Article | ArticleRef, now: datetime
) -> tuple[GiftState | None, Gift | None]:
    """The state of this browser's grant for ``article`` (None: it holds none)."""
    grants = grants_read(request)
    if grants is None or article.pk not in grants.gifts:
        return None, None
    return gift_grant_state(
        gift_id=grants.gifts[article.pk],
        article_id=article.pk,
        browser_key=grants.browser_key,
        now=now,
    )


def gift_link_exchange(
    request: HttpRequest, *, article: Article | ArticleRef, token: str, now: datetime
) -> tuple[HttpResponse | None, GiftOpening]:
    """Open a gift link. On success: a redirect to the clean URL that sets the grant cookie, so
    the token goes no further (no Referer, no analytics). Otherwise no response: the caller shows
    the teaser with the opening's state."""
    grants = grants_read(request) or grants_new()
    opening = gift_open(token=token, article=article, browser_key=grants.browser_key, now=now)
    if opening.state != GiftState.VALID or opening.gift is None:
        return None, opening
    response = HttpResponseRedirect(article.get_absolute_url())
    grants_write(response, grants.with_gift(article_id=article.pk, gift_id=opening.gift.pk))
    # Sign-ups and subscriptions that follow are credited to this gift.
    attribution_write(response, gift_source(opening.gift.pk))
    return response, opening
