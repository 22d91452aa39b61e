"""Models of the home app: the home page, plain content pages and reference data."""

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
    "PartnerType",
    "PortalSettings",
    "RiecRegion",
    "StandardPage",
    "Theme",
    "Track",
]
