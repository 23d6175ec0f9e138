import pytest
from django.core.exceptions import ValidationError

from warta.accounts.services import (
    DISPLAY_NAME_CONTROL_CHARACTERS,
    DISPLAY_NAME_TOO_LONG,
    display_name_clean,
    user_display_name_set,
)
from warta.accounts.tests.factories import UserFactory

PERSIAN_WITH_ZWNJ = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # "I want"


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("Siti Rahma", "Siti Rahma"),
        ("  Siti Rahma  ", "Siti Rahma"),
        ("", ""),
        ("   ", ""),
        ("x" * 80, "x" * 80),
        ("  " + "x" * 80 + "  ", "x" * 80),  # counted after trimming
        ("Cafe\u0301", "Café"),  # NFC: one way to write each letter
        ("Budi 👨\u200d👩\u200d👧", "Budi 👨\u200d👩\u200d👧"),  # zero-width joiners are fine
        (PERSIAN_WITH_ZWNJ, PERSIAN_WITH_ZWNJ),  # so is the zero-width non-joiner
    ],
)
def test_display_name_is_trimmed_and_kept(given, stored):
    assert display_name_clean(display_name=given) == stored


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("x" * 81, DISPLAY_NAME_TOO_LONG),
        ("Siti\nRahma", DISPLAY_NAME_CONTROL_CHARACTERS),
        ("Siti\tRahma", DISPLAY_NAME_CONTROL_CHARACTERS),
        ("Siti\x00", DISPLAY_NAME_CONTROL_CHARACTERS),
        ("Siti\x85Rahma", DISPLAY_NAME_CONTROL_CHARACTERS),  # a C1 control
        ("Siti\u2028Rahma", DISPLAY_NAME_CONTROL_CHARACTERS),  # line separator
        ("Siti \u202eamhaR", DISPLAY_NAME_CONTROL_CHARACTERS),  # right-to-left override
        ("Siti \u2067Rahma\u2069", DISPLAY_NAME_CONTROL_CHARACTERS),  # isolates
    ],
)
def test_display_name_is_refused_with_a_clear_message(given, message):
    with pytest.raises(ValidationError) as error:
        display_name_clean(display_name=given)

    assert error.value.messages == [message]


@pytest.mark.django_db
def test_display_name_set_saves_the_clean_name_and_the_public_name_follows():
    reader = UserFactory(username="siti", display_name="")

    user_display_name_set(user=reader, display_name="  Siti R.  ")

    reader.refresh_from_db()
    assert reader.display_name == "Siti R."
    assert reader.public_name() == "Siti R."


@pytest.mark.django_db
def test_display_name_set_to_empty_shows_a_neutral_name_never_the_username():
    reader = UserFactory(username="siti", first_name="", last_name="", display_name="Siti R.")

    user_display_name_set(user=reader, display_name=" ")

    reader.refresh_from_db()
    assert reader.display_name == ""
    assert reader.public_name() == "A fellow reader"


@pytest.mark.django_db
def test_display_name_set_refuses_and_keeps_the_old_name():
    reader = UserFactory(display_name="Siti R.")

    with pytest.raises(ValidationError):
        user_display_name_set(user=reader, display_name="Siti\nR.")

    reader.refresh_from_db()
    assert reader.display_name == "Siti R."
