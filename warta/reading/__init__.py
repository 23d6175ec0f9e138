"""Who may read what, for any channel (the web now, the app's API and the wire desk later).

A channel turns what it receives (cookies, a token) into plain inputs: the signed-in user or
none, the browser's gift grants or none, an article, a time. ``article_reading`` answers with one
typed value (``Reading``): the paywall decision, the gift grant's state, the gifting allowance and
the kind of shared rendering this reader gets. Below it: the pure rule (warta/access), what a
reader has paid for (warta/subscriptions) and gifts (warta/gifts). Nothing here knows HTTP.
"""
