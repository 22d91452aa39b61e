"""Demo content of the practices app: the listing, 30 fictional practices, featured
practices on the home page and an onboarded contributor for Rotterdam.

Idempotent like every demo builder: pages are looked up by slug and updated. Runs after
home/demo.py (INSTALLED_APPS order), so the home page exists.
"""

import datetime
import secrets
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.documents import get_document_model

from home.models import (
    HomePage,
    HomePageFeaturedPractice,
    InterventionType,
    Municipality,
    PartnerType,
    Theme,
    Track,
)
from practices.demo_data import FEATURED, PRACTICES
from practices.models import (
    PracticeDocument,
    PracticeIndexPage,
    PracticePage,
    RelatedPracticeLink,
)
from practices.roles import (
    ensure_municipality_folder,
    ensure_review_workflow,
    onboard_contributor,
)

FICTIONAL_NOTE = (
    "<p><i>Fictief voorbeeld: deze praktijk is verzonnen om het kennisportaal te "
    "demonstreren. Gemeente en wijk bestaan, de gebeurtenissen niet.</i></p>"
)
INDEX_INTRODUCTION = (
    "Casussen en goede praktijken van gemeenten: wat deden zij tegen ondermijning in de "
    "wijk, met wie, wat leverde het op en wat werkte niet? Filter op thema, gemeente, "
    "spoor of interventie, en abonneer u op een selectie."
)
DEMO_CONTRIBUTOR = {
    "username": "bijdrager-rotterdam",
    "email": "bijdrager-rotterdam@rotterdam.example",
    "name": "Demo Bijdrager",
    "municipality": "GM0599",
}
# Practices that get a (generated) evaluation document, to show the documents section.
WITH_DOCUMENT = {
    "gebiedsgerichte-aanpak-jeugdgroep-oud-charlois": PracticeDocument.DocumentType.EVALUATION,
    "pandenaanpak-witwassen-vastgoed-tilburg": PracticeDocument.DocumentType.GUIDE,
    "preventie-met-gezag-jonge-broertjes-en-zusjes": PracticeDocument.DocumentType.REPORT,
}


def _html(text):
    return text if not text or text.startswith("<") else f"<p>{text}</p>"


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _approach(paragraphs):
    blocks = []
    for paragraph in paragraphs:
        if paragraph.startswith("## "):
            blocks.append(("heading", {"text": paragraph[3:], "level": "h3"}))
        else:
            blocks.append(("paragraph", _html(paragraph)))
    return blocks


def _by_slug(model, slugs):
    found = {term.slug: term for term in model.objects.filter(slug__in=slugs)}
    missing = set(slugs) - set(found)
    if missing:
        raise LookupError(f"Onbekende {model.__name__}: {sorted(missing)}")
    return [found[slug] for slug in slugs]


def _demo_document(data):
    Document = get_document_model()
    title = f"Evaluatie: {data['title']} (fictief)"
    document = Document.objects.filter(title=title).first()
    if document is None:
        text = (
            f"{data['title']}\n\nFictief voorbeelddocument bij de demo van het "
            f"kennisportaal.\n\n{data['summary']}\n\nResultaten: {data['results']}\n\n"
            f"Lessen: {data['lessons']}\n"
        )
        document = Document(title=title)
        document.file.save(
            f"{data['slug']}.txt", ContentFile(text.encode()), save=False
        )
        document.file_size = len(text.encode())
        document.save()
    return document


def _upsert_index(home):
    index = PracticeIndexPage.objects.child_of(home).filter(slug="praktijken").first()
    if index is None:
        index = PracticeIndexPage(title="Praktijken", slug="praktijken")
        home.add_child(instance=index)
    index.title = "Praktijken"
    index.introduction = INDEX_INTRODUCTION
    index.show_in_menus = True
    index.save_revision().publish()
    return index


def _fill_practice(page, data, published_at):
    page.title = data["title"]
    page.kind = data["kind"]
    page.lead_municipality = Municipality.objects.get(cbs_code=data["municipality"])
    page.other_municipalities.set(
        Municipality.objects.filter(cbs_code__in=data.get("others", []))
    )
    page.neighbourhood = data["neighbourhood"]
    page.summary = f"Fictief voorbeeld. {data['summary']}"
    page.problem = FICTIONAL_NOTE + _html(data["problem"])
    page.approach = _approach(data["approach"])
    page.partners_description = _html(data["partners"])
    page.partner_types.set(_by_slug(PartnerType, data["partner_types"]))
    page.tracks.set(_by_slug(Track, data["tracks"]))
    page.intervention_types.set(_by_slug(InterventionType, data["interventions"]))
    page.themes.set(_by_slug(Theme, data["themes"]))
    page.tags.set(data["tags"])
    page.results = _html(data["results"])
    page.what_did_not_work = _html(data["not_worked"])
    page.lessons = _html(data["lessons"])
    page.costs_and_capacity = _html(data["costs"])
    page.status = data["status"]
    page.evidence_level = data["evidence"]
    page.evidence_assessed_on = _date(data["assessed"])
    if page.evidence_level != "praktijkervaring":
        page.evidence_assessor = data.get("assessor", "Onderzoeksbureau (fictief)")
        page.evidence_motivation = data.get(
            "motivation", "Fictieve beoordeling voor de demonstratie."
        )
    page.period_start = _date(data["start"])
    page.period_end = _date(data["end"])
    contact = data["contact"] or {}
    page.contact_name = contact.get("name", "")
    page.contact_role = contact.get("role", "")
    page.contact_email = contact.get("email", "")
    page.contact_phone = contact.get("phone", "")
    page.contact_consent = contact.get("consent", False)
    page.restricted_details = _html(data["restricted"])
    page.first_published_at = published_at


