"""The back office's forms for sections and authors: the slug is made from the name when left
empty (named_slugs.py), as the editor sees it filled in while typing the name."""

from wagtail.admin.forms import WagtailAdminModelForm

from .named_slugs import slug_from_name
from .public_pages import reserved_section_slugs

NO_SLUG_FROM_NAME = "Give a slug: the name has no letters or digits to make one from."


class NamedWithSlugForm(WagtailAdminModelForm):
    """A model form for a ``name`` and a unique ``slug``; an empty slug becomes the name's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        slug = self.fields["slug"]
        slug.required = False
        slug.help_text = "The last part of the address. Made from the name when left empty."

    def reserved_slugs(self) -> frozenset[str]:
        return frozenset()

    def clean(self):
        cleaned_data = super().clean()
        name = cleaned_data.get("name")
        if name and not cleaned_data.get("slug") and "slug" not in self.errors:
            slug = slug_from_name(
                self._meta.model,
                name,
                exclude_pk=self.instance.pk,
                reserved=self.reserved_slugs(),
            )
            if slug:
                cleaned_data["slug"] = slug
            else:
                self.add_error("slug", NO_SLUG_FROM_NAME)
        return cleaned_data


class SectionForm(NamedWithSlugForm):
    def reserved_slugs(self) -> frozenset[str]:
        return reserved_section_slugs()


class AuthorForm(NamedWithSlugForm):
    pass
