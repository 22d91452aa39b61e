"""Demo content of the events app: the session list and seven sessions around today.

Idempotent: sessions are looked up by slug and updated; their dates are set relative to
the moment the command runs, so the demo always has upcoming and past sessions. The full
session gets its registrations through events.services (without e-mail), once.
"""

import datetime
import json

from django.utils import timezone

from events import services
from events.models import Registration, SessionIndexPage, SessionPage
from home.models import CityNetwork, HomePage, Municipality, Theme

INTRODUCTION = (
    "De ministeries van BZK en JenV organiseren samen leerbijeenkomsten waar gemeenten, "
    "politie, OM, Belastingdienst en RIEC's ervaringen uitwisselen over de wijkaanpak en "
    "ondermijning. Meld uw delegatie hier aan, zonder account."
)

SESSIONS = [
    {
        "slug": "criminele-jeugdgroepen-van-signaal-tot-aanpak",
        "title": "Leerbijeenkomst Criminele jeugdgroepen: van signaal tot aanpak",
        "summary": (
            "Hoe herken je een jeugdgroep die doorgroeit naar georganiseerde criminaliteit, "
            "en wat doe je dan samen met politie, jongerenwerk en scholen? Rotterdam en "
            "Schiedam laten zien wat werkte in Oud-Charlois en daarbuiten."
        ),
        "days": 21,
        "hour": 13,
        "hours": 4,
        "format": SessionPage.Format.PHYSICAL,
        "organisers": SessionPage.Organisers.BOTH,
        "co_organisers": "RIEC Rotterdam, gemeente Rotterdam",
        "venue_name": "Stadhuis Rotterdam, Burgerzaal",
        "venue_address": "Coolsingel 40, 3011 AD Rotterdam",
        "capacity": 60,
        "max_per_organisation": 4,
        "audience": "Wijkmanagers, jeugdregisseurs en ondermijningscoördinatoren",
        "themes": ["criminele-jeugdgroepen", "sociale-perspectieven-en-kansen"],
        "practices": [
            "gebiedsgerichte-aanpak-jeugdgroep-oud-charlois",
            "preventie-met-gezag-jonge-broertjes-en-zusjes",
        ],
        "programme": [
            (
                "13:00",
                "13:15",
                "Welkom en opening",
                "Wethouder veiligheid Rotterdam",
                0,
            ),
            (
                "13:15",
                "14:00",
                "De gebiedsgerichte aanpak in Oud-Charlois",
                "Wijkmanager en wijkagent Oud-Charlois",
                0,
            ),
            (
                "14:00",
                "14:45",
                "Preventie met gezag: de jonge broertjes en zusjes",
                "Programmamanager Preventie met gezag",
                1,
            ),
            (
                "15:00",
                "16:30",
                "Werksessies per spoor: groep, persoon, gebied",
                "",
                None,
            ),
            ("16:30", "17:00", "Opbrengst en afsluiting", "BZK en JenV", None),
        ],
    },
    {
        "slug": "bibob-en-vastgoed-integriteitstoetsing-in-de-praktijk",
        "title": "Online: Bibob en vastgoed, integriteitstoetsing in de praktijk",
        "summary": (
            "Een online sessie over de Wet Bibob bij vastgoedtransacties, "
            "huisjesmelkerij en malafide kamerverhuur: wanneer vraag je een advies aan het "
            "Landelijk Bureau Bibob, en hoe maak je het onderzoek juridisch houdbaar?"
        ),
        "days": 10,
        "hour": 10,
        "hours": 2,
        "format": SessionPage.Format.ONLINE,
        "organisers": SessionPage.Organisers.JENV,
        "co_organisers": "Landelijk Bureau Bibob",
        "online_meeting_url": "https://vergaderen.example/bibob-vastgoed",
        "capacity": 150,
        "max_per_organisation": 5,
        "audience": "Bibob-coördinatoren, juristen en vergunningverleners",
        "themes": ["vastgoed-en-huisjesmelkers", "witwassen"],
        "practices": [
            "pandenaanpak-witwassen-vastgoed-tilburg",
            "vastgoedscan-malafide-kamerverhuur-groningen",
        ],
        "programme": [
            ("10:00", "10:10", "Welkom", "JenV", None),
            ("10:10", "10:50", "De pandenaanpak in Tilburg", "Team Bibob Tilburg", 0),
            ("10:50", "11:30", "Vastgoedscan kamerverhuur", "Gemeente Groningen", 1),
            ("11:30", "12:00", "Vragen aan het Landelijk Bureau Bibob", "", None),
        ],
    },
    {
        "slug": "weerbare-sportclubs",
        "title": "Hybride: weerbare sportclubs tegen ondermijning",
        "summary": (
            "Sportclubs zijn het hart van de wijk, en daardoor kwetsbaar voor witwassen, "
            "ronselen en intimidatie. Eindhoven deelt de aanpak Weerbare sportclubs; "
            "deelnemen kan in Utrecht of online."
        ),
        "days": 35,
        "hour": 14,
        "hours": 3,
        "format": SessionPage.Format.HYBRID,
        "organisers": SessionPage.Organisers.BZK,
        "co_organisers": "NOC*NSF, Centrum voor Criminaliteitspreventie en Veiligheid",
        "venue_name": "Sportcentrum Olympos",
        "venue_address": "Uppsalalaan 3, 3584 CT Utrecht",
        "online_meeting_url": "https://vergaderen.example/weerbare-sportclubs",
        "capacity": 80,
        "max_per_organisation": 3,
        "audience": "Gemeenten, sportbonden en bestuurders van sportclubs",
        "themes": [
            "weerbaarheid-van-ondernemers",
            "criminele-investeringen-in-de-wijk",
        ],
        "practices": ["weerbare-sportclubs-eindhoven"],
        "programme": [
            (
                "14:00",
                "14:45",
                "De aanpak Weerbare sportclubs",
                "Gemeente Eindhoven",
                0,
            ),
            ("15:00", "16:30", "Casussen in kleine groepen", "", None),
            ("16:30", "17:00", "Wat neemt u mee?", "BZK", None),
        ],
    },
    {
        "slug": "doorgroeiende-criminele-twintigers",
        "title": "Expertsessie doorgroeiende criminele twintigers",
        "summary": (
            "Een kleine expertsessie over jongvolwassenen die doorgroeien in de "
            "georganiseerde misdaad: de persoonsgerichte aanpak, perspectief bieden en "
            "de samenwerking met reclassering en OM."
        ),
        "days": 14,
        "hour": 9,
        "hours": 3,
        "format": SessionPage.Format.PHYSICAL,
        "organisers": SessionPage.Organisers.BOTH,
        "co_organisers": "Gemeente Arnhem",
        "venue_name": "Stadhuis Arnhem",
        "venue_address": "Koningstraat 38, 6811 DG Arnhem",
        "capacity": 6,
        "max_per_organisation": 2,
        "audience": "Casusregisseurs persoonsgerichte aanpak",
        "themes": ["doorgroeiende-criminele-twintigers"],
        "practices": [
            "perspectief-voor-doorgroeiende-twintigers-schiedam",
            "doorbraakaanpak-criminele-twintigers-arnhem",
        ],
        "programme": [
            ("09:00", "10:00", "De doorbraakaanpak in Arnhem", "Gemeente Arnhem", 1),
            (
                "10:00",
                "11:00",
                "Perspectief bieden in Schiedam",
                "Gemeente Schiedam",
                0,
            ),
            ("11:00", "12:00", "Intervisie", "", None),
        ],
        "full": True,
    },
    {
        "slug": "zorgfraude-en-ondermijning",
        "title": "Zorgfraude en ondermijning in de wijk",
        "summary": (
            "Malafide zorgaanbieders gebruiken zorggeld voor criminele doelen. Hoe "
            "werken gemeente, zorgkantoor en FIOD samen?"
        ),
        "days": 28,
        "hour": 13,
        "hours": 3,
        "format": SessionPage.Format.HYBRID,
        "organisers": SessionPage.Organisers.BZK,
        "venue_name": "Ministerie van BZK",
        "venue_address": "Turfmarkt 147, 2511 DP Den Haag",
        "online_meeting_url": "https://vergaderen.example/zorgfraude",
        "capacity": 50,
        "max_per_organisation": 3,
        "themes": ["zorgfraude"],
        "practices": ["zorgfraude-malafide-zorgaanbieders-utrecht"],
        "programme": [],
        "cancelled": "Door ziekte van de sprekers gaat deze bijeenkomst niet door. "
        "We plannen hem opnieuw in het voorjaar.",
    },
    {
        "slug": "witwassen-via-de-winkelstraat",
        "title": "Witwassen via de winkelstraat: goudhandel, kappers en nagelstudio's",
        "summary": (
            "Wat vertellen leegstand, contante betalingen en wisselende eigenaren over "
            "witwassen in de winkelstraat? Zaanstad en Almere deelden hun branchegerichte "
            "aanpak."
        ),
        "days": -40,
        "hour": 13,
        "hours": 4,
        "format": SessionPage.Format.PHYSICAL,
        "organisers": SessionPage.Organisers.JENV,
        "co_organisers": "RIEC Noord-Holland",
        "venue_name": "Stadhuis Zaanstad",
        "venue_address": "Stadhuisplein 100, 1506 MZ Zaandam",
        "capacity": 45,
        "max_per_organisation": 3,
        "themes": ["witwassen", "weerbaarheid-van-ondernemers"],
        "practices": [
            "witwassen-via-goudhandel-en-juweliers-zaanstad",
            "kapperszaken-en-nagelstudios-almere",
        ],
        "programme": [
            ("13:00", "14:00", "Goudhandel en juweliers", "Gemeente Zaanstad", 0),
            ("14:00", "15:00", "Kapperszaken en nagelstudio's", "Gemeente Almere", 1),
            ("15:15", "17:00", "Werksessie: signalen in uw winkelstraat", "", None),
        ],
        "lessons": (
            "<p>Deelnemers waren het eens: begin bij de data die de gemeente al heeft "
            "(vergunningen, KvK-mutaties, leegstand) en betrek de Belastingdienst vroeg. "
            "Een branchegerichte aanpak werkt beter dan losse controles.</p>"
        ),
    },
    {
        "slug": "drugscriminaliteit-in-het-buitengebied",
        "title": "Online: drugscriminaliteit in het buitengebied",
        "summary": (
            "Drugslabs en hennepkwekerijen in leegstaande stallen en op vakantieparken: "
            "wat doen plattelandsgemeenten samen met boeren, woningcorporaties en politie?"
        ),
        "days": -75,
        "hour": 15,
        "hours": 2,
        "format": SessionPage.Format.ONLINE,
        "organisers": SessionPage.Organisers.BOTH,
        "online_meeting_url": "https://vergaderen.example/buitengebied",
        "capacity": 200,
        "max_per_organisation": 5,
        "themes": ["drugscriminaliteit"],
        "practices": [
            "drugslabs-in-het-buitengebied-s-hertogenbosch",
            "ondermijning-op-vakantieparken-apeldoorn",
        ],
        "programme": [
            (
                "15:00",
                "15:45",
                "Drugslabs in het buitengebied",
                "Gemeente 's-Hertogenbosch",
                0,
            ),
            ("15:45", "16:30", "Vakantieparken", "Gemeente Apeldoorn", 1),
            ("16:30", "17:00", "Vragen en afsluiting", "", None),
        ],
        "lessons": (
            "<p>Het Keurmerk Veilig Buitengebied en een meldpunt voor boeren leverden de "
            "meeste signalen op. Presentaties staan hieronder.</p>"
        ),
    },
]


