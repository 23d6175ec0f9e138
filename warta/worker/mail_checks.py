"""Deployment checks of the mail the worker sends (``manage.py check --deploy``).

Django's own check (mail.E001) looks at ``MAILERS["default"]``, which in warta is the queue; the
backend that really sends is ``MAILERS["delivery"]``, checked here the same way."""

from typing import Any

from django.conf import settings
from django.core import checks
from django.core.checks.mail import NON_PRODUCTION_EMAIL_BACKENDS

from .mail import DELIVERY_MAILER

NO_MAIL_BACKEND = "warta.worker.no_mail.NoMailBackend"


@checks.register(checks.Tags.mail, deploy=True)
def check_delivery_backend(app_configs: Any, **kwargs: Any) -> list[checks.CheckMessage]:
    delivery = settings.MAILERS.get(DELIVERY_MAILER)
    backend = delivery.get("BACKEND", "") if isinstance(delivery, dict) else ""
    if backend in NON_PRODUCTION_EMAIL_BACKENDS:
        return [
            checks.Error(
                f"The worker would send mail with a development-only backend ({backend}): "
                "no reader would receive a sign-up confirmation or a password reset.",
                hint=(
                    "Set WARTA_EMAIL_BACKEND to the SMTP backend (the production default) with "
                    "EMAIL_HOST..., or WARTA_EMAIL_BACKEND=none to say deliberately that the "
                    "site sends no mail (docs/operations.md, Mail)."
                ),
                id="worker.E001",
            )
        ]
    if backend == NO_MAIL_BACKEND and settings.ACCOUNT_EMAIL_VERIFICATION == "mandatory":
        return [
            checks.Warning(
                "WARTA_EMAIL_BACKEND=none with mandatory e-mail verification: readers who sign "
                "up can never confirm their address, so never sign in.",
                hint="Set WARTA_EMAIL_VERIFICATION=none (or optional) when the site sends no mail.",
                id="worker.W001",
            )
        ]
    return []
