"""How long one billing period lasts: a calendar month or a calendar year, in the newsroom's zone.

A month from 31 January is the last day of February (never 3 March), and the time of day stays
the same, so a subscriber who pays at 21:00 keeps reading until 21:00 on the renewal day.
"""

import calendar
from datetime import datetime

from django.utils import timezone

from .models import BillingPeriod


def period_end_after(*, start: datetime, period: str) -> datetime:
    """The end of one ``period`` (a ``BillingPeriod`` value) that begins at ``start``."""
    months = 12 if BillingPeriod(period) == BillingPeriod.YEAR else 1  # ValueError if unknown
    local = timezone.localtime(start)
    years_on, month_index = divmod(local.month - 1 + months, 12)
    year, month = local.year + years_on, month_index + 1
    day = min(local.day, calendar.monthrange(year, month)[1])
    return local.replace(year=year, month=month, day=day)