def _practices(slugs):
    from practices.models import PracticePage

    found = list(PracticePage.objects.live().filter(slug__in=slugs))
    found.sort(key=lambda p: slugs.index(p.slug))
    if not found:
        # The practices demo may be missing or different: link whatever is live.
        found = list(PracticePage.objects.live().order_by("pk")[: len(slugs)])
    return found


def _programme(items, practices):
    raw = []
    for start, end, title, speakers, practice_index in items:
        practice = (
            practices[practice_index]
            if practice_index is not None and practice_index < len(practices)
            else None
        )
        raw.append(
            {
                "type": "item",
                "value": {
                    "start_time": start,
                    "end_time": end,
                    "title": title,
                    "speakers": speakers,
                    "description": "",
                    "practice": practice.pk if practice else None,
                },
            }
        )
    return json.dumps(raw)


def _session_index(home):
    index = SessionIndexPage.objects.child_of(home).first()
    if index is None:
        index = SessionIndexPage(
            title="Leerbijeenkomsten", slug="leerbijeenkomsten", show_in_menus=True
        )
        home.add_child(instance=index)
    index.title = "Leerbijeenkomsten"
    index.introduction = INTRODUCTION
    index.show_in_menus = True
    index.save_revision().publish()
    return index


def _fill_waitlisted_session(session):
    """Six confirmed and two waitlisted registrations, through the service rules."""
    if Registration.objects.filter(session=session).exists():
        return
    delegations = [
        ("GM0202", ["Sanne Bakker", "Youssef El Amrani"]),
        ("GM0606", ["Joost van Dijk", "Fatima Ouali"]),
        ("GM0599", ["Marieke de Boer", "Dennis Visser"]),
        ("GM0344", ["Ilse Jansen", "Kevin Peters"]),  # waitlisted: does not fit
        (None, ["Ruud Smits"]),  # waitlisted: first come, first served
    ]
    for code, names in delegations:
        if code:
            organisation = services.Organisation(
                municipality=Municipality.objects.get(cbs_code=code)
            )
        else:
            organisation = services.Organisation(
                city_network=CityNetwork.objects.first()
            )
        attendees = [
            services.AttendeeData(
                name=name,
                email=name.lower().replace(" ", ".") + "@gemeente.example",
                role="Casusregisseur",
            )
            for name in names
        ]
        services.register(
            session,
            organisation=organisation,
            contact_name=names[0],
            contact_email=attendees[0].email,
            attendees=attendees,
            notify=False,
        )


