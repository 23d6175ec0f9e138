"""From a request to the reading layer's inputs (the signed-in user, the gift grants cookie, a
gift link's token) and back: the redirect that keeps a gift link's new grant. The API will turn
its tokens into the same inputs."""

from datetime import datetime

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from warta.accounts.attribution import attribution_write
from warta.accounts.models import User
from warta.gifts.models import gift_source
from warta.newsroom.models import Article
from warta.newsroom.selectors import ArticleRef
from warta.reading.access import Reading, article_reading

from .grant_cookie import grants_from_request, grants_set_cookie


def signed_in_user(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None


def reading_for_request(
    request: HttpRequest,
    *,
    article: Article | ArticleRef,
    now: datetime,
    gift_token: str | None = None,
) -> Reading:
    return article_reading(
        user=signed_in_user(request),
        grants=grants_from_request(request),
        article=article,
        now=now,
        gift_token=gift_token,
    )


def gift_link_redirect(*, article: Article | ArticleRef, reading: Reading) -> HttpResponse:
    """A gift link opened: on to the clean URL, keeping the grant in the cookie, so the token
    goes no further (no Referer, no analytics)."""
    assert reading.grants_to_keep is not None and reading.gift and reading.gift.gift
    response = HttpResponseRedirect(article.get_absolute_url())
    grants_set_cookie(response, reading.grants_to_keep)
    # Sign-ups and subscriptions that follow are credited to this gift.
    attribution_write(response, gift_source(reading.gift.gift.pk))
    return response
