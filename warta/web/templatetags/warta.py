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


def zone_name(value: datetime) -> str:
    """The zone an aware local time is in, as readers know it: WIB, WITA, WIT, CET; where the
    time zone database has no letters for it ("+04"), the offset from UTC ("UTC+4", "UTC+5:45")."""
    name = value.tzname() or ""
    if name and name[0] not in "+-":
        return name
    offset = value.utcoffset()
    minutes = int(offset.total_seconds()) // 60 if offset is not None else 0
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{minutes:02d}" if minutes else "")


@register.filter
def newsroom_time(value: datetime | None) -> str:
    """2026-01-08 15:09 WIB: the newsroom's local time to the minute, with its zone."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{local:%Y-%m-%d %H:%M} {zone_name(local)}"


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """The current URL with ?page=number, keeping other parameters."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()


@register.simple_tag(takes_context=True)
def card(context, article, level=3, is_lead=False, show_section=False, show_dek=False):
    """A story's card, rendered once per published version (web/cards.py); in an article
    shell, a marker filled for each request."""
    from warta.web.cards import card_by_id, card_html, card_marker

    flags = {"level": level, "is_lead": is_lead, "show_section": show_section, "show_dek": show_dek}
    if isinstance(article, int):  # a story known by its id (an article page's related stories)
        if context.get("personal_shell"):
            return card_marker(article, **flags)
        return card_by_id(article, **flags)
    return card_html(article, **flags)
