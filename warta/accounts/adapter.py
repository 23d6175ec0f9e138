"""warta's allauth adapter: a new account remembers what brought the reader (a gift link), and
allauth speaks for the publication.

Without ``django.contrib.sites`` allauth calls the site by the request's host ("Hello from
127.0.0.1:8101!"); here it is the publication (``WARTA_SITE_NAME``, at ``WARTA_BASE_URL``), in
every mail and subject. The mails' words are warta's own (templates/account/email/).
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.conf import settings

from .attribution import attribution_read

# Longest values the reader's forms take, checked before a value reaches a query or a hash: a
# 60,000-character login made SQLite give up on the username lookup (issue 11). An e-mail
# address has at most 254 characters (RFC 5321's path less its brackets), a username 150.
LOGIN_MAX_LENGTH = 254
PASSWORD_MAX_LENGTH = 4096
INPUT_TOO_LONG = (
    "That is too long for a username, an e-mail address or a password. Please check what you typed."
)
EMAIL_TOO_LONG = f"An e-mail address has at most {LOGIN_MAX_LENGTH} characters."
PASSWORD_TOO_LONG = f"A password has at most {PASSWORD_MAX_LENGTH:,} characters."

# allauth says this in its own flow; the page the reset ends on says it already.
CHANGED_MESSAGE_TEMPLATE = "account/messages/password_changed.txt"
RESET_FROM_KEY_URL_NAME = "account_reset_password_from_key"


@dataclass(frozen=True)
class Publication:
    """What allauth's templates call ``current_site``: the publication, not the request's host."""

    name: str
    domain: str
    url: str


def publication() -> Publication:
    base_url = settings.WARTA_BASE_URL.rstrip("/")
    return Publication(
        name=settings.WARTA_SITE_NAME, domain=urlsplit(base_url).netloc, url=base_url
    )


class AccountAdapter(DefaultAccountAdapter):
    def pre_authenticate(self, request, **credentials) -> None:
        """Sign-in: refuse overlong values before allauth looks the reader up or counts them."""
        password = credentials.get("password") or ""
        logins = [v for k, v in credentials.items() if k != "password" and isinstance(v, str)]
        if len(password) > PASSWORD_MAX_LENGTH or any(len(v) > LOGIN_MAX_LENGTH for v in logins):
            raise forms.ValidationError(INPUT_TOO_LONG, code="too_long")
        super().pre_authenticate(request, **credentials)

    def clean_email(self, email: str) -> str:
        """Sign-up, password reset, a new address: before the address is looked up."""
        if len(email) > LOGIN_MAX_LENGTH:
            raise forms.ValidationError(EMAIL_TOO_LONG, code="too_long")
        return super().clean_email(email)

    def clean_password(self, password: str, user=None) -> str:
        """Sign-up, a changed or reset password: before the rules and the hash see it."""
        if len(password) > PASSWORD_MAX_LENGTH:
            raise forms.ValidationError(PASSWORD_TOO_LONG, code="too_long")
        return super().clean_password(password, user)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.signup_source = attribution_read(request)
        if commit:
            user.save()
        return user

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        site = publication()
        super().send_mail(
            template_prefix,
            email,
            {**context, "current_site": site, "site_name": site.name, "site_url": site.url},
        )

    def format_email_subject(self, subject: str) -> str:
        """Our subjects name the publication; any other allauth sends gets its name in front."""
        name = settings.WARTA_SITE_NAME
        return subject if name in subject else f"{name}: {subject}"

    def add_message(
        self,
        request,
        level,
        message_template=None,
        message_context=None,
        extra_tags="",
        message=None,
    ) -> None:
        match = getattr(request, "resolver_match", None)
        if (
            message_template == CHANGED_MESSAGE_TEMPLATE
            and match is not None
            and match.url_name == RESET_FROM_KEY_URL_NAME
        ):
            return  # "Password changed" is the page the reset ends on: said once, there
        super().add_message(
            request,
            level,
            message_template=message_template,
            message_context=message_context,
            extra_tags=extra_tags,
            message=message,
        )
