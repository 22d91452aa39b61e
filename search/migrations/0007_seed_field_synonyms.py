"""Near-synonyms of the field (issue 10): words that people in municipalities, the
police and the ministries use for the same thing. Editors maintain them after; a term
that an editor already has is extended, never overwritten."""

from django.db import migrations

SYNONYMS = {
    "misdaad": ["criminaliteit"],
    "drugs": ["verdovende middelen", "narcotica"],
    "pand": ["woning", "vastgoed", "onroerend goed"],
    "jongeren": ["jeugd", "jeugdigen", "tieners"],
    "witwassen": ["witwaspraktijken", "witwassing"],
    "wijk": ["buurt"],
    "hennep": ["wiet", "cannabis"],
    "drugslab": ["drugslaboratorium"],
    "geldezel": ["money mule"],
    "uitbuiting": ["arbeidsuitbuiting"],
    "prostitutie": ["sekswerk", "seksbranche"],
    "Belastingdienst": ["fiscus"],
    "bedrijventerrein": ["industrieterrein"],
    "afpakken": ["crimineel vermogen afnemen", "ontnemen"],
    "weerbaarheid": ["weerbaar"],
    "scholieren": ["leerlingen"],
    "bestuurlijke aanpak": ["bestuursrechtelijke aanpak"],
    "sluiting": ["Damoclesbeleid", "woningsluiting"],
    "burgemeester": ["burgervader"],
    "ondernemers": ["bedrijven", "ondernemingen"],
}


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for term, equivalents in SYNONYMS.items():
        synonym, created = Synonym.objects.get_or_create(
            term=term, defaults={"equivalents": "\n".join(equivalents)}
        )
        if created:
            continue
        lines = [line.strip() for line in synonym.equivalents.splitlines()]
        known = {line.lower() for line in lines if line}
        extra = [e for e in equivalents if e.lower() not in known]
        if extra:
            synonym.equivalents = "\n".join([*[l for l in lines if l], *extra])
            synonym.save(update_fields=["equivalents"])


def unseed(apps, schema_editor):
    # The seeded terms stay: editors may have changed them since.
    pass


class Migration(migrations.Migration):
    dependencies = [("search", "0006_facet_keys")]

    operations = [migrations.RunPython(seed, unseed)]
