"""Demo content of the home app: the home page and the two statement pages.

Every app may have a `demo` module with a `build(stdout)` function; `manage.py load_demo`
runs them in the order of INSTALLED_APPS. Each builder is idempotent: it looks pages up by
slug and updates them, so running the command twice gives the same site, not doubles.
"""

from django.conf import settings

from wagtail.models import Page, Site

from home.links import site_address
from home.models import HomePage, PortalSettings, StandardPage

HOME_INTRODUCTION = (
    "Wat werkt tegen ondermijnende criminaliteit in kwetsbare wijken? Hier delen gemeenten "
    "hun casussen en goede praktijken, en vindt u de leerbijeenkomsten van de ministeries "
    "van BZK en JenV."
)
HOME_BODY = (
    "<p>Criminele netwerken nestelen zich waar de overheid weinig zicht heeft: in "
    "wijken met veel armoede, schulden en weinig perspectief. De wijkaanpak en de aanpak "
    "van ondermijning versterken elkaar alleen als ze samen worden ingezet, op drie "
    "sporen tegelijk: de <b>groep</b>, de <b>persoon en het gezin</b>, en het "
    "<b>gebied</b>.</p><p>Dit portaal bundelt wat gemeenten, politie, Openbaar "
    "Ministerie, Belastingdienst en de RIEC's daarbij leren, zodat niet elke gemeente "
    "opnieuw het wiel hoeft uit te vinden.</p>"
)


def accessibility_body():
    return [
        (
            "paragraph",
            (
                "<p>De ministeries van BZK en JenV willen dat iedereen dit kennisportaal kan "
                "gebruiken, ook mensen met een beperking. Daarom bouwen we het portaal volgens "
                "de eisen van de Web Content Accessibility Guidelines (WCAG) 2.1 op niveau AA, "
                "zoals het Besluit digitale toegankelijkheid overheid voorschrijft.</p>"
            ),
        ),
        ("heading", {"text": "Hoe we toegankelijkheid bewaken", "level": "h2"}),
        (
            "paragraph",
            (
                "<ul><li>Elke openbare pagina wordt bij iedere wijziging automatisch getoetst "
                "met axe-core op de WCAG 2.1-criteria van niveau A en AA.</li>"
                "<li>Alle functies zijn met alleen het toetsenbord te bedienen; een "
                "'naar de inhoud'-link slaat het menu over.</li>"
                "<li>De HTML van de pagina's wordt automatisch gevalideerd.</li>"
                "<li>Het portaal werkt zonder JavaScript; scripts voegen alleen gemak toe.</li></ul>"
            ),
        ),
        ("heading", {"text": "Status", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>Dit portaal is in ontwikkeling. Een volledig onderzoek door een "
                "onafhankelijke deskundige staat gepland; tot die tijd geldt de status "
                "'gedeeltelijk voldoet'. Documenten die gemeenten uploaden (zoals "
                "evaluatierapporten in PDF) zijn niet altijd toegankelijk; vraag de redactie "
                "gerust om een toegankelijke versie.</p>"
            ),
        ),
        ("heading", {"text": "Loopt u tegen een probleem aan?", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>Meld het bij de redactie via het e-mailadres onderaan elke pagina. U krijgt "
                "binnen vijf werkdagen een reactie.</p>"
            ),
        ),
    ]


