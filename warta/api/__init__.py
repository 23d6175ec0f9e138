"""The content API for the publisher's app, under ``/api/v1/`` (docs/api.md, decision 0019).

It is a channel, as the web is: it turns a request into the reading layer's inputs, asks
``warta.reading.access.article_reading`` who may read an article, and shows the body only through
``warta.newsroom.visible_body``. It never imports the web (pyproject.toml's import contracts).
"""
