"""Examples for the OpenAPI schema (``openapi_doc.py``): one answer or request body per component
schema, as the demo newspaper would give them. Written for warta; every one is checked against
its schema (``tests/test_openapi_doc.py``), so a field added to a resource must be added here."""

from typing import Any

_BUSINESS = {"slug": "business", "name": "Business"}
_CITY = {"slug": "city", "name": "City"}

_HERO = {
    "alt": "Dockworkers unload containers at the east quay at first light",
    "caption": "The east quay on Monday, the first day of the longer shifts.",
    "credit": "Photo: Maren Holt/Warta",
    "renditions": [
        {
            "url": "https://www.warta.example/media/images/east-quay.width-480.jpg",
            "width": 480,
            "height": 300,
        },
        {
            "url": "https://www.warta.example/media/images/east-quay.width-1200.jpg",
            "width": 1200,
            "height": 750,
        },
    ],
}

_HARBOUR_URL = "https://www.warta.example/business/2026/12/07/harbour-extends-night-shifts.html"
_LIBRARY_URL = "https://www.warta.example/city/2026/12/06/branch-libraries-open-on-sundays.html"

_HARBOUR_CARD: dict[str, Any] = {
    "id": 412,
    "url": _HARBOUR_URL,
    "headline": "Harbour extends night shifts as winter freight peaks",
    "dek": "The port authority adds two crews until February; the unions want a review in March.",
    "section": _BUSINESS,
    "access_level": "premium",
    "published_at": "2026-12-07T06:30:00+01:00",
    "updated_at": "2026-12-07T09:12:00+01:00",
    "byline": ["Maren Holt", "Business Desk"],
    "hero": _HERO,
}

_LIBRARY_CARD: dict[str, Any] = {
    "id": 409,
    "url": _LIBRARY_URL,
    "headline": "Branch libraries to open on Sundays from January",
    "dek": "Four neighbourhood branches will open from noon to five, staffed by the council.",
    "section": _CITY,
    "access_level": "free",
    "published_at": "2026-12-06T17:45:00+01:00",
    "updated_at": None,
    "byline": ["Tomas Varga"],
    "hero": None,
}

_ARTICLE: dict[str, Any] = {
    **_HARBOUR_CARD,
    "dateline": "Warta",
    "language": "en",
    "authors": [
        {"slug": "maren-holt", "name": "Maren Holt", "role": "Economics correspondent"},
        {"slug": "business-desk", "name": "Business Desk", "role": "Staff reporters"},
    ],
    "tags": [{"slug": "port", "name": "Port"}, {"slug": "labour", "name": "Labour"}],
    "access": {"full": True, "reason": "subscriber"},
    "complete": True,
    "body": [
        {
            "type": "paragraph",
            "html": "<p>The port authority will run <b>two extra night crews</b> at the east "
            "quay until the end of February, it said on Monday.</p>",
        },
        {"type": "subheading", "text": "Why now"},
        {
            "type": "paragraph",
            "html": "<p>Container traffic in November was the highest since the quay "
            "opened, and ships waited up to <i>nine hours</i> for a berth.</p>",
        },
        {"type": "image", **_HERO},
        {
            "type": "quote",
            "text": "We would rather pay for the shifts than for the ships waiting outside.",
            "attribution": "Ilse Brandt, harbour master",
        },
        {
            "type": "embed",
            "url": "https://www.warta.example/documents/port-authority-winter-plan.pdf",
            "title": "The port authority's winter plan",
            "provider": "Port authority",
        },
    ],
}

