"""Everything that writes gifts: giving, opening and revoking links."""

import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef

from warta.access.rules import GiftState
from warta.accounts.models import User
from warta.accounts.reader_cache import reader_cache_forget
from warta.newsroom.models import AccessLevel, Article
from warta.newsroom.selectors import ArticleRef
from warta.subscriptions.calendar import month_of
from warta.subscriptions.selectors import entitlement_for_user

from . import tokens
from .models import Gift, GiftBrowser
from .selectors import gift_link_state, gift_revocable_by

NOT_A_SUBSCRIBER = "Only subscribers can gift articles."
NOT_PREMIUM = "Only premium articles can be gifted; this one is open to readers already."
NOT_PUBLISHED = "This article is not published."
ALLOWANCE_USED = "You have used all your gift articles for this month."
NOT_YOURS = "Only the subscriber who made a gift link, or newsroom staff, can revoke it."
TOO_MANY_LINKS = (
    "You have made {limit} gift links in the last hour. "
    "Please wait {wait} before making another one."
)


class GiftRefused(Exception):
    """A gift that may not be made; ``str(error)`` is the reader-facing reason, ``code`` says
    which (a channel chooses its answer by it, never by the words)."""

    def __init__(self, message: str, *, code: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.retry_after = retry_after  # seconds, when trying again later will do


# Codes of GiftRefused.
REFUSED_NOT_A_SUBSCRIBER = "not_a_subscriber"
REFUSED_NOT_PREMIUM = "not_premium"
REFUSED_NOT_PUBLISHED = "not_published"
REFUSED_ALLOWANCE_USED = "allowance_used"
REFUSED_NOT_YOURS = "not_yours"
REFUSED_TOO_MANY_LINKS = "too_many_links"


@dataclass(frozen=True)
class GiftMade:
    gift: Gift
    token: str
    created: bool  # False: the article was gifted already this month, same link, nothing used


def _free(taken: set[int], capacity: int) -> list[int]:
    """The numbers from 1 to ``capacity`` not taken (as last read: the database has the say)."""
    return [n for n in range(1, capacity + 1) if n not in taken]


def _existing(gifter: User, article: Article, month) -> Gift | None:
    """The month's live link for the article: a revoked one is never handed out again."""
    return Gift.objects.filter(gifter=gifter, article=article, month=month, revoked_at=None).first()


def _again(gift: Gift) -> GiftMade:
    # The token whose hash is stored: during a key rotation, the one the shared link carries.
    return GiftMade(gift, tokens.token_for(gift.nonce, stored_hash=gift.token_hash), created=False)


def _minutes(seconds: int) -> str:
    minutes = max(math.ceil(seconds / 60), 1)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def _refuse_too_many_links(gifter: User, now: datetime) -> None:
    """At most ``WARTA_GIFT_LINKS_PER_HOUR`` new links in any hour (0: no limit), counted from
    the gifts themselves. It holds back scripts and revoke-and-gift-again loops; a burst of
    simultaneous requests may pass it by a few, which the allowance still bounds."""
    limit = settings.WARTA_GIFT_LINKS_PER_HOUR
    if not limit:
        return
    recent = list(
        Gift.objects.filter(gifter=gifter, created_at__gt=now - timedelta(hours=1))
        .order_by("created_at")
        .values_list("created_at", flat=True)[:limit]
    )
    if len(recent) < limit:
        return
    wait = max(math.ceil((recent[0] + timedelta(hours=1) - now).total_seconds()), 1)
    message = TOO_MANY_LINKS.format(limit=limit, wait=_minutes(wait))
    raise GiftRefused(message, code=REFUSED_TOO_MANY_LINKS, retry_after=wait)


def gift_create(*, gifter: User, article: Article, now: datetime) -> GiftMade:
    """Gift ``article``: one slot of this month's allowance, or the month's live link for it.

    A revoked link is never returned: gifting the article again makes a new one, from the
    allowance like any gift (a revoked link nobody opened gave its slot back: ``gift_revoke``).
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
        return _again(existing)
    _refuse_too_many_links(gifter, now)

    in_use = Gift.objects.filter(gifter=gifter, month=month, returned=False)
    taken = set(in_use.values_list("slot", flat=True))
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
                return _again(existing)
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
    """Stop the link opening its article, for every browser. A link no browser had opened
    gives its gift back (``returned``): its slot is free for another gift that month.

    One statement decides both, so a revocation racing another finds the link revoked once.
    """
    if not gift_revocable_by(gift=gift, user=by):
        raise GiftRefused(NOT_YOURS, code=REFUSED_NOT_YOURS)
    if gift.revoked_at is None:
        never_opened = ~Exists(GiftBrowser.objects.filter(gift=OuterRef("pk")))
        revoked = Gift.objects.filter(pk=gift.pk, revoked_at=None).update(
            revoked_at=now, revoked_by=by, returned=never_opened
        )
        gift.refresh_from_db()
        if revoked and gift.returned:
            reader_cache_forget(gift.gifter_id)  # one gift more left this month
    return gift
