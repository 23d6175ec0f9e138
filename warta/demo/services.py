"""Loading the demo newsroom: sections, desks, agencies, a wire source, pictures, 30 articles and
demo logins.

Idempotent: what exists already (by slug, title or username) is left as it is.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from io import BytesIO

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.rich_text import RichText

from warta.accounts.models import User
from warta.newsroom.models import (
    Article,
    Author,
    FrontPage,
    FrontPageStory,
    NewsImage,
    Section,
    Tag,
    WireSource,
)
from warta.newsroom.roles import EDITORS, REPORTERS, newsroom_roles_ensure
from warta.newsroom.services import article_create
from warta.subscriptions.models import Plan, Subscription
from warta.subscriptions.services import subscription_start
from warta.wire.models import Source
from warta.wire.services import source_add

from . import articles as content
from .content_types import Break, DemoArticle, Embed, Para, Picture, Quote, Sub
from .pictures import picture_draw

DEMO_PASSWORD = "warta-demo"  # noqa: S105 - printed by `make demo`; refused in production


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str


DEMO_LOGINS = (
    DemoLogin("admin", "administrator (everything)"),
    DemoLogin("editor", "editor: reviews, schedules and publishes"),
    DemoLogin("reporter", "reporter: writes and submits for review"),
    DemoLogin("reader", "registered reader"),
    DemoLogin("subscriber", "subscriber (Digital Plus: 5 gifts a month)"),
)


def _body(items: tuple) -> list[tuple[str, object]]:
    blocks: list[tuple[str, object]] = []
    for item in items:
        match item:
            case Para(text=text):
                blocks.append(("paragraph", RichText(f"<p>{text}</p>")))
            case Sub(text=text):
                blocks.append(("subheading", text))
            case Quote(text=text, attribution=attribution):
                blocks.append(("quote", {"text": text, "attribution": attribution}))
            case Embed(url=url, title=title, provider=provider):
                blocks.append(("embed", {"url": url, "title": title, "provider": provider}))
            case Break():
                blocks.append(("teaser_break", None))
            case _:
                raise TypeError(f"Unknown demo body item: {item!r}")
    return blocks


def _picture(picture: Picture) -> NewsImage:
    existing = NewsImage.objects.filter(title=picture.key).first()
    if existing:
        return existing
    image = NewsImage(
        title=picture.key,
        description=picture.alt,
        caption=picture.caption,
        credit=picture.credit,
    )
    image.file = ImageFile(BytesIO(picture_draw(picture)), name=f"{picture.key}.jpg")
    image.save()
    return image


def _users(now: datetime) -> None:
    editors = Group.objects.get(name=EDITORS)
    reporters = Group.objects.get(name=REPORTERS)
    for login in DEMO_LOGINS:
        user, created = User.objects.get_or_create(
            username=login.username,
            defaults={
                "email": f"{login.username}@demo.invalid",
                "display_name": f"Demo {login.username.capitalize()}",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            if login.username == "admin":
                user.is_superuser = user.is_staff = True
            user.save()
        if login.username == "editor":
            user.groups.add(editors)
        if login.username == "reporter":
            user.groups.add(reporters)
        if login.username == "subscriber" and not Subscription.objects.filter(user=user).exists():
            subscription_start(
                user=user,
                plan=Plan.objects.get(slug="digital-plus"),
                provider="development",
                period_end=now + timedelta(days=365),
            )


def _article(item: DemoArticle, now: datetime) -> Article:
    existing = Article.objects.filter(slug=item.key).first()
    if existing:
        return existing
    published = now - timedelta(hours=item.hours_ago)
    hero = _picture(item.hero) if item.hero else None
    article = article_create(
        headline=item.headline,
        slug=item.key,
        dek=item.dek,
        section=Section.objects.get(slug=item.section),
        body=_body(item.body),
        access_level=item.access,
        authors=list(Author.objects.filter(slug__in=item.authors)),
        wire_source=WireSource.objects.get(slug=item.wire) if item.wire else None,
        dateline=item.dateline,
        hero_image=hero,
        tags=list(Tag.objects.filter(slug__in=item.tags)),
        publish=True,
        published_at=published,
    )
    if item.updated_hours_later:
        Article.objects.filter(pk=article.pk).update(
            last_published_at=published + timedelta(hours=item.updated_hours_later)
        )
    return article


@transaction.atomic
def demo_content_load(*, now: datetime) -> int:
    """Load everything; returns how many articles the demo has."""
    if settings.PRODUCTION:
        raise RuntimeError("Demo content and demo logins are refused in the production profile.")
    newsroom_roles_ensure()
    for position, (slug, name, description) in enumerate(content.SECTIONS):
        Section.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
    for slug, name, role, bio in content.AUTHORS:
        Author.objects.get_or_create(slug=slug, defaults={"name": name, "role": role, "bio": bio})
    for slug, name, credit, url in content.WIRE_SOURCES:
        WireSource.objects.get_or_create(
            slug=slug, defaults={"name": name, "credit": credit, "url": url}
        )
    for slug, name in content.TAGS:
        Tag.objects.get_or_create(slug=slug, defaults={"name": name})
    if not Source.objects.filter(name=content.DEMO_WIRE.name).exists():
        source_add(settings=content.DEMO_WIRE)
    _users(now)
    created = {item.key: _article(item, now) for item in content.ARTICLES}
    front, _ = FrontPage.objects.get_or_create(name="Home page")
    if not front.stories.exists():
        tops = sorted((a for a in content.ARTICLES if a.top_story), key=lambda a: a.top_story or 0)
        for order, item in enumerate(tops):
            FrontPageStory.objects.create(
                front_page=front, article=created[item.key], sort_order=order
            )
    return Article.objects.filter(live=True).count()


def demo_logins_text() -> str:
    lines = [f"  {login.username:<11} {login.role}" for login in DEMO_LOGINS]
    return "\n".join(
        ["Demo logins (password for all: " + DEMO_PASSWORD + "):", *lines, "  Back office: /admin/"]
    )
