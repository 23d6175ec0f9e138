"""The site's URLs plus one stand-in article page carrying the feedback box.

Until the article template includes the box, tests render it here, inside the same page frame
(``web/base.html``) and article column as a real article.
"""

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns

STORY = engines["django"].from_string(
    """{% extends "web/base.html" %}
{% block body_class %}page-article{% endblock %}
{% block content %}
<article class="article" aria-labelledby="headline">
  <header class="article-header">
    <p class="kicker"><a href="/world/">World</a></p>
    <h1 id="headline">Ports and power lines: a year of the new corridor</h1>
    <p class="dek">Traffic through the harbour doubled; residents ask where the jobs went.</p>
  </header>
  <div class="article-body">
    <p>Container traffic through the harbour doubled over the year, officials said on Monday.</p>
    <p>Residents say the new jobs went mostly to workers from elsewhere.</p>
  </div>
  {% include "feedback/includes/feedback_box.html" %}
</article>
{% endblock %}"""
)
STORY_PATH = "/test/world/corridor.html"


def story(request: HttpRequest) -> HttpResponse:
    return HttpResponse(STORY.render({"page_title": "A year of the corridor"}, request))


urlpatterns = [path(STORY_PATH.lstrip("/"), story), *site_urlpatterns]
