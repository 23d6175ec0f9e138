"""Mail goes out through the worker: sending never fails a request, and a refused or unreachable
mail server is tried again (decision 0013).

``MAILERS["default"]`` is ``QueuedMailBackend``: it turns each message into plain values and
enqueues ``deliver_mail``, which sends it with the real backend, ``MAILERS["delivery"]``.
"""

import base64
from typing import Any

from django.core.mail import EmailMessage, EmailMultiAlternatives, mailers
from django.core.mail.backends.base import BaseEmailBackend

from .background import background_task

DELIVERY_MAILER = "delivery"


def _plain(message: EmailMessage) -> dict[str, Any]:
    attachments = []
    for attachment in message.attachments:
        filename, content, mimetype = attachment  # MIME parts are not queued: they raise here
        raw = content.encode() if isinstance(content, str) else bytes(content)
        attachments.append([filename, base64.b64encode(raw).decode("ascii"), mimetype])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(name): str(value) for name, value in message.extra_headers.items()},
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
    }


def _message(plain: dict[str, Any]) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=plain["subject"],
        body=plain["body"],
        from_email=plain["from_email"],
        to=plain["to"],
        cc=plain["cc"],
        bcc=plain["bcc"],
        reply_to=plain["reply_to"],
        headers=plain["headers"],
    )
    for content, mimetype in plain["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in plain["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


@background_task(queue="mail", retries=6, backoff_seconds=60)
def deliver_mail(plain: dict[str, Any]) -> None:
    """Send one message with the real backend; raising lets the worker try again later."""
    mailers[DELIVERY_MAILER].send_messages([_message(plain)])


class QueuedMailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Any) -> int:
        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            deliver_mail.enqueue(_plain(message))
            count += 1
        return count
