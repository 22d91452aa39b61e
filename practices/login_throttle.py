"""The page a login gets once django-axes has locked the account or the address out."""

from django.conf import settings
from django.shortcuts import render


def locked_out(request, original_response=None, credentials=None):
    """Dutch explanation with the wait time in minutes; 429 Too Many Requests."""
    return render(
        request,
        "practices/accounts/locked_out.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_minutes": round(settings.AXES_COOLOFF_TIME * 60),
        },
        status=429,
    )
