app_name = "accounts"

# The reader's account page and preferences; sign-in, sign-up and passwords are allauth's
# (mounted at /accounts/ in config/urls.py).
urlpatterns: list = []
