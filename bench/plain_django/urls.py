"""Every path answers with the saved page, rendered as a Django template (a plain render)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import re_path


def saved_page(request: HttpRequest) -> HttpResponse:
    return render(request, "plain_article.html")


urlpatterns = [re_path(r"", saved_page)]
