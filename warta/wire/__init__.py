"""The wire desk: agency items in (ninjs, NewsML-G2, RSS/Atom), safely, exactly once (issue 12).

Parsers are pure functions, bytes in, typed frozen items out (``items.py``); transports and the
ingest that turns items into articles come apart from them.
"""
