"""Rules of the codebase that a reviewer could miss, checked on every run over all of warta/."""

import re
from pathlib import Path

WARTA = Path(__file__).resolve().parents[1] / "warta"
# Any "<name>.body" read but a request's or a mail message's (neither is an article), demo items
# and new content on its way in (``changes``); writing a body (``x.body = ...``) is no read.
BODY_READ = re.compile(r"\b(?!item\b|request\b|message\b|changes\b)\w+\.body\b(?!\s*=[^=])")
ALLOWED = {WARTA / "newsroom" / "visible_body.py"}


def _sources():
    for path in WARTA.rglob("*"):
        if path.suffix not in {".py", ".html", ".xml", ".txt"}:
            continue
        parts = path.relative_to(WARTA).parts
        if "tests" in parts or "migrations" in parts or path in ALLOWED:
            continue
        yield path


def test_the_rules_read_every_app():
    """The rules below pass on no files as well as on good ones: they must see the whole package."""
    read = {path.relative_to(WARTA).as_posix() for path in _sources()}

    apps = {path.name for path in WARTA.iterdir() if (path / "apps.py").exists()}
    assert {"newsroom", "web", "gifts", "subscriptions", "accounts"} <= apps
    assert {f"{app}/apps.py" for app in apps} <= read
    assert {"web/views.py", "web/templates/web/article.html", "newsroom/models.py"} <= read
    assert not any(name.startswith(("newsroom/tests/", "newsroom/migrations/")) for name in read)


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
    assert not BODY_READ.search('"body": str(message.body),')
    assert not BODY_READ.search("{% for block in body.blocks %}")


def test_no_view_is_cached_per_view():
    """Article views must not use cache_page: what a reader may see depends on who they are."""
    offenders = [p for p in _sources() if "cache_page" in p.read_text()]

    assert offenders == []
