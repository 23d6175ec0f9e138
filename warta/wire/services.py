"""Writes of the wire desk apart from ingesting: setting up sources."""

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from warta.newsroom.models import Section, WireSource

from .models import CategoryMapping, Source


@dataclass(frozen=True)
class SourceSettings:
    name: str
    format: str
    section_slug: str
    publish_mode: str = "draft"
    access_level: str = "free"
    time_zone: str = "UTC"
    credit: str = ""  # how the source line reads; the name when empty
    url: str = ""
    poll_every: int = 300
    categories: Mapping[str, str] | None = None  # agency code -> section slug


@transaction.atomic
def source_add(*, settings: SourceSettings) -> Source:
    """A new source, its agency's credit line (shared with other feeds of the same credit) and
    its category mapping. Raises ValidationError naming what is wrong; nothing is kept then."""
    if Source.objects.filter(name=settings.name).exists():
        raise ValidationError({"name": f'A source named "{settings.name}" exists already.'})
    section = _section(settings.section_slug, "section")
    credit = (settings.credit or settings.name).strip()
    agency = WireSource.objects.filter(credit=credit).first()
    if agency is None:
        agency = WireSource(name=_free_name(credit), slug=_free_slug(credit), credit=credit)
        agency.full_clean()
        agency.save()
    source = Source(
        name=settings.name,
        agency=agency,
        format=settings.format,
        section=section,
        publish_mode=settings.publish_mode,
        access_level=settings.access_level,
        time_zone=settings.time_zone,
        url=settings.url,
        poll_every=settings.poll_every,
    )
    source.full_clean()
    source.save()
    for code, slug in (settings.categories or {}).items():
        if not code.strip():
            raise ValidationError({"category": f'"{code}={slug}" has no category code.'})
        CategoryMapping.objects.create(
            source=source, code=code.strip(), section=_section(slug, f"category {code}")
        )
    return source


def _section(slug: str, what: str) -> Section:
    section = Section.objects.filter(slug=slug).first()
    if section is None:
        known = ", ".join(Section.objects.values_list("slug", flat=True)) or "none yet"
        raise ValidationError({what: f'No section "{slug}" (sections: {known}).'})
    return section


def _free_name(credit: str) -> str:
    name, n = credit[:110], 1
    while WireSource.objects.filter(name=name).exists():
        n += 1
        name = f"{credit[:110]} {n}"
    return name


def _free_slug(credit: str) -> str:
    base = slugify(credit)[:110] or "agency"
    slug, n = base, 1
    while WireSource.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
