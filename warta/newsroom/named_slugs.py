"""Slugs made from a name for sections and authors: free among their kind, and for a section never
a first path segment the site uses itself."""

from collections.abc import Collection

from django.db import models
from django.utils.text import slugify


def slug_from_name(
    model: type[models.Model],
    name: str,
    *,
    exclude_pk: int | None = None,
    reserved: Collection[str] = (),
) -> str:
    """``slugify(name)``, or with ``-2``, ``-3``… when another row (or the site) has it; "" when
    the name has no letters or digits to make a slug from. It fits the model's slug field."""
    max_length = getattr(model._meta.get_field("slug"), "max_length", None) or 50
    base = slugify(name)[: max_length - 4].strip("-")
    if not base:
        return ""
    others = model._default_manager.exclude(pk=exclude_pk) if exclude_pk else model._default_manager
    candidate, n = base, 1
    while candidate in reserved or others.filter(slug=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate
