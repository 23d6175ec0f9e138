"""Calendar months in the newsroom's time zone, for monthly allowances (gifts, the meter)."""

from datetime import date, datetime

from django.utils import timezone


def month_of(moment: datetime) -> date:
    """The first day of ``moment``'s month in the newsroom's time zone (``TIME_ZONE``)."""
    local = timezone.localtime(moment)
    return local.date().replace(day=1)
