from typing import Any

from django import forms

from .models import User
from .services import DISPLAY_NAME_MAX_LENGTH, display_name_clean


class DisplayNameForm(forms.Form):
    """The account page's one form; the rules are the service's (``display_name_clean``)."""

    display_name = forms.CharField(
        label="Display name",
        required=False,
        strip=False,
        widget=forms.TextInput(
            attrs={"maxlength": DISPLAY_NAME_MAX_LENGTH, "autocomplete": "nickname"}
        ),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["display_name"].help_text = (
            "What others see instead of your e-mail address, for example on an article you gift."
            f" Up to {DISPLAY_NAME_MAX_LENGTH} characters. Leave it empty to be shown as"
            f" “{user.get_full_name() or User.ANONYMOUS_NAME}”."
        )

    def clean_display_name(self) -> str:
        return display_name_clean(display_name=self.cleaned_data["display_name"])
