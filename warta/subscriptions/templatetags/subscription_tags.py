"""Plans in words: "IDR 55,000 a month"."""

from decimal import Decimal

from django import template

from ..models import BillingPeriod, Plan

register = template.Library()

PER_PERIOD = {BillingPeriod.MONTH: "a month", BillingPeriod.YEAR: "a year"}


def price_label(*, amount: Decimal, currency: str, period: str) -> str:
    """The price as readers see it: the currency code, grouped digits, cents only if any."""
    digits = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    return f"{currency.upper()} {digits} {PER_PERIOD[BillingPeriod(period)]}"


@register.filter
def plan_price(plan: Plan) -> str:
    return price_label(amount=plan.price, currency=plan.currency, period=plan.period)
