"""Share options for an article: the links of the share panel, made from its canonical URL.

Always the canonical URL, never the address in the browser: it carries no query string, so no
gift token, tracking parameter or page number travels with a share. (Gifting has its own links,
made by the gift dialog.) WhatsApp comes first: it is how most of our readers share.
"""

from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class ShareLink:
    key: str  # names the icon and the test hook
    label: str
    url: str
    new_tab: bool = True


def _q(text: str) -> str:
    return quote(text, safe="")


def share_links(*, url: str, title: str) -> list[ShareLink]:
    if not url:
        return []
    mail_body = f"{title}\n\n{url}"
    return [
        ShareLink("whatsapp", "WhatsApp", f"https://wa.me/?text={_q(f'{title} {url}')}"),
        ShareLink(
            "facebook", "Facebook", f"https://www.facebook.com/sharer/sharer.php?u={_q(url)}"
        ),
        ShareLink("x", "X", f"https://x.com/intent/tweet?text={_q(title)}&url={_q(url)}"),
        ShareLink(
            "linkedin", "LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?url={_q(url)}"
        ),
        ShareLink("telegram", "Telegram", f"https://t.me/share/url?url={_q(url)}&text={_q(title)}"),
        ShareLink(
            "email",
            "E-mail",
            f"mailto:?subject={_q(title)}&body={_q(mail_body)}",
            new_tab=False,
        ),
    ]
