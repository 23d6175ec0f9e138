"""From a request to the paywall decision: the only place the web asks ``decide_access``.

It gathers what the pure rule needs (who the reader is, what they have paid for, their metered
allowance) and records a metered read when the rule granted one.
"""

from datetime import datetime

from django.conf import settings
from django.http import HttpRequest

from warta.access.rules import (
    ANONYMOUS,
    NO_METER,
    Decision,
    GiftState,
    Level,
    Meter,
    Reader,
    Reason,
    SubscriptionStatus,
    decide_access,
)
from warta.accounts.models import User
from warta.newsroom.models import AccessLevel, Article
from warta.newsroom.selectors import ArticleRef
from warta.subscriptions.selectors import meter_use
from warta.subscriptions.services import metered_read_record

from .reader_facts import reader_facts


def reader_from_request(request: HttpRequest, *, now: datetime) -> Reader:
    user = _signed_in_user(request)
    if user is None:
        return ANONYMOUS
    facts = reader_facts(user, now=now)
    return Reader(
        signed_in=True,
        newsroom_staff=facts.newsroom_staff,
        subscription=SubscriptionStatus(facts.subscription_status),
        paid_until=facts.paid_until,
    )


def _signed_in_user(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None


def _meter(user: User | None, article: Article | ArticleRef, now: datetime) -> Meter:
    limit = settings.WARTA_METER_PREMIUM_PER_MONTH
    if limit <= 0 or user is None or article.access_level != AccessLevel.PREMIUM:
        return NO_METER
    use = meter_use(user=user, article_id=article.pk, now=now)
    return Meter(limit=limit, used=use.used, already_counted=use.already_counted)


def article_access(
    request: HttpRequest,
    *,
    article: Article | ArticleRef,
    now: datetime,
    gift: GiftState | None = None,
) -> Decision:
    """The decision for this reader and article, counting a metered read if it used one."""
    reader = reader_from_request(request, now=now)
    level = Level(article.access_level)
    user = _signed_in_user(request)
    meter = NO_METER if level == Level.FREE else _meter(user, article, now)
    decision = decide_access(level=level, reader=reader, now=now, gift=gift, meter=meter)
    if user is not None and decision.reason == Reason.METER and not meter.already_counted:
        metered_read_record(user=user, article_id=article.pk, now=now)
    return decision
