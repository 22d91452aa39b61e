"""Models of the home app: the home page, plain content pages, reference data and the
mail outbox."""

from .outbox import OutboxMessage
from .pages import HomePage, HomePageFeaturedPractice, StandardPage
from .reference import (
    CityNetwork,
    InterventionType,
    Municipality,
    PartnerType,
    RiecRegion,
    Theme,
    Track,
)
from .settings import PortalSettings

__all__ = [
    "CityNetwork",
    "HomePage",
    "HomePageFeaturedPractice",
    "InterventionType",
    "Municipality",
    "OutboxMessage",
    "PartnerType",
    "PortalSettings",
    "RiecRegion",
    "StandardPage",
    "Theme",
    "Track",
]
