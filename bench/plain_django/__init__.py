"""The floor a page render is measured against (bench/article_page.sh): the same server, the same
settings, middleware and access log as warta, and a view that renders one Django template holding
the anonymous article's HTML as it is."""
