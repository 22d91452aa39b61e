from django.urls import path

from search import feeds, subscription_views, views

urlpatterns = [
    path("zoeken/", views.search_page, name="search"),
    path("zoeken/suggesties/", views.suggestions, name="search_suggestions"),
    path("zoeken/feed/", feeds.search_feed, name="search_feed"),
    # "Volg deze zoekopdracht" (search/subscription_views.py)
    path("zoeken/volgen/", subscription_views.follow, name="search_follow"),
    path(
        "zoeken/volgen/verstuurd/",
        subscription_views.follow_sent,
        name="search_follow_sent",
    ),
    path(
        "zoeken/volgen/bevestigen/<str:token>/",
        subscription_views.confirm,
        name="search_follow_confirm",
    ),
    path(
        "zoeken/volgen/beheren/<str:token>/",
        subscription_views.open_manage_link,
        name="search_follow_manage_link",
    ),
    path(
        "zoeken/volgen/abonnement/<int:pk>/",
        subscription_views.manage,
        name="search_follow_manage",
    ),
    path(
        "zoeken/volgen/afmelden/<str:token>/",
        subscription_views.unsubscribe,
        name="search_follow_unsubscribe",
    ),
    path("api/zoeken/", views.search_api, name="search_api"),
    path("api/zoeken/openapi.json", views.openapi, name="search_openapi"),
]
