"""The first synonyms and acronyms of the field; ministry editors maintain them after."""

from django.db import migrations

SYNONYMS = {
    "RIEC": ["Regionaal Informatie- en Expertisecentrum"],
    "LIEC": ["Landelijk Informatie- en Expertisecentrum"],
    "OM": ["Openbaar Ministerie"],
    "Den Haag": ["'s-Gravenhage"],
    "Den Bosch": ["'s-Hertogenbosch"],
    "Bibob": [
        "Wet Bibob",
        "Wet bevordering integriteitsbeoordelingen door het openbaar bestuur",
    ],
    "ondermijning": ["georganiseerde criminaliteit", "ondermijnende criminaliteit"],
    "BZK": ["Binnenlandse Zaken en Koninkrijksrelaties"],
    "JenV": ["Justitie en Veiligheid"],
    "KMar": ["Koninklijke Marechaussee"],
    "FIOD": ["Fiscale Inlichtingen- en Opsporingsdienst"],
    "witwassen": ["witwaspraktijken"],
    "huisjesmelkers": ["malafide verhuurders"],
    "jeugdgroepen": ["jongerengroepen"],
    "leerbijeenkomst": ["kennissessie", "bijeenkomst"],
    "drugs": ["verdovende middelen"],
}


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for term, equivalents in SYNONYMS.items():
        Synonym.objects.get_or_create(
            term=term, defaults={"equivalents": "\n".join(equivalents)}
        )


def unseed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.filter(term__in=SYNONYMS).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text_index")]

    operations = [migrations.RunPython(seed, unseed)]
