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


@register.filter
def feedback_count_text(count: int) -> str:
    """The counter under the box, a count towards the minimum: "12 characters — at least 30
    needed", then "52 characters". feedback.js words it alike (a browser test holds them to it)."""
    said = f"{count:,} character{'' if count == 1 else 's'}"
    if count < MIN_LENGTH:
        return f"{said} — at least {MIN_LENGTH:,} needed"
    if count > MAX_LENGTH:
        return f"{said} — at most {MAX_LENGTH:,} allowed"
    return said
