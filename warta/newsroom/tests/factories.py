"""Factories for newsroom data. Articles are created live unless told otherwise."""

import io
from datetime import UTC, datetime

import factory
from django.core.files.images import ImageFile
from PIL import Image
from wagtail.models import Collection
from wagtail.rich_text import RichText

from warta.newsroom.models import AccessLevel, Article, Author, NewsImage, Section, Tag, WireSource


def paragraphs(*texts: str) -> list[tuple[str, object]]:
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts]


def jpeg(width: int = 1600, height: int = 1000, color: str = "#3366aa") -> ImageFile:
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, "JPEG")
    return ImageFile(out, name="picture.jpg")


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Desk {n}")
    slug = factory.Sequence(lambda n: f"desk-{n}")
    role = "Staff reporters"


class WireSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WireSource
        django_get_or_create = ("slug",)

    name = "Reuters"
    slug = "reuters"
    credit = "Reuters"


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    name = factory.Sequence(lambda n: f"Tag {n}")
    slug = factory.Sequence(lambda n: f"tag-{n}")


def root_collection() -> Collection:
    """Wagtail's root collection, made again if a transactional test flushed it away."""
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


class NewsImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsImage

    collection = factory.LazyFunction(root_collection)
    title = factory.Sequence(lambda n: f"image-{n}")
    file = factory.LazyFunction(jpeg)
    description = "A harbour at dusk with cranes against an orange sky"
    caption = "The harbour before the inauguration of the new port."
    credit = "Reuters/Photo Desk"


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    headline = factory.Sequence(lambda n: f"Headline number {n}")
    slug = factory.Sequence(lambda n: f"story-{n}")
    dek = "A summary of the story in one sentence."
    section = factory.SubFactory(SectionFactory)
    access_level = AccessLevel.FREE
    body = factory.LazyFunction(
        lambda: paragraphs("First paragraph of the story.", "Second paragraph.", "Third one.")
    )
    live = True
    first_published_at = factory.LazyFunction(lambda: datetime(2026, 1, 8, 8, 9, 16, tzinfo=UTC))
    last_published_at = factory.SelfAttribute("first_published_at")

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create and extracted:
            self.authors.set(extracted)
            self.save()

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)
            self.save()

    @factory.post_generation
    def related_articles(self, create, extracted, **kwargs):
        if create and extracted:
            self.related_articles.set(extracted)
            self.save()
