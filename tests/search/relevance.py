"""The relevance corpus and the queries it must answer, shared by the database engine
test (SQLite and PostgreSQL) and the live Elasticsearch test."""

from dataclasses import dataclass, field

from search.engines import SearchQuery

P = "practice"
S = "session"

# (kind, title, summary, options)
CORPUS = [
    (
        P,
        "Aanpak criminele jeugdgroepen in Rotterdam-Zuid",
        "Gemeente, politie en jongerenwerk pakken criminele jeugdgroepen in de wijk aan "
        "met een persoonsgerichte aanpak.",
        {
            "municipality": "GM0599",
            "themes": ["criminele-jeugdgroepen"],
            "tracks": ["groep"],
            "partners": ["politie"],
        },
    ),
    (
        P,
        "Bibob-toets bij vastgoedtransacties",
        "Met de Wet Bibob toetst de gemeente kopers van panden voordat een vergunning "
        "wordt verleend.",
        {
            "municipality": "GM0363",
            "themes": ["vastgoed-en-huisjesmelkers"],
            "interventions": ["bestuurlijk"],
        },
    ),
    (
        P,
        "Weerbare sportclubs in Fryslân",
        "Sportclubs leren signalen van ondermijnende criminaliteit herkennen en melden.",
        {
            "municipality": "GM0080",
            "themes": ["weerbaarheid-van-ondernemers"],
            "partners": ["sportclubs"],
        },
    ),
    (
        P,
        "Coördinatie van integrale controles door het RIEC",
        "Het RIEC brengt partners samen voor controles op bedrijventerreinen.",
        {
            "municipality": "GM0796",
            "interventions": ["handhaving"],
            "partners": ["riec"],
        },
    ),
    (
        P,
        "Integrale controles bij kappers en nagelstudio's",
        "Gemeente, politie, Belastingdienst en het Openbaar Ministerie controleren "
        "kapperszaken waar contant geld wordt witgewassen.",
        {
            "municipality": "GM0344",
            "themes": ["witwassen"],
            "interventions": ["handhaving"],
            "partners": ["openbaar-ministerie", "belastingdienst"],
        },
    ),
    (
        P,
        "Criminele investeringen in de wijk in kaart",
        "Onderzoek naar investeringen van crimineel geld in winkels en panden.",
        {"municipality": "GM0518", "themes": ["criminele-investeringen-in-de-wijk"]},
    ),
    (
        P,
        "Huisjesmelkers aanpakken met goed verhuurderschap",
        "Malafide verhuurders krijgen boetes; de gemeente inspecteert kamerverhuur.",
        {
            "municipality": "GM0599",
            "themes": ["vastgoed-en-huisjesmelkers"],
            "tracks": ["domein-en-gebied"],
        },
    ),
    (
        P,
        "Doorgroeiende twintigers: perspectief na detentie",
        "Jongvolwassenen krijgen na hun detentie werk en begeleiding.",
        {
            "municipality": "GM0363",
            "themes": ["doorgroeiende-criminele-twintigers"],
            "tracks": ["persoon-en-gezin"],
            "interventions": ["zorg-en-sociaal"],
        },
    ),
    (
        P,
        "Drugslabs in het buitengebied opsporen",
        "Boeren worden benaderd om schuren te verhuren voor drugsproductie.",
        {
            "municipality": "GM0855",
            "themes": ["drugscriminaliteit"],
            "interventions": ["strafrechtelijk"],
        },
    ),
    (
        P,
        "Mensenhandel in de prostitutie signaleren",
        "Toezichthouders leren signalen van uitbuiting herkennen.",
        {"municipality": "GM0363", "themes": ["mensenhandel-en-uitbuiting"]},
    ),
    (
        P,
        "Zorgfraude bij malafide zorgaanbieders",
        "Gemeente en zorgverzekeraar delen informatie over verdachte declaraties.",
        {"municipality": "GM0599", "themes": ["zorgfraude"]},
    ),
    (
        P,
        "Georganiseerde criminaliteit in de haven",
        "Havenbedrijven en douane werken samen tegen drugssmokkel via containers.",
        {
            "municipality": "GM0599",
            "themes": ["drugscriminaliteit"],
            "tracks": ["domein-en-gebied"],
        },
    ),
    (
        P,
        "Afpakken samen met het OM",
        "Crimineel vermogen wordt in beslag genomen na een gezamenlijk traject.",
        {"municipality": "GM0344", "interventions": ["strafrechtelijk"]},
    ),
    (
        P,
        "Witwassen via autohandel",
        "Autobedrijven die contant betaalde auto's verkopen worden gecontroleerd.",
        {
            "municipality": "GM0772",
            "themes": ["witwassen"],
            "interventions": ["fiscaal"],
        },
    ),
    (
        P,
        "Jongerenwerk tegen ronselen op school",
        "Jongerenwerkers voorkomen dat scholieren worden geronseld als geldezel.",
        {
            "municipality": "GM0772",
            "themes": ["sociale-perspectieven-en-kansen"],
            "tags": ["geldezels"],
            "interventions": ["preventie"],
        },
    ),
    (
        S,
        "Leerbijeenkomst criminele jeugdgroepen",
        "Gemeenten delen ervaringen met de aanpak van jeugdgroepen.",
        {"themes": ["criminele-jeugdgroepen"]},
    ),
    (
        S,
        "Bijeenkomst weerbare ondernemers",
        "Hoe maakt u ondernemers weerbaar tegen afpersing?",
        {"themes": ["weerbaarheid-van-ondernemers"]},
    ),
    (
        S,
        "Kennissessie witwassen en vastgoed",
        "Experts over witwassen via vastgoed.",
        {"themes": ["witwassen", "vastgoed-en-huisjesmelkers"]},
    ),
]


