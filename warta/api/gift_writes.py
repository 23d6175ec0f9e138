"""The answers of ``/gifts``: a subscriber's gift links, made, listed and revoked by the same
services as on the site (``warta.gifts.services``), with its limits and its words.

Every refusal of ``GiftRefused`` is a problem with a stable code (``REFUSALS``); its ``detail``
is the site's message for it, and ``too_many_links`` says when to try again (``Retry-After``).
"""

from dataclasses import dataclass
from datetime import datetime

from warta.access.rules import GiftState
from warta.accounts.models import User
from warta.gifts import services
from warta.gifts.allowance_words import gift_revoked_words, gifts_left_words
from warta.gifts.links import gift_link
from warta.gifts.models import Gift
from warta.gifts.selectors import gift_allowance, gift_link_state, gift_rows_for_gifter
from warta.gifts.selectors import gift_with_opens as gift_opened
from warta.gifts.services import GiftRefused, gift_create, gift_revoke

from . import problems
from .http_caching import Answer
from .problems import ARTICLE_NOT_FOUND, GIFT_NOT_FOUND, Problem, ProblemRaised
from .selectors import article_get_to_gift
from .site_addresses import absolute_url

REFUSALS: dict[str, Problem] = {
    services.REFUSED_NOT_A_SUBSCRIBER: problems.GIFT_NOT_A_SUBSCRIBER,
    services.REFUSED_NOT_PREMIUM: problems.GIFT_NOT_PREMIUM,
    services.REFUSED_NOT_PUBLISHED: problems.GIFT_NOT_PUBLISHED,
    services.REFUSED_ALLOWANCE_USED: problems.GIFT_ALLOWANCE_USED,
    services.REFUSED_TOO_MANY_LINKS: problems.GIFT_TOO_MANY_LINKS,
    services.REFUSED_NOT_YOURS: problems.GIFT_NOT_YOURS,
}


@dataclass(frozen=True)
class GiftedArticle:
    id: int
    headline: str
    url: str  # the canonical page, without the token


@dataclass(frozen=True)
class GiftResource:
    """A gift link, as its gifter sees it. ``url`` is the link to share: it carries the token."""

    id: int
    article: GiftedArticle
    url: str
    whatsapp_url: str
    email_url: str
    state: GiftState  # valid, expired or revoked
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    returned: bool  # revoked before anyone opened it: the gift came back


@dataclass(frozen=True)
class GiftsLeft:
    left: int
    text: str  # as the site says it


@dataclass(frozen=True)
class GiftMade:
    """``created`` false: the article was gifted already this month, same link, no gift used."""

    gift: GiftResource
    created: bool
    gifts_left: GiftsLeft


@dataclass(frozen=True)
class GiftList:
    """The reader's gift links, newest first."""

    items: tuple[GiftResource, ...]
    gifts_left: GiftsLeft


@dataclass(frozen=True)
class GiftRevoked:
    gift: GiftResource
    gave_back: bool  # nobody had opened it: the gift is back for this month
    message: str  # as the site says it


def _refused(refusal: GiftRefused) -> ProblemRaised:
    problem = REFUSALS[refusal.code].saying(str(refusal))
    if refusal.retry_after is not None:
        problem = problem.retrying_after(refusal.retry_after)
    return ProblemRaised(problem)


def _resource(gift: Gift, *, now: datetime, token: str | None = None) -> GiftResource:
    article = gift.article
    link = gift_link(gift=gift, article=article, token=token)
    return GiftResource(
        id=gift.pk,
        article=GiftedArticle(
            id=article.pk, headline=article.headline, url=absolute_url(article.get_absolute_url())
        ),
        url=link.url,
        whatsapp_url=link.whatsapp_url,
        email_url=link.email_url,
        state=gift_link_state(gift=gift, now=now),
        created_at=gift.created_at,
        expires_at=gift.expires_at,
        revoked_at=gift.revoked_at,
        returned=gift.returned,
    )


def _left(user: User, now: datetime) -> GiftsLeft:
    left = gift_allowance(user=user, now=now).left
    return GiftsLeft(left=left, text=gifts_left_words(left=left, now=now))


def gift_create_answer(*, user: User, article_id: int, now: datetime) -> Answer[GiftMade]:
    article = article_get_to_gift(pk=article_id)
    if article is None:
        raise ProblemRaised(ARTICLE_NOT_FOUND)
    try:
        made = gift_create(gifter=user, article=article, now=now)
    except GiftRefused as refusal:
        raise _refused(refusal) from None
    resource = _resource(made.gift, now=now, token=made.token)
    return Answer(
        GiftMade(gift=resource, created=made.created, gifts_left=_left(user, now)),
        keys=(),
        personal=True,
    )


def gift_list_answer(*, user: User, now: datetime) -> Answer[GiftList]:
    rows = gift_rows_for_gifter(user=user, now=now)
    items = tuple(_resource(row.gift, now=now) for row in rows)
    return Answer(GiftList(items=items, gifts_left=_left(user, now)), keys=(), personal=True)


def gift_revoke_answer(*, user: User, gift_id: int, now: datetime) -> Answer[GiftRevoked]:
    opened = gift_opened(gift_id=gift_id)
    if opened is None:
        raise ProblemRaised(GIFT_NOT_FOUND)
    was_live = opened.gift.revoked_at is None
    try:
        gift = gift_revoke(gift=opened.gift, by=user, now=now)
    except GiftRefused as refusal:
        raise _refused(refusal) from None
    gave_back = was_live and gift.returned
    message = gift_revoked_words(
        month=gift.month, gave_back=gave_back, allowance=gift_allowance(user=user, now=now), now=now
    )
    return Answer(
        GiftRevoked(gift=_resource(gift, now=now), gave_back=gave_back, message=message),
        keys=(),
        personal=True,
    )
