from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path

from . import account_views, app_links, feeds, text_size, views
from .sitemaps import SITEMAPS, sitemap, sitemap_index

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("account/", account_views.account_home, name="account"),
    path("account/text-size/", text_size.text_size_view, name="account-text-size"),
    path(
        ".well-known/apple-app-site-association",
        app_links.apple_app_site_association_view,
        name="apple-app-site-association",
    ),
    path(".well-known/assetlinks.json", app_links.asset_links_view, name="assetlinks"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("feeds/rss.xml", feeds.SiteFeed(), name="feed-rss"),
    path("feeds/atom.xml", feeds.SiteAtomFeed(), name="feed-atom"),
    path("feeds/<slug:section>/rss.xml", feeds.SectionFeed(), name="section-feed-rss"),
    path("feeds/<slug:section>/atom.xml", feeds.SectionAtomFeed(), name="section-feed-atom"),
    path("sitemap.xml", sitemap_index, name="sitemap-index"),
    path(
        "sitemap-news.xml",
        sitemap_views.sitemap,
        {"sitemaps": {"news": SITEMAPS["news"]}, "template_name": "web/sitemap_news.xml"},
        name="sitemap-news",
    ),
    path("sitemap-<section>.xml", sitemap, name="sitemap"),
    path("tag/<slug:slug>/", views.tag_page, name="tag"),
    path("author/<slug:slug>/", views.author_page, name="author"),
    re_path(
        r"^(?P<section>[-\w]+)/(?P<year>\d{4})/(?P<month>\d{2})/(?P<day>\d{2})/(?P<slug>[-\w]+)\.html$",
        views.article_detail,
        name="article",
    ),
    re_path(
        r"^(?P<section>[-\w]+)/(?P<year>\d{4})/(?P<month>\d{2})/(?P<day>\d{2})/(?P<slug>[-\w]+)/print\.html$",
        views.article_print,
        name="article-print",
    ),
    path("<slug:section>/", views.section_front, name="section"),
]
