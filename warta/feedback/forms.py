"""The two fields a reader fills in. The hidden ones (page, start token, honeypot) are read by
the view through ``guards`` and ``text_rules``: a reader could not correct them anyway.
"""

from django import forms
from django.core.validators import ProhibitNullCharactersValidator

from .text_rules import feedback_problems

BAD_EMAIL = "Please enter an e-mail address such as name@example.com, or leave this empty."


class FeedbackForm(forms.Form):
    message = forms.CharField(strip=False)
    reply_email = forms.EmailField(
        required=False,
        max_length=254,
        error_messages={
            "invalid": BAD_EMAIL,
            "max_length": BAD_EMAIL,
            "null_characters_not_allowed": BAD_EMAIL,
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        message = self.fields["message"]
        # Control characters, NUL included, get the feedback rules' own message instead.
        message.validators = [
            v for v in message.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ]
        message.error_messages["required"] = feedback_problems("")[0]

    def clean_message(self) -> str:
        message = self.cleaned_data["message"]
        problems = feedback_problems(message)
        if problems:
            raise forms.ValidationError(problems)
        return message