def _demo_contributor_password(user, stdout):
    """Like ensure_admin: a generated password, kept in var/ and printed each run."""
    path = Path(settings.BASE_DIR) / "var" / "bijdrager-rotterdam-password"
    password = path.read_text().strip() if path.exists() else ""
    if not password or not user.check_password(password):
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save(update_fields=["password"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(password + "\n")
        path.chmod(0o600)
    from home.links import absolute_url

    admin_url = absolute_url(reverse("wagtailadmin_home"))
    stdout.write(
        f"\n  Demo-bijdrager (gemeente Rotterdam): {admin_url}\n"
        f"  Gebruikersnaam: {user.get_username()}\n  Wachtwoord:     {password}\n"
    )


def build(stdout):
    home = HomePage.objects.get(slug="home")
    index = _upsert_index(home)
    ensure_review_workflow(index)

    # Newest first in the listing = the order of the data, a week apart.
    newest = datetime.datetime(2025, 10, 1, 9, 0, tzinfo=datetime.UTC)
    pages = {}
    for position, data in enumerate(PRACTICES):
        municipality = Municipality.objects.get(cbs_code=data["municipality"])
        folder, _ = ensure_municipality_folder(municipality, index)
        page = PracticePage.objects.filter(slug=data["slug"]).first()
        is_new = page is None
        if is_new:
            page = PracticePage(slug=data["slug"])
        _fill_practice(page, data, newest - datetime.timedelta(days=7 * position))
        if is_new:
            folder.add_child(instance=page)
        pages[data["slug"]] = (page, data)

    for page, data in pages.values():
        page.related_practice_links = [
            RelatedPracticeLink(practice=pages[slug][0]) for slug in data["related"]
        ]
        document_type = WITH_DOCUMENT.get(data["slug"])
        page.documents = (
            [
                PracticeDocument(
                    document=_demo_document(data), document_type=document_type
                )
            ]
            if document_type
            else []
        )
        page.save_revision().publish()

    home.featured_practices = [
        HomePageFeaturedPractice(practice=pages[slug][0]) for slug in FEATURED
    ]
    home.save_revision().publish()

    _build_dossiers(home, pages)

    user, _ = onboard_contributor(
        email=DEMO_CONTRIBUTOR["email"],
        name=DEMO_CONTRIBUTOR["name"],
        municipality=Municipality.objects.get(
            cbs_code=DEMO_CONTRIBUTOR["municipality"]
        ),
        username=DEMO_CONTRIBUTOR["username"],
    )
    stdout.write(f"{len(pages)} demo-praktijken bijgewerkt onder /praktijken/.")
    _demo_contributor_password(user, stdout)


DOSSIERS = {
    "witwassen": (
        "Witwassen in de wijk",
        "<p>Crimineel geld zoekt een bestemming in de wijk: in panden, horeca, "
        "kapperszaken en autobedrijven. Gemeenten, RIEC, politie en Belastingdienst "
        "maken dat samen zichtbaar en zetten bestuurlijke en fiscale middelen in.</p>",
    ),
    "criminele-jeugdgroepen": (
        "Criminele jeugdgroepen",
        "<p>Jongeren die in groepen crimineel gedrag vertonen, groeien soms door naar "
        "de georganiseerde misdaad. De aanpak combineert de groep, de persoon en het "
        "gezin, en de wijk.</p>",
    ),
}


def _build_dossiers(home, pages):
    """The dossier overview at /themas/ and two fictional theme dossiers."""
    from practices.models import (
        ThemeDossierFeaturedPractice,
        ThemeDossierFigure,
        ThemeDossierIndexPage,
        ThemeDossierPage,
    )

    index = ThemeDossierIndexPage.objects.child_of(home).first()
    if index is None:
        index = ThemeDossierIndexPage(
            title="Themadossiers",
            slug="themas",
            introduction="Per thema: de achtergrond, sprekende voorbeelden en alle "
            "praktijken en leerbijeenkomsten.",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    for slug, (title, introduction) in DOSSIERS.items():
        theme = Theme.objects.get(slug=slug)
        dossier = ThemeDossierPage.objects.filter(theme=theme).first()
        is_new = dossier is None
        if is_new:
            dossier = ThemeDossierPage(slug=slug, theme=theme)
        dossier.title = title
        dossier.introduction = introduction
        dossier.featured_practices = [
            ThemeDossierFeaturedPractice(practice=page)
            for page, data in list(pages.values())
            if slug in data["themes"]
        ][:3]
        dossier.key_figures = [
            ThemeDossierFigure(
                value="10", label="RIEC's werken samen", source="riec.nl (fictief)"
            )
        ]
        if is_new:
            index.add_child(instance=dossier)
        dossier.save_revision().publish()
