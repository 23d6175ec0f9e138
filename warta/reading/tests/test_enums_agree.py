"""The pure rule names levels and statuses with plain values; the models that store them have
their own choices. They must agree, value for value."""

from warta.access.rules import Level, SubscriptionStatus
from warta.newsroom.models import AccessLevel
from warta.subscriptions.models import SubscriptionStatus as StoredStatus


def test_access_levels_are_the_rules_levels():
    assert set(AccessLevel.values) == {level.value for level in Level}


def test_stored_statuses_are_the_rules_statuses_but_none():
    rule = {status.value for status in SubscriptionStatus}

    assert set(StoredStatus.values) == rule - {SubscriptionStatus.NONE.value}
