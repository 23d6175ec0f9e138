"""Reads about gifts: the allowance, a gifter's list, and a browser's grant."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, QuerySet, Sum

from warta.access.rules import GiftState
from warta.accounts.models import User
from warta.subscriptions.calendar import month_of
from warta.subscriptions.selectors import entitlement_for_user

from .links import GiftLink, gift_link
from .models import Gift


@dataclass(frozen=True)
class Allowance:
    total: int
    used: int

    @property
    def left(self) -> int:
        return max(self.total - self.used, 0)


def gifts_used_in_month(*, user: User, month: date) -> int:
    """Gifts that count against the month: all but revoked links nobody had opened."""
    return Gift.objects.filter(gifter=user, month=month, returned=False).count()


def gift_allowance(*, user: User, now: datetime) -> Allowance:
    """This calendar month's gifts (in the newsroom's time zone): how many, how many used."""
    total = entitlement_for_user(user=user, now=now).gifts_per_month
    return Allowance(total=total, used=gifts_used_in_month(user=user, month=month_of(now)))


def gift_list_for_gifter(*, user: User) -> QuerySet[Gift]:
    return (
        Gift.objects.filter(gifter=user)
        .select_related("article__section")
        .annotate(browser_count=Count("browsers"), open_count=Sum("browsers__opens"))
        .order_by("-created_at")
    )


@dataclass(frozen=True)
class GiftOpened:
    """A gift and how many browsers opened it, as the revoke page tells the gifter."""

    gift: Gift
    devices: int


def gift_with_opens(*, gift_id: int) -> GiftOpened | None:
    gift = Gift.objects.filter(pk=gift_id).select_related("article__section").first()
    if gift is None:
        return None
    return GiftOpened(gift, gift.browsers.count())


def gift_revocable_by(*, gift: Gift, user: User) -> bool:
    """The gifter, and staff who may change gifts, may revoke a link."""
    return user.pk == gift.gifter_id or user.has_perm("gifts.change_gift")


def gift_list_for_staff() -> QuerySet[Gift]:
    """Every gift for the back office, with the article and the gifter its listing names."""
    return Gift.objects.select_related("article", "gifter")


def gift_link_state(*, gift: Gift, now: datetime) -> GiftState:
    """Whether a link still opens its article: not revoked, not expired."""
    if gift.revoked_at is not None:
        return GiftState.REVOKED
    if now >= gift.expires_at:
        return GiftState.EXPIRED
    return GiftState.VALID


def gift_grant_state(
    *, gift_id: int, article_id: int, browser_key: str, now: datetime
) -> tuple[GiftState, Gift | None]:
    """The state of a browser's grant (from its cookie) for an article, and the gift."""
    gift = Gift.objects.select_related("gifter").filter(pk=gift_id, article_id=article_id).first()
    if gift is None:
        return GiftState.INVALID, None
    state = gift_link_state(gift=gift, now=now)
    if state == GiftState.VALID and not gift.browsers.filter(browser_key=browser_key).exists():
        return GiftState.INVALID, gift
    return state, gift


@dataclass(frozen=True)
class GiftRow:
    """A gift as its gifter's lists show it."""

    gift: Gift
    state: GiftState
    link: GiftLink


def gift_rows_for_gifter(*, user: User, now: datetime, month_only: bool = False) -> list[GiftRow]:
    gifts = gift_list_for_gifter(user=user)
    if month_only:
        gifts = gifts.filter(month=month_of(now))
    return [
        GiftRow(
            gift, gift_link_state(gift=gift, now=now), gift_link(gift=gift, article=gift.article)
        )
        for gift in gifts
    ]