@dataclass
class Case:
    q: str
    expected: list  # titles that must all be in the top 5
    filters: dict = field(default_factory=dict)
    first: str | None = None  # title that must rank first
    exactly: bool = False  # the result set must be exactly `expected`
    why: str = ""


CASES = [
    Case(
        "jeugdgroepen",
        [
            "Aanpak criminele jeugdgroepen in Rotterdam-Zuid",
            "Leerbijeenkomst criminele jeugdgroepen",
        ],
        why="plural",
    ),
    Case(
        "jeugdgroep",
        [
            "Aanpak criminele jeugdgroepen in Rotterdam-Zuid",
            "Leerbijeenkomst criminele jeugdgroepen",
        ],
        why="stemming",
    ),
    Case(
        "wat doen gemeenten tegen criminele jeugdgroepen?",
        ["Aanpak criminele jeugdgroepen in Rotterdam-Zuid"],
        why="stop words + stems",
    ),
    Case("Bibob vastgoed", ["Bibob-toets bij vastgoedtransacties"], why="synonym"),
    Case(
        "Wet Bibob", ["Bibob-toets bij vastgoedtransacties"], why="multi-word synonym"
    ),
    Case(
        "Wet bevordering integriteitsbeoordelingen door het openbaar bestuur",
        ["Bibob-toets bij vastgoedtransacties"],
        why="long form of Bibob",
    ),
    Case(
        "ondermijning sportclub",
        ["Weerbare sportclubs in Fryslân"],
        why="ondermijnende/ondermijning share a stem; sportclubs",
    ),
    Case("Fryslan", ["Weerbare sportclubs in Fryslân"], why="accent folded"),
    Case("Fryslân", ["Weerbare sportclubs in Fryslân"], why="accent in query"),
    Case(
        "coordinatie",
        ["Coördinatie van integrale controles door het RIEC"],
        why="accent folded",
    ),
    Case(
        "Regionaal Informatie- en Expertisecentrum",
        ["Coördinatie van integrale controles door het RIEC"],
        why="acronym long form",
    ),
    Case(
        "RIEC",
        ["Coördinatie van integrale controles door het RIEC"],
        first="Coördinatie van integrale controles door het RIEC",
        why="acronym",
    ),
    Case(
        "OM",
        [
            "Integrale controles bij kappers en nagelstudio's",
            "Afpakken samen met het OM",
        ],
        why="acronym OM = Openbaar Ministerie",
    ),
    Case(
        "Openbaar Ministerie",
        [
            "Afpakken samen met het OM",
            "Integrale controles bij kappers en nagelstudio's",
        ],
        why="long form finds the acronym",
    ),
    Case(
        "investering", ["Criminele investeringen in de wijk in kaart"], why="stemming"
    ),
    Case(
        "'s-Gravenhage",
        ["Criminele investeringen in de wijk in kaart"],
        why="Den Haag = 's-Gravenhage",
    ),
    Case(
        "Den Haag criminele investeringen",
        ["Criminele investeringen in de wijk in kaart"],
        first="Criminele investeringen in de wijk in kaart",
        why="place + theme",
    ),
    Case(
        "huisjesmelkers",
        ["Huisjesmelkers aanpakken met goed verhuurderschap"],
        first="Huisjesmelkers aanpakken met goed verhuurderschap",
        why="title",
    ),
    Case(
        "malafide verhuurders",
        ["Huisjesmelkers aanpakken met goed verhuurderschap"],
        why="phrase",
    ),
    Case(
        "bijeenkomsten",
        ["Leerbijeenkomst criminele jeugdgroepen", "Bijeenkomst weerbare ondernemers"],
        why="plural + synonym",
    ),
    Case(
        "georganiseerde criminaliteit",
        ["Georganiseerde criminaliteit in de haven"],
        first="Georganiseerde criminaliteit in de haven",
        why="phrase in title",
    ),
    Case(
        "ondermijning",
        ["Georganiseerde criminaliteit in de haven"],
        why="ondermijning = georganiseerde criminaliteit",
    ),
    Case("drugslab", ["Drugslabs in het buitengebied opsporen"], why="stemming"),
    Case(
        "witwassen",
        [
            "Witwassen via autohandel",
            "Kennissessie witwassen en vastgoed",
            "Integrale controles bij kappers en nagelstudio's",
        ],
        why="theme label and text",
    ),
    Case(
        "twintigers perspectief",
        ["Doorgroeiende twintigers: perspectief na detentie"],
        first="Doorgroeiende twintigers: perspectief na detentie",
        why="two words",
    ),
    Case(
        "nagelstudio",
        ["Integrale controles bij kappers en nagelstudio's"],
        why="apostrophe plural",
    ),
    Case("geldezels", ["Jongerenwerk tegen ronselen op school"], why="tag"),
    Case(
        "Eindhoven",
        ["Witwassen via autohandel", "Jongerenwerk tegen ronselen op school"],
        exactly=True,
        why="municipality name",
    ),
    Case("zorgfraude", ["Zorgfraude bij malafide zorgaanbieders"], exactly=True),
    Case("kernenergie", [], exactly=True, why="nothing"),
    Case(
        "",
        [
            "Witwassen via autohandel",
            "Integrale controles bij kappers en nagelstudio's",
        ],
        filters={"theme": ("witwassen",), "type": ("practice",)},
        exactly=True,
        why="facets AND across",
    ),
    Case(
        "",
        ["Aanpak criminele jeugdgroepen in Rotterdam-Zuid"],
        filters={"municipality": ("rotterdam",), "track": ("groep",)},
        exactly=True,
        why="municipality + track",
    ),
    Case(
        "",
        [
            "Bibob-toets bij vastgoedtransacties",
            "Huisjesmelkers aanpakken met goed verhuurderschap",
            "Kennissessie witwassen en vastgoed",
            "Witwassen via autohandel",
            "Integrale controles bij kappers en nagelstudio's",
        ],
        filters={"theme": ("witwassen", "vastgoed-en-huisjesmelkers")},
        exactly=True,
        why="OR within a facet",
    ),
    Case(
        "controles",
        ["Integrale controles bij kappers en nagelstudio's"],
        filters={"municipality": ("utrecht",)},
        exactly=True,
        why="query + facet",
    ),
]


def build_corpus(site_builder):
    for kind, title, summary, options in CORPUS:
        if kind == P:
            site_builder.practice(title, summary, **options)
        else:
            site_builder.session(title, summary, **options)


def check(engine):
    """Every failing case, described; an empty list means the engine passes."""
    failures = []
    for case in CASES:
        results = engine.search(SearchQuery(q=case.q, filters=case.filters, per_page=5))
        titles = [hit.title for hit in results.hits]
        missing = [t for t in case.expected if t not in titles]
        problem = None
        if missing:
            problem = f"missing from top 5: {missing}"
        elif case.first and titles[0] != case.first:
            problem = f"{case.first!r} is not first"
        elif case.exactly and results.total != len(case.expected):
            problem = (
                f"expected exactly {len(case.expected)} results, got {results.total}"
            )
        if problem:
            failures.append(
                f"{case.q!r} {case.filters or ''} ({case.why}): {problem}; got {titles}"
            )
    return failures
