"""The mail backend of a site that sends no mail (``WARTA_EMAIL_BACKEND=none``): the operator
said so deliberately, so each message is dropped with a log line instead of an error.

The line names the subject and how many recipients, never their addresses (logs are kept longer
and read by more people than a mailbox)."""

import logging
from typing import Any

from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger(__name__)


class NoMailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Any) -> int:
        for message in email_messages:
            logger.warning(
                "Mail not sent (WARTA_EMAIL_BACKEND=none): %r to %d recipient(s)",
                str(message.subject),
                len(message.recipients()),
            )
        return 0
