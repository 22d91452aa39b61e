"""Models of the practices app: the practice pages and the contributors who write them."""

from .dossiers import (
    ThemeDossierDocument,
    ThemeDossierFeaturedPractice,
    ThemeDossierFigure,
    ThemeDossierIndexPage,
    ThemeDossierPage,
)
from .evidence import AssessmentRequest, EvidenceAssessment
from .lessons import SessionLesson
from .pages import (
    MunicipalityPracticesPage,
    PracticeDocument,
    PracticeIndexPage,
    PracticePage,
    PracticePageTag,
    RelatedPracticeLink,
)
from .people import Contributor
from .review import PracticeReviewTask, ReviewDecision

__all__ = [
    "AssessmentRequest",
    "EvidenceAssessment",
    "Contributor",
    "MunicipalityPracticesPage",
    "PracticeDocument",
    "PracticeIndexPage",
    "PracticePage",
    "PracticePageTag",
    "PracticeReviewTask",
    "RelatedPracticeLink",
    "ReviewDecision",
    "SessionLesson",
    "ThemeDossierDocument",
    "ThemeDossierFeaturedPractice",
    "ThemeDossierFigure",
    "ThemeDossierIndexPage",
    "ThemeDossierPage",
]
