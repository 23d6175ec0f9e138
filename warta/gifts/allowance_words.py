"""How the month's gifts are put to the subscriber: how many are left, or when they renew, and
what revoking a link did to them. The site and the app say the same words."""

from datetime import date, datetime, timedelta

from django.template.defaultfilters import pluralize
from django.utils.dateformat import format as date_format

from warta.subscriptions.calendar import month_of

from .selectors import Allowance

REVOKED = "The gift link is revoked: it no longer opens the article."


def allowance_renews_on(now: datetime) -> date:
    """The first day of the next calendar month in the newsroom's time zone."""
    return (month_of(now) + timedelta(days=31)).replace(day=1)


def gifts_left_words(*, left: int, now: datetime) -> str:
    if left > 0:
        return f"{left} gift{pluralize(left)} left this month."
    renews = date_format(allowance_renews_on(now), "j F")
    return f"You have no gifts left this month; your allowance renews on {renews}."


def gift_revoked_words(*, month: date, gave_back: bool, allowance: Allowance, now: datetime) -> str:
    """Said after a link of ``month`` was revoked: whether its gift came back, and what is left."""
    if month != month_of(now):
        return REVOKED
    left = f"{allowance.left} of {allowance.total} gifts left this month."
    if gave_back:
        return f"{REVOKED} Nobody had opened it, so the gift is back: {left}"
    return f"{REVOKED} It had been opened, so it still counts: {left}"