def privacy_body():
    days = settings.REGISTRATION_RETENTION_DAYS
    return [
        (
            "paragraph",
            (
                "<p>Dit portaal verwerkt zo min mogelijk persoonsgegevens. Hieronder leest u "
                "welke gegevens dat zijn, waarom, en hoe lang we ze bewaren. De ministeries van "
                "BZK en JenV zijn samen verwerkingsverantwoordelijke.</p>"
            ),
        ),
        ("heading", {"text": "Aanmelden voor leerbijeenkomsten", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>Als u een delegatie aanmeldt, verwerken we de naam, het e-mailadres en het "
                "(optionele) telefoonnummer van de contactpersoon, en van iedere deelnemer de "
                "naam, het e-mailadres, de functie en de gemeente. We gebruiken die gegevens "
                "alleen om de bijeenkomst te organiseren: bevestigingen, herinneringen, "
                "wijzigingen en een presentielijst. Alleen de redactie van de ministeries ziet "
                f"ze. <b>{days} dagen na afloop van de bijeenkomst</b> verwijderen we de "
                "persoonsgegevens automatisch; we bewaren dan alleen het aantal deelnemers per "
                "organisatie, voor statistiek.</p>"
            ),
        ),
        ("heading", {"text": "Praktijken en contactpersonen", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>Bij een praktijk staat alleen een contactpersoon als die daar zelf mee "
                "heeft ingestemd. Zonder die toestemming ziet alleen de redactie de "
                "gegevens.</p>"
            ),
        ),
        ("heading", {"text": "Zoekopdrachten volgen per e-mail", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>Volgt u een zoekopdracht, dan bewaren we uw e-mailadres, de zoekopdracht, "
                "hoe vaak u een overzicht wilt, de taal en welke praktijken en "
                "leerbijeenkomsten we u al stuurden. Bevestigt u niet binnen <b>7 dagen</b>, "
                "dan wissen we het adres. Meldt u zich af (met de link in elke e-mail), dan "
                "wissen we het adres en de rest meteen. De redactie ziet alleen hoeveel "
                "mensen een zoekopdracht volgen, nooit wie.</p>"
            ),
        ),
        ("heading", {"text": "Zoeken en statistiek", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>We houden bij welke zoekvragen worden gesteld, zonder te registreren wie "
                "ze stelt, om de zoekfunctie te verbeteren. We gebruiken geen "
                "trackingcookies. Een taalcookie onthoudt of u het portaal in het Nederlands of "
                "Engels bekijkt.</p>"
            ),
        ),
        ("heading", {"text": "Uw rechten", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>U kunt uw aanmelding zelf inzien, wijzigen en annuleren via de persoonlijke "
                "link in uw bevestigingsmail. Voor inzage, correctie of verwijdering van andere "
                "gegevens kunt u terecht bij de redactie. U heeft ook het recht een klacht in "
                "te dienen bij de Autoriteit Persoonsgegevens.</p>"
            ),
        ),
    ]


def _upsert_child(parent, model, slug, **fields):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    page.save_revision().publish()
    return page


def get_home_page():
    return HomePage.objects.get(slug="home")


def build(stdout):
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(slug="home").first()
    if home is None:
        # Wagtail's initial "Welcome" page holds the slug "home"; replace it.
        for page in root.get_children().exclude(content_type__model="homepage"):
            if page.slug == "home":
                Site.objects.filter(root_page=page).update(root_page=root)
                page.delete()
        home = HomePage(
            title="Kennisportaal Wijkaanpak & Ondermijning",
            slug="home",
            introduction=HOME_INTRODUCTION,
            body=HOME_BODY,
        )
        root.add_child(instance=home)
    home.title = "Kennisportaal Wijkaanpak & Ondermijning"
    home.introduction = HOME_INTRODUCTION
    home.body = HOME_BODY
    home.save_revision().publish()

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True)
    # The address comes from PORTAL_BASE_URL (home/links.py), as after every migrate.
    site.hostname, site.port = site_address()
    site.site_name = "Kennisportaal Wijkaanpak & Ondermijning"
    site.root_page = home
    site.save()

    accessibility = _upsert_child(
        home,
        StandardPage,
        "toegankelijkheidsverklaring",
        title="Toegankelijkheidsverklaring",
        introduction="Iedereen moet dit portaal kunnen gebruiken. Zo werken we daaraan.",
        body=accessibility_body(),
    )
    privacy = _upsert_child(
        home,
        StandardPage,
        "privacyverklaring",
        title="Privacyverklaring",
        introduction="Welke persoonsgegevens dit portaal verwerkt, waarom en hoe lang.",
        body=privacy_body(),
    )
    portal_settings = PortalSettings.load()
    portal_settings.accessibility_page = accessibility
    portal_settings.privacy_page = privacy
    portal_settings.save()
    stdout.write("Startpagina en verklaringen bijgewerkt.")
