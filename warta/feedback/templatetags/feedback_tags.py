import time

from django import template

from warta.feedback import guards
from warta.feedback.text_rules import MAX_LENGTH, MIN_LENGTH, feedback_length

register = template.Library()


@register.simple_tag
def feedback_start_token() -> str:
    """The box's start token: the minute it was rendered, the same for every reader."""
    return guards.start_token(at=time.time(), coarse=True)


@register.simple_tag
def feedback_limits() -> dict[str, int]:
    return {"min": MIN_LENGTH, "max": MAX_LENGTH}


@register.filter
def feedback_count(text: str) -> int:
    return feedback_length(text or "")
