"""Models of the events app: the session pages and the registrations for them."""

from .pages import SessionIndexPage, SessionPage
from .registrations import (
    Attendee,
    Registration,
    SessionStatistic,
    derive_token,
    hash_token,
    new_token_salt,
)

__all__ = [
    "Attendee",
    "Registration",
    "SessionIndexPage",
    "SessionPage",
    "SessionStatistic",
    "derive_token",
    "hash_token",
    "new_token_salt",
]
