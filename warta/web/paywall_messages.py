"""What the paywall box says, by the reason the rule gave. Tests assert these constants."""

from dataclasses import dataclass

from warta.access.rules import Reason


@dataclass(frozen=True)
class PaywallMessage:
    heading: str
    text: str
    offer_sign_in: bool
    offer_plans: bool


SIGN_IN = PaywallMessage(
    "Sign in to keep reading",
    "This article is free for registered readers. Sign in, or create a free account.",
    offer_sign_in=True,
    offer_plans=False,
)
SUBSCRIBE = PaywallMessage(
    "Subscribe to read the full article",
    "This is a premium article. Subscribers read every article on the site and in the app.",
    offer_sign_in=True,
    offer_plans=True,
)
LAPSED = PaywallMessage(
    "Your subscription has ended",
    "Renew your subscription to keep reading premium articles.",
    offer_sign_in=False,
    offer_plans=True,
)
PAST_DUE = PaywallMessage(
    "Your last payment did not go through",
    "Update your payment details in your account to keep reading premium articles.",
    offer_sign_in=False,
    offer_plans=False,
)
METER_EXHAUSTED = PaywallMessage(
    "You have read this month's free premium articles",
    "Subscribe to keep reading premium articles, or come back next month.",
    offer_sign_in=False,
    offer_plans=True,
)
GIFT_EXPIRED = PaywallMessage(
    "This gift link has expired",
    "Gift links work for a limited time. Subscribe to read every premium article.",
    offer_sign_in=True,
    offer_plans=True,
)
GIFT_REVOKED = PaywallMessage(
    "This gift link is no longer active",
    "The subscriber who shared it has withdrawn it. Subscribe to read every premium article.",
    offer_sign_in=True,
    offer_plans=True,
)
GIFT_FULL = PaywallMessage(
    "This gift link has reached its limit of readers",
    "Each gift link opens on a limited number of devices. Subscribe to read every article.",
    offer_sign_in=True,
    offer_plans=True,
)

GIFT_INVALID = PaywallMessage(
    "This gift link does not work",
    "It may be incomplete or meant for another article. Subscribe to read every article.",
    offer_sign_in=True,
    offer_plans=True,
)

PAYWALL_MESSAGES = {
    Reason.SIGN_IN_REQUIRED: SIGN_IN,
    Reason.SUBSCRIPTION_REQUIRED: SUBSCRIBE,
    Reason.SUBSCRIPTION_LAPSED: LAPSED,
    Reason.PAYMENT_PAST_DUE: PAST_DUE,
    Reason.METER_EXHAUSTED: METER_EXHAUSTED,
    Reason.GIFT_EXPIRED: GIFT_EXPIRED,
    Reason.GIFT_REVOKED: GIFT_REVOKED,
    Reason.GIFT_FULL: GIFT_FULL,
    Reason.GIFT_INVALID: GIFT_INVALID,
}
