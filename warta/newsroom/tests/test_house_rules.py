"""Rules of the codebase that a reviewer could miss, checked on every run."""

import re
from pathlib import Path

WARTA = Path(__file__).resolve().parents[2]
# Any "<name>.body" but a request's (HTTP bodies are not articles) and demo data items.
BODY_READ = re.compile(r"\b(?!item\b|request\b)\w+\.body\b")
ALLOWED = {WARTA / "newsroom" / "visible_body.py"}


def _sources():
    for path in WARTA.rglob("*"):
        if path.suffix not in {".py", ".html", ".xml", ".txt"}:
            continue
        if "tests" in path.parts or "migrations" in path.parts or path in ALLOWED:
            continue
        yield path


def test_only_visible_body_reads_article_bodies_for_output():
    offenders = [
        f"{path.relative_to(WARTA)}:{number}: {line.strip()}"
        for path in _sources()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if BODY_READ.search(line)
    ]

    assert offenders == [], "Read article bodies through visible_body():\n" + "\n".join(offenders)


def test_the_rule_catches_a_body_read():
    assert BODY_READ.search("text = article.body[0]")
    assert BODY_READ.search("{{ page.body }}")
    assert not BODY_READ.search("body=_body(item.body)")
    assert not BODY_READ.search("payload = request.body")
    assert not BODY_READ.search("{% for block in body.blocks %}")


def test_no_view_is_cached_per_view():
    """Article views must not use cache_page: what a reader may see depends on who they are."""
    offenders = [p for p in _sources() if "cache_page" in p.read_text()]

    assert offenders == []
