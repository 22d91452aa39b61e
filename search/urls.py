from django.urls import path

from search import views

urlpatterns = [
    path("zoeken/", views.search_page, name="search"),
    path("zoeken/suggesties/", views.suggestions, name="search_suggestions"),
    path("api/zoeken/", views.search_api, name="search_api"),
    path("api/zoeken/openapi.json", views.openapi, name="search_openapi"),
]
