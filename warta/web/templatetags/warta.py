from datetime import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def iso_seconds(value: datetime | None) -> str:
    """2026-01-08T15:09:16+07:00: the newsroom's local time with its offset, no microseconds."""
    if value is None:
        return ""
    return timezone.localtime(value).isoformat(timespec="seconds")


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """The current URL with ?page=number, keeping other parameters."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()