_GIFT: dict[str, Any] = {
    "id": 57,
    "article": {"id": 412, "headline": _HARBOUR_CARD["headline"], "url": _HARBOUR_URL},
    "url": f"{_HARBOUR_URL}?gift=Rk9yWbq2cV8mZt1xL0aP",
    "whatsapp_url": "https://wa.me/?text=Harbour%20extends%20night%20shifts%20"
    "https%3A%2F%2Fwww.warta.example%2Fbusiness%2F2026%2F12%2F07%2F"
    "harbour-extends-night-shifts.html%3Fgift%3DRk9yWbq2cV8mZt1xL0aP",
    "email_url": "mailto:?subject=Harbour%20extends%20night%20shifts&body="
    "https%3A%2F%2Fwww.warta.example%2Fbusiness%2F2026%2F12%2F07%2F"
    "harbour-extends-night-shifts.html%3Fgift%3DRk9yWbq2cV8mZt1xL0aP",
    "state": "valid",
    "created_at": "2026-12-07T10:02:00+01:00",
    "expires_at": "2026-12-14T10:02:00+01:00",
    "revoked_at": None,
    "returned": False,
}

_GIFTS_LEFT = {"left": 4, "text": "4 gifts left this month."}

# By the name of the component schema (or the inline schema's title) they are examples of.
EXAMPLES: dict[str, Any] = {
    "SectionList": {
        "items": [
            {
                "slug": "city",
                "name": "City",
                "description": "The council, the neighbourhoods and the people in them.",
                "url": "https://www.warta.example/city/",
            },
            {
                "slug": "business",
                "name": "Business",
                "description": "Trade, the port and the region's employers.",
                "url": "https://www.warta.example/business/",
            },
        ]
    },
    "ArticlePage": {
        "items": [_HARBOUR_CARD, _LIBRARY_CARD],
        "next_cursor": "djEuMTc2NTA4MzUwMC40MDk",
    },
    "ArticleResource": _ARTICLE,
    "SearchPage": {
        "query": "harbour night shifts",
        "cut": False,
        "items": [_HARBOUR_CARD],
        "next_cursor": None,
    },
    "MeResource": {
        "id": 23,
        "username": "ilse",
        "email": "ilse@example.org",
        "display_name": "Ilse Brandt",
        "text_size": "medium",
        "entitlements": {
            "subscription_status": "active",
            "plan": {"slug": "digital", "name": "Digital", "gifts_per_month": 5},
            "paid_until": "2027-01-07T00:00:00+01:00",
            "paid_up": True,
            "reads_whole": ["free", "registered", "premium"],
        },
        "gifts": {
            "per_month": 5,
            "used": 1,
            "left": 4,
            "renews_on": "2027-01-01",
            "text": "4 gifts left this month.",
        },
    },
    "GiftList": {"items": [_GIFT], "gifts_left": _GIFTS_LEFT},
    "GiftMade": {"gift": _GIFT, "created": True, "gifts_left": _GIFTS_LEFT},
    "GiftRevoked": {
        "gift": {**_GIFT, "state": "revoked", "revoked_at": "2026-12-07T11:40:00+01:00"},
        "gave_back": True,
        "message": "Nobody opened this link, so its gift is yours again.",
    },
    "FeedbackSent": {"message": "Thank you: your message has reached the newsroom."},
    "SyncPage": {
        "entries": [
            {
                "kind": "arrived",
                "id": 412,
                "article": _HARBOUR_CARD,
                "reason": None,
                "access_raised": False,
            },
            {
                "kind": "updated",
                "id": 409,
                "article": _LIBRARY_CARD,
                "reason": None,
                "access_raised": False,
            },
            {
                "kind": "left",
                "id": 388,
                "article": None,
                "reason": "unpublished",
                "access_raised": False,
            },
        ],
        "next_cursor": "czEuNDQ",
        "more": False,
        "snapshot": False,
    },
    # Request bodies.
    "GiftIn": {"article_id": 412},
    "FeedbackIn": {
        "message": "The tide table on the harbour page still shows last week's times.",
        "reply_email": "ilse@example.org",
        "page": "/business/2026/12/07/harbour-extends-night-shifts.html",
    },
}

# The headers' own examples.
ETAG_EXAMPLE = '"5d41402abc4b2a76b9719d911017c592"'
GIFT_TOKEN_EXAMPLE = "Rk9yWbq2cV8mZt1xL0aP"  # noqa: S105 - an example, opening nothing
GIFT_GRANTS_EXAMPLE = "eyJnIjpbNTddfQ:1tKp3x:9yQe2Hc0rLw"
