"""Writes to readers' accounts. Sign-up, sign-in and passwords are allauth's."""

import unicodedata

from django.core.exceptions import ValidationError

from .models import TextSize, User

DISPLAY_NAME_MAX_LENGTH = User._meta.get_field("display_name").max_length or 80

DISPLAY_NAME_TOO_LONG = f"Your display name can have at most {DISPLAY_NAME_MAX_LENGTH} characters."
DISPLAY_NAME_CONTROL_CHARACTERS = (
    "Your display name cannot contain line breaks, tabs or other invisible control characters."
)

# Bidirectional embeddings, overrides and isolates: they can make a name read differently from
# what it is, in a gift banner or the back office ("Trojan Source").
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Cc: C0 and C1 controls (tab, newline, NUL...); Zl and Zp: line and paragraph separators.
_FORBIDDEN_CATEGORIES = frozenset({"Cc", "Zl", "Zp"})


def display_name_clean(*, display_name: str) -> str:
    """The display name as it will be stored, or ``ValidationError`` with a message to show.

    Trimmed and NFC-normalised; an empty result is allowed and means "no display name".
    Zero-width joiners stay allowed: emoji sequences and several scripts need them.
    """
    name = unicodedata.normalize("NFC", display_name).strip()
    if any(
        char in _BIDI_CONTROLS or unicodedata.category(char) in _FORBIDDEN_CATEGORIES
        for char in name
    ):
        raise ValidationError(DISPLAY_NAME_CONTROL_CHARACTERS, code="control_characters")
    if len(name) > DISPLAY_NAME_MAX_LENGTH:
        raise ValidationError(DISPLAY_NAME_TOO_LONG, code="too_long")
    return name


def user_display_name_set(*, user: User, display_name: str) -> User:
    """Set the name other people see (gift banners, the back office); empty removes it."""
    user.display_name = display_name_clean(display_name=display_name)
    user.save(update_fields=["display_name"])
    return user


TEXT_SIZE_UNKNOWN = "Choose a text size: small, medium or large."


def user_text_size_set(*, user: User, size: str) -> User:
    """Keep the reader's article text size on their account, for every device they sign in on."""
    if size not in TextSize.values:
        raise ValidationError(TEXT_SIZE_UNKNOWN, code="unknown_text_size")
    user.text_size = size
    user.save(update_fields=["text_size"])
    return user
