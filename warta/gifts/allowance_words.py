"""How the month's gifts are put to the subscriber: how many are left, or when they renew."""

from datetime import date, datetime, timedelta

from django.template.defaultfilters import pluralize
from django.utils.dateformat import format as date_format

from warta.subscriptions.calendar import month_of


def allowance_renews_on(now: datetime) -> date:
    """The first day of the next calendar month in the newsroom's time zone."""
    return (month_of(now) + timedelta(days=31)).replace(day=1)


def gifts_left_words(*, left: int, now: datetime) -> str:
    if left > 0:
        return f"{left} gift{pluralize(left)} left this month."
    renews = date_format(allowance_renews_on(now), "j F")
    return f"You have no gifts left this month; your allowance renews on {renews}."
