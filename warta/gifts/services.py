"""Everything that writes gifts: giving, opening and revoking links."""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

from warta.access.rules import GiftState
from warta.accounts.models import User
from warta.accounts.reader_cache import reader_cache_forget
from warta.newsroom.models import AccessLevel, Article
from warta.newsroom.selectors import ArticleRef
from warta.subscriptions.calendar import month_of
from warta.subscriptions.selectors import entitlement_for_user

from . import tokens
from .models import Gift, GiftBrowser
from .selectors import gift_link_state

NOT_A_SUBSCRIBER = "Only subscribers can gift articles."
NOT_PREMIUM = "Only premium articles can be gifted; this one is open to readers already."
NOT_PUBLISHED = "This article is not published."
ALLOWANCE_USED = "You have used all your gift articles for this month."
NOT_YOURS = "Only the subscriber who made a gift link, or newsroom staff, can revoke it."


class GiftRefused(Exception):
    """A gift that may not be made; ``str(error)`` is the reader-facing reason, ``code`` says
    which (a channel chooses its answer by it, never by the words)."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


# Codes of GiftRefused.
REFUSED_NOT_A_SUBSCRIBER = "not_a_subscriber"
REFUSED_NOT_PREMIUM = "not_premium"
REFUSED_NOT_PUBLISHED = "not_published"
REFUSED_ALLOWANCE_USED = "allowance_used"
REFUSED_NOT_YOURS = "not_yours"


@dataclass(frozen=True)
class GiftMade:
    gift: Gift
    token: str
    created: bool  # False: the article was gifted already this month, same link, nothing used


def _free(taken: set[int], capacity: int) -> list[int]:
    """The numbers from 1 to ``capacity`` not taken (as last read: the database has the say)."""
    return [n for n in range(1, capacity + 1) if n not in taken]


def _existing(gifter: User, article: Article, month) -> Gift | None:
    return Gift.objects.filter(gifter=gifter, article=article, month=month).first()


def gift_create(*, gifter: User, article: Article, now: datetime) -> GiftMade:
    """Gift ``article``: one slot of this month's allowance, or the existing link.

    Slots are claimed by inserting a row whose slot number is unique for the month and within the
    allowance (a check constraint): the database refuses an extra gift, whatever races.
    """
    if not article.live:
        raise GiftRefused(NOT_PUBLISHED, code=REFUSED_NOT_PUBLISHED)
    if article.access_level != AccessLevel.PREMIUM:
        raise GiftRefused(NOT_PREMIUM, code=REFUSED_NOT_PREMIUM)
    entitlement = entitlement_for_user(user=gifter, now=now)
    allowance = entitlement.gifts_per_month
    if not entitlement.paid_up or allowance == 0:
        raise GiftRefused(NOT_A_SUBSCRIBER, code=REFUSED_NOT_A_SUBSCRIBER)
    month = month_of(now)
    existing = _existing(gifter, article, month)
    if existing is not None:
        return GiftMade(existing, tokens.token_for(existing.nonce), created=False)

    taken = set(Gift.objects.filter(gifter=gifter, month=month).values_list("slot", flat=True))
    for slot in _free(taken, allowance):
        nonce = tokens.nonce_new()
        token = tokens.token_for(nonce)
        try:
            with transaction.atomic():
                gift = Gift.objects.create(
                    gifter=gifter,
                    article=article,
                    month=month,
                    slot=slot,
                    allowance=allowance,
                    nonce=nonce,
                    token_hash=tokens.token_hash(token),
                    max_browsers=settings.WARTA_GIFT_MAX_BROWSERS,
                    created_at=now,
                    expires_at=now + timedelta(days=settings.WARTA_GIFT_LINK_DAYS),
                )
        except IntegrityError:
            # Another request took this slot, or gifted this very article a moment ago.
            existing = _existing(gifter, article, month)
            if existing is not None:
                return GiftMade(existing, tokens.token_for(existing.nonce), created=False)
            continue
        reader_cache_forget(gifter.pk)  # one gift fewer left this month
        return GiftMade(gift, token, created=True)
    raise GiftRefused(ALLOWANCE_USED, code=REFUSED_ALLOWANCE_USED)


@dataclass(frozen=True)
class GiftOpening:
    state: GiftState
    gift: Gift | None = None
    browser_key: str = ""


def gift_open(
    *, token: str, article: Article | ArticleRef, browser_key: str, now: datetime
) -> GiftOpening:
    """Trade a link's token for a grant for this browser, if the link admits it.

    ``browser_key`` is the browser's key from an earlier grant (or a new random one). A browser
    admitted once keeps its seat while the link is valid; new browsers take free seats until the
    link's cap, guarded by the database like gift slots.
    """
    gift = None
    if tokens.token_looks_valid(token):
        gift = Gift.objects.filter(token_hash=tokens.token_hash(token)).first()
    if gift is None or gift.article_id != article.pk:
        return GiftOpening(GiftState.INVALID)
    state = gift_link_state(gift=gift, now=now)
    if state != GiftState.VALID:
        return GiftOpening(state, gift)
    key = browser_key or secrets.token_hex(16)
    admitted = GiftBrowser.objects.filter(gift=gift, browser_key=key).update(
        opens=F("opens") + 1, last_opened_at=now
    )
    if admitted:
        return GiftOpening(GiftState.VALID, gift, key)
    seats = set(GiftBrowser.objects.filter(gift=gift).values_list("seat", flat=True))
    for seat in _free(seats, gift.max_browsers):
        try:
            with transaction.atomic():
                GiftBrowser.objects.create(
                    gift=gift,
                    browser_key=key,
                    seat=seat,
                    max_browsers=gift.max_browsers,
                    first_opened_at=now,
                    last_opened_at=now,
                )
        except IntegrityError:
            if GiftBrowser.objects.filter(gift=gift, browser_key=key).exists():
                return GiftOpening(GiftState.VALID, gift, key)  # a double click, admitted once
            continue
        return GiftOpening(GiftState.VALID, gift, key)
    return GiftOpening(GiftState.FULL, gift)


def gift_revoke(*, gift: Gift, by: User, now: datetime) -> Gift:
    if by.pk != gift.gifter_id and not by.has_perm("gifts.change_gift"):
        raise GiftRefused(NOT_YOURS, code=REFUSED_NOT_YOURS)
    if gift.revoked_at is None:
        Gift.objects.filter(pk=gift.pk, revoked_at=None).update(revoked_at=now, revoked_by=by)
        gift.refresh_from_db()
    return gift
