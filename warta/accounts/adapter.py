"""warta's allauth adapter: a new account remembers what brought the reader (a gift link)."""

from allauth.account.adapter import DefaultAccountAdapter

from .attribution import attribution_read


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.signup_source = attribution_read(request)
        if commit:
            user.save()
        return user
