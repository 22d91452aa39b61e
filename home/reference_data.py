"""Starting values of the reference data, and the loader that both the data migration and
the `load_reference_data` command use. Loading is idempotent: it updates, never doubles."""

import csv
from pathlib import Path

from django.utils.text import slugify

MUNICIPALITIES_CSV = Path(__file__).resolve().parent / "data" / "gemeenten.csv"

# Names people use where the CBS name differs.
COMMON_NAMES = {"GM0518": "Den Haag"}

# Municipalities merged into another one since 2022 (see data/README in the shared data),
# so that the admin search still finds them by their old name.
FORMER_NAMES = {
    "GM0363": "Weesp",
    "GM0439": "Beemster",
    "GM1980": "Heerhugowaard, Langedijk",
    "GM1982": "Boxmeer, Cuijk, Grave, Mill en Sint Hubert, Sint Anthonis",
    "GM1991": "Landerd, Uden",
    "GM1992": "Brielle, Hellevoetsluis, Westvoorne",
}

THEMES = [
    (
        "Criminele jeugdgroepen",
        "Jongeren die in groepen crimineel gedrag vertonen en daarin doorgroeien.",
    ),
    (
        "Doorgroeiende criminele twintigers",
        "Jongvolwassenen die doorgroeien naar de georganiseerde misdaad.",
    ),
    (
        "Criminele investeringen in de wijk",
        "Crimineel geld dat in panden en bedrijven in de wijk belandt.",
    ),
    (
        "Witwassen",
        "Het wit maken van crimineel verdiend geld, ook via lokale ondernemingen.",
    ),
    (
        "Drugscriminaliteit",
        "Productie, handel en logistiek van drugs, van straathandel tot haven.",
    ),
    (
        "Vastgoed en huisjesmelkers",
        "Misbruik van panden, malafide verhuur en kamerverhuur.",
    ),
    (
        "Mensenhandel en uitbuiting",
        "Seksuele en arbeidsuitbuiting en criminele uitbuiting.",
    ),
    ("Zorgfraude", "Fraude met zorggeld en malafide zorgaanbieders."),
    (
        "Weerbaarheid van ondernemers",
        "Ondernemers en sportclubs weerbaar maken tegen criminele inmenging.",
    ),
    (
        "Sociale perspectieven en kansen",
        "Onderwijs, werk en perspectief als alternatief voor de criminaliteit.",
    ),
]

INTERVENTION_TYPES = [
    (
        "Bestuurlijk",
        "Bibob, sluiten van panden, vergunningen en andere bestuurlijke instrumenten.",
    ),
    ("Strafrechtelijk", "Opsporing en vervolging door politie en Openbaar Ministerie."),
    ("Fiscaal", "Inzet van de Belastingdienst en FIOD, zoals navorderingen en beslag."),
    ("Zorg en sociaal", "Hulp, begeleiding en zorg voor personen en gezinnen."),
    ("Preventie", "Voorkomen dat mensen of organisaties betrokken raken."),
    ("Verstoring", "Het criminele proces lastig maken zonder strafrechtelijk traject."),
    ("Handhaving", "Toezicht en handhaving op regels in wijk en bedrijf."),
]

PARTNER_TYPES = [
    "Gemeente",
    "Politie",
    "Openbaar Ministerie",
    "Belastingdienst",
    "RIEC",
    "Koninklijke Marechaussee",
    "FIOD",
    "Woningcorporatie",
    "Welzijnswerk",
    "Onderwijs",
    "Ondernemers",
    "Jeugdzorg",
    "Reclassering",
    "Zorgverzekeraar",
    "Sportclubs",
]

TRACKS = [
    ("Groep", "De aanpak van de criminele groep of het netwerk."),
    ("Persoon en gezin", "De aanpak gericht op de persoon en zijn of haar gezin."),
    (
        "Domein en gebied",
        "De aanpak van de wijk, het gebied of het domein (zoals de haven).",
    ),
]

G4 = ["GM0363", "GM0599", "GM0518", "GM0344"]
# Members of the G40 network as the editors first entered them; they keep the list current.
G40 = [
    "GM0361",
    "GM0141",
    "GM0034",
    "GM0484",
    "GM0307",
    "GM0200",
    "GM0202",
    "GM0106",
    "GM0748",
    "GM0758",
    "GM0503",
    "GM0150",
    "GM0505",
    "GM0228",
    "GM0772",
    "GM0114",
    "GM0153",
    "GM0513",
    "GM0014",
    "GM0392",
    "GM0394",
    "GM0917",
    "GM0794",
    "GM0164",
    "GM0796",
    "GM0402",
    "GM0405",
    "GM0080",
    "GM0546",
    "GM0995",
    "GM0935",
    "GM0268",
    "GM1783",
    "GM1916",
    "GM0828",
    "GM0439",
    "GM1674",
    "GM0606",
    "GM1883",
    "GM0855",
    "GM0983",
    "GM0622",
    "GM0479",
    "GM0637",
    "GM0193",
]


def _slug(text):
    return slugify(text.replace("'", ""))


def load_reference_data(apps):
    """Create or update every reference record. `apps` is a migration's app registry or
    django.apps.apps, so the same code serves the data migration and the command."""
    RiecRegion = apps.get_model("home", "RiecRegion")
    Municipality = apps.get_model("home", "Municipality")
    CityNetwork = apps.get_model("home", "CityNetwork")

    with MUNICIPALITIES_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))

    regions = {}
    for name in sorted({row["riec"] for row in rows}):
        regions[name], _ = RiecRegion.objects.update_or_create(
            slug=_slug(name), defaults={"name": name}
        )

    # Older migrations run this loader before the field existed.
    has_former_names = any(
        field.name == "former_names" for field in Municipality._meta.get_fields()
    )
    for row in rows:
        extra = (
            {"former_names": FORMER_NAMES.get(row["cbs_code"], "")}
            if has_former_names
            else {}
        )
        Municipality.objects.update_or_create(
            cbs_code=row["cbs_code"],
            defaults={
                **extra,
                "name": row["naam"],
                "common_name": COMMON_NAMES.get(row["cbs_code"], ""),
                "slug": _slug(row["naam"]),
                "province": row["provincie"],
                "safety_region_code": row["veiligheidsregio_code"],
                "safety_region": row["veiligheidsregio"],
                "riec_region": regions[row["riec"]],
            },
        )

    for model_name, terms in (
        ("Theme", THEMES),
        ("InterventionType", INTERVENTION_TYPES),
        ("Track", TRACKS),
        ("PartnerType", [(name, "") for name in PARTNER_TYPES]),
    ):
        model = apps.get_model("home", model_name)
        for position, (name, description) in enumerate(terms):
            model.objects.update_or_create(
                slug=_slug(name),
                defaults={
                    "name": name,
                    "description": description,
                    "sort_order": position,
                },
            )

    networks = [
        ("G4", "steden", None, G4, "De vier grote steden."),
        ("G40", "steden", None, G40, "Het netwerk van middelgrote steden."),
    ]
    for name, region in regions.items():
        members = list(
            Municipality.objects.filter(riec_region=region).values_list(
                "cbs_code", flat=True
            )
        )
        networks.append(
            (
                f"RIEC-netwerk {name}",
                "riec",
                region,
                members,
                f"Gemeenten in RIEC {name}.",
            )
        )
    for name, kind, region, codes, description in networks:
        network, _ = CityNetwork.objects.update_or_create(
            slug=_slug(name),
            defaults={
                "name": name,
                "kind": kind,
                "riec_region": region,
                "description": description,
            },
        )
        network.members.set(Municipality.objects.filter(cbs_code__in=codes))
