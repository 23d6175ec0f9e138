"""The OpenAPI schema and the documentation page."""

import pytest

from .api_client import PREFIX, body

pytestmark = pytest.mark.django_db


def test_the_schema_lists_every_endpoint(client):
    schema = body(client.get(f"{PREFIX}/openapi.json"))

    assert schema["openapi"].startswith("3.1")
    assert set(schema["paths"]) == {
        f"{PREFIX}/sections",
        f"{PREFIX}/articles",
        f"{PREFIX}/articles/{{article_id}}",
        f"{PREFIX}/resolve",
        f"{PREFIX}/me",
        f"{PREFIX}/gifts",
        f"{PREFIX}/gifts/{{gift_id}}",
        f"{PREFIX}/feedback",
        f"{PREFIX}/sync",
        f"{PREFIX}/search",
    }
    blocks = schema["components"]["schemas"]["ArticleResource"]["properties"]["body"]["items"]
    assert set(blocks["discriminator"]["mapping"]) == {
        "paragraph", "subheading", "image", "quote", "embed"
    }  # fmt: skip


def test_the_docs_page_loads_its_scripts_from_the_site(client):
    page = client.get(f"{PREFIX}/docs").content.decode()

    assert "swagger" in page.lower()
    assert "cdn." not in page and "unpkg" not in page
