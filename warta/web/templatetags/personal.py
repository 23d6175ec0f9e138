"""``{% personal "name" %}``: a reader's own bit of a page (warta/web/personal.py)."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from warta.web.personal import PAGE_BITS, marker, personal_context, render_bit

register = template.Library()


@register.simple_tag(takes_context=True)
def personal(context: template.Context, name: str) -> SafeString:
    placeholder = marker(name)  # also refuses a name that is not a personal bit
    if context.get("personal_shell"):
        return mark_safe(placeholder)  # noqa: S308 - a fixed comment naming a known bit  # nosec B308, B703
    request = context.get("request")
    if request is None:  # rendered outside a request: there is no reader
        return SafeString("")
    page = {key: context.get(key) for key in PAGE_BITS}  # the page's own, as the view gave them
    return render_bit(name, personal_context(request, page))
