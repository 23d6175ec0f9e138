"""The metered allowance of premium articles for signed-in readers, as the rule takes it."""

from datetime import datetime

from django.conf import settings

from warta.access.rules import NO_METER, Level, Meter
from warta.accounts.models import User
from warta.subscriptions.selectors import meter_use
from warta.subscriptions.services import metered_read_record


def meter_for(*, user: User | None, article_id: int, level: Level, now: datetime) -> Meter:
    limit = settings.WARTA_METER_PREMIUM_PER_MONTH
    if limit <= 0 or user is None or level != Level.PREMIUM:
        return NO_METER
    use = meter_use(user=user, article_id=article_id, now=now)
    return Meter(limit=limit, used=use.used, already_counted=use.already_counted)


def meter_read(*, user: User, article_id: int, now: datetime) -> None:
    """Count a read the rule granted on the allowance."""
    metered_read_record(user=user, article_id=article_id, now=now)