def build(stdout):
    home = HomePage.objects.get(slug="home")
    index = _session_index(home)
    today = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    for data in SESSIONS:
        day = today + datetime.timedelta(days=data["days"])
        start = day.replace(hour=data["hour"])
        practices = _practices(data["practices"])
        fields = {
            "title": data["title"],
            "summary": data["summary"],
            "start": start,
            "end": start + datetime.timedelta(hours=data["hours"]),
            "format": data["format"],
            "organisers": data["organisers"],
            "co_organisers": data.get("co_organisers", ""),
            "venue_name": data.get("venue_name", ""),
            "venue_address": data.get("venue_address", ""),
            "online_meeting_url": data.get("online_meeting_url", ""),
            "capacity": data["capacity"],
            "max_per_organisation": data["max_per_organisation"],
            "registration_opens_at": start - datetime.timedelta(days=60),
            "registration_closes_at": start - datetime.timedelta(days=1),
            "audience": data.get("audience", ""),
            "lessons_learned": data.get("lessons", ""),
            "is_cancelled": bool(data.get("cancelled")),
            "cancellation_reason": data.get("cancelled", ""),
        }
        session = SessionPage.objects.child_of(index).filter(slug=data["slug"]).first()
        if session is None:
            session = SessionPage(slug=data["slug"], **fields)
            session.programme = _programme(data["programme"], practices)
            index.add_child(instance=session)
        else:
            for name, value in fields.items():
                setattr(session, name, value)
            session.programme = _programme(data["programme"], practices)
        session.themes.set(Theme.objects.filter(slug__in=data["themes"]))
        session.practices_presented.set(practices)
        session.save_revision().publish()
        if data.get("full"):
            _fill_waitlisted_session(session)
    stdout.write(f"Leerbijeenkomsten bijgewerkt: {len(SESSIONS)} bijeenkomsten.")
