"""Texts of the demo practices: fictional, but written as a municipality would.

Every practice is invented. Names of places are real municipalities and neighbourhoods so
that the filters mean something; events, people, numbers and results are made up. The
builder (practices/demo.py) marks each one as 'Fictief voorbeeld'.

Keys: slug, title, kind, municipality (CBS code), others (CBS codes), neighbourhood,
summary, problem, approach (list of paragraphs; a string starting with '## ' is a
heading), partners, partner_types, tracks, interventions, themes, tags, results,
not_worked, lessons, costs, status, evidence, assessed, start, end, contact (dict or
None), restricted, related (slugs).
"""

CASE = "casus"
BEST = "goede-praktijk"

PRACTICES = [
    {
        "slug": "gebiedsgerichte-aanpak-jeugdgroep-oud-charlois",
        "title": "Gebiedsgerichte aanpak van een criminele jeugdgroep in Oud-Charlois",
        "kind": BEST,
        "municipality": "GM0599",
        "neighbourhood": "Oud-Charlois",
        "summary": (
            "Een groep van vijftien jongeren tussen 14 en 22 jaar domineerde twee pleinen "
            "en werd ingezet als koeriers in de drugshandel. Met een gecombineerde aanpak "
            "op groep, persoon en gebied daalde het aantal incidenten in anderhalf jaar "
            "met bijna de helft en kregen twaalf jongeren een traject naar school of werk."
        ),
        "problem": (
            "Bewoners meldden intimidatie, dealen vanuit scooters en jongeren met dure "
            "kleding zonder zichtbaar inkomen. De politie zag een groep die snel "
            "doorgroeide: enkele leden waren betrokken bij explosies bij woningen in de "
            "regio. Hulpverleners werkten langs elkaar heen; drie verschillende "
            "instanties hadden contact met hetzelfde gezin zonder het van elkaar te weten."
        ),
        "approach": [
            "## Eén casusoverleg voor de hele groep",
            "Gemeente, politie, OM, jeugdbescherming en het wijkteam bespraken de groep "
            "elke twee weken in één overleg, met een procesregisseur van de gemeente. "
            "Voor elke jongere kwam er één plan met één regisseur, die zowel zorg als "
            "sancties kende.",
            "## Groep, persoon en gebied tegelijk",
            "Op de groep: gebiedsverboden voor de kern en snelrecht bij incidenten. Op de "
            "persoon: gesprekken met ouders, schuldhulp en een baangarantie via een "
            "leerwerkbedrijf. Op het gebied: extra verlichting, cameratoezicht op de twee "
            "pleinen en een jongerenwerker die 's avonds aanwezig was.",
        ],
        "partners": (
            "De gemeente voerde de regie. De politie leverde het groepsbeeld (shortlist-"
            "methodiek), het OM koppelde strafzaken aan het persoonsgerichte plan, en "
            "welzijnswerk en onderwijs zorgden voor het perspectief."
        ),
        "partner_types": [
            "gemeente",
            "politie",
            "openbaar-ministerie",
            "welzijnswerk",
            "onderwijs",
            "jeugdzorg",
        ],
        "tracks": ["groep", "persoon-en-gezin", "domein-en-gebied"],
        "interventions": [
            "bestuurlijk",
            "strafrechtelijk",
            "zorg-en-sociaal",
            "preventie",
        ],
        "themes": [
            "criminele-jeugdgroepen",
            "drugscriminaliteit",
            "sociale-perspectieven-en-kansen",
        ],
        "tags": ["groepsaanpak", "casusoverleg", "jongerenwerk"],
        "results": (
            "Incidenten op de twee pleinen daalden van gemiddeld 38 naar 21 per kwartaal. "
            "Twaalf van de vijftien jongeren volgen een opleiding of werken; drie zijn "
            "veroordeeld en zitten een straf uit met een nazorgplan."
        ),
        "not_worked": (
            "Een buurtbemiddelingstraject tussen bewoners en jongeren kwam niet van de "
            "grond: bewoners durfden niet met naam en toenaam aan tafel. Het "
            "cameratoezicht verplaatste het dealen deels naar een naastgelegen straat."
        ),
        "lessons": (
            "Eén regisseur per jongere maakt het verschil. Begin met het gezin, niet met "
            "de jongere alleen. Maak vooraf afspraken over het delen van gegevens onder "
            "het convenant van het Zorg- en Veiligheidshuis."
        ),
        "costs": (
            "Twee fte procesregie en een halve fte jongerenwerk gedurende twee jaar, plus "
            "circa 180.000 euro voor camera's en verlichting."
        ),
        "status": "geevalueerd",
        "evidence": "goed-onderbouwd",
        "assessed": "2025-03-14",
        "start": "2022-09-01",
        "end": "2024-06-30",
        "contact": {
            "name": "Samira El Idrissi (fictief)",
            "role": "procesregisseur jeugdgroepen",
            "email": "jeugdgroepen@rotterdam.example",
            "phone": "",
            "consent": True,
        },
        "restricted": (
            "In het casusoverleg werden drie adressen aangemerkt als opslaglocatie. De "
            "namen en adressen staan in het RIEC-dossier, niet op dit portaal."
        ),
        "related": [
            "preventie-met-gezag-jonge-broertjes-en-zusjes",
            "perspectief-voor-doorgroeiende-twintigers-schiedam",
        ],
    },
    {
        "slug": "bibob-screening-shishalounge",
        "title": "Bibob-screening van een shishalounge aan de winkelstraat",
        "kind": CASE,
        "municipality": "GM0518",
        "neighbourhood": "Schilderswijk",
        "summary": (
            "Een aanvraag voor een horeca-exploitatievergunning voor een shishalounge "
            "leidde tot een Bibob-onderzoek. De financiering bleek niet te verklaren en "
            "de vergunning werd geweigerd. De casus laat zien hoe een gemeente het "
            "Bibob-instrument zorgvuldig en juridisch houdbaar inzet."
        ),
        "problem": (
            "In korte tijd openden in dezelfde straat drie zaken met wisselende "
            "eigenaren, weinig klanten en veel contant geld. Wijkagenten vermoedden dat "
            "de zaken dienden om geld wit te wassen en als ontmoetingsplek voor een "
            "netwerk."
        ),
        "approach": [
            "Bij de nieuwe aanvraag vroeg de gemeente met het Bibob-vragenformulier naar "
            "de herkomst van de investering van 240.000 euro. Het RIEC maakte een "
            "integraal beeld, en het Landelijk Bureau Bibob bracht advies uit.",
            "De aanvrager kreeg de gelegenheid tot een zienswijze. Omdat de herkomst van "
            "het geld na die zienswijze nog steeds onverklaard was, weigerde de "
            "burgemeester de vergunning op grond van ernstig gevaar.",
        ],
        "partners": (
            "Afdeling vergunningen, het RIEC Den Haag, de politie en het Landelijk Bureau "
            "Bibob. De Belastingdienst leverde via het RIEC fiscale informatie."
        ),
        "partner_types": ["gemeente", "riec", "politie", "belastingdienst"],
        "tracks": ["domein-en-gebied"],
        "interventions": ["bestuurlijk", "fiscaal"],
        "themes": ["witwassen", "criminele-investeringen-in-de-wijk"],
        "tags": ["bibob", "horeca", "shishalounge"],
        "results": (
            "De vergunning werd geweigerd; het bezwaar en beroep werden ongegrond "
            "verklaard. Een tweede aanvraag op hetzelfde adres werd binnen een maand "
            "ingetrokken."
        ),
        "not_worked": (
            "De eerste beoordeling duurde te lang omdat het vragenformulier onvolledig "
            "werd teruggestuurd en de gemeente geen termijn had gesteld."
        ),
        "lessons": (
            "Stel een harde termijn voor het aanvullen van het Bibob-formulier en leg elk "
            "contactmoment vast. Een zorgvuldig dossier is het beste verweer bij de "
            "rechter."
        ),
        "costs": "Ongeveer 60 uur juridisch werk en 20 uur RIEC-analyse.",
        "status": "afgerond",
        "evidence": "goed-beschreven",
        "assessed": "2024-11-01",
        "start": "2023-02-01",
        "end": "2023-12-15",
        "contact": None,
        "restricted": (
            "De geldstroom liep via twee bv's met een bestuurder die ook in een "
            "lopend strafrechtelijk onderzoek voorkomt; deel dit niet buiten het RIEC."
        ),
        "related": ["branchegerichte-aanpak-shishalounges-breda"],
    },
    {
        "slug": "pandenaanpak-witwassen-vastgoed-tilburg",
        "title": "Pandenaanpak tegen witwassen via vastgoed in Tilburg-Noord",
        "kind": BEST,
        "municipality": "GM0855",
        "neighbourhood": "Tilburg-Noord",
        "summary": (
            "Met een systematische pandenaanpak bracht de gemeente in kaart welke panden "
            "met crimineel geld waren gekocht. Twintig panden kregen een integrale "
            "controle; bij zeven volgden bestuurlijke of fiscale maatregelen."
        ),
        "problem": (
            "Woningen en bedrijfspanden wisselden opvallend vaak van eigenaar, met "
            "aankopen ver boven de marktwaarde en contante verbouwingen. Huurders stonden "
            "niet ingeschreven en buurtbewoners meldden veel wisselende bezoekers."
        ),
        "approach": [
            "## Signalen bundelen",
            "Een analist combineerde kadastergegevens, inschrijvingen, meldingen en "
            "energieverbruik tot een lijst van opvallende panden. Het RIEC toetste die "
            "lijst aan politie- en belastinginformatie.",
            "## Integrale controles",
            "Toezichthouders van gemeente, woningcorporatie, politie en netbeheerder "
            "controleerden de panden op één dag. Bij misstanden volgde de gemeente met "
            "een last onder dwangsom, sluiting op grond van de Opiumwet of een melding "
            "aan de Belastingdienst.",
        ],
        "partners": (
            "Gemeente (analyse, toezicht), RIEC Zeeland-West-Brabant, politie, "
            "Belastingdienst, woningcorporatie en de netbeheerder."
        ),
        "partner_types": [
            "gemeente",
            "riec",
            "politie",
            "belastingdienst",
            "woningcorporatie",
        ],
        "tracks": ["domein-en-gebied"],
        "interventions": ["bestuurlijk", "fiscaal", "handhaving"],
        "themes": [
            "vastgoed-en-huisjesmelkers",
            "witwassen",
            "criminele-investeringen-in-de-wijk",
        ],
        "tags": ["pandenaanpak", "integrale controle", "datagedreven"],
        "results": (
            "Zeven panden kregen een maatregel: drie sluitingen, twee dwangsommen, twee "
            "fiscale navorderingen van samen 410.000 euro. Vier verdachte aankopen werden "
            "via het notariaat gemeld."
        ),
        "not_worked": (
            "Energiegegevens bleken minder voorspellend dan gedacht: hoog verbruik had vaak "
            "een onschuldige verklaring en leverde vooral extra werk op."
        ),
        "lessons": (
            "Een goede lijst begint bij het kadaster. Spreek vooraf af wie welke "
            "bevoegdheid inzet, zodat een controledag niet strandt op juridische vragen."
        ),
        "costs": "Een analist (0,8 fte) en tien controledagen per jaar met zes partners.",
        "status": "lopend",
        "evidence": "goed-beschreven",
        "assessed": "2024-09-10",
        "start": "2023-01-15",
        "end": None,
        "contact": {
            "name": "Peter van den Heuvel (fictief)",
            "role": "coördinator ondermijning",
            "email": "ondermijning@tilburg.example",
            "phone": "013 000 00 00",
            "consent": True,
        },
        "restricted": "",
        "related": ["vastgoedscan-malafide-kamerverhuur-groningen"],
    },
    {
        "slug": "weerbare-sportclubs-eindhoven",
        "title": "Weerbare sportclubs: bestuurders leren criminele inmenging herkennen",
        "kind": BEST,
        "municipality": "GM0772",
        "others": ["GM0794"],
        "neighbourhood": "",
        "summary": (
            "Amateursportclubs zijn aantrekkelijk voor criminelen: contant geld in de "
            "kantine, sponsoring zonder vragen en een plek om jongeren te ronselen. "
            "Eindhoven en Helmond trainden veertig clubbesturen om signalen te herkennen "
            "en te melden."
        ),
        "problem": (
            "Een voetbalclub kreeg een sponsor die de kantine gratis wilde verbouwen en "
            "leden een baan aanbood. Achteraf bleek de sponsor betrokken bij drugshandel. "
            "Bestuurders wisten niet wat ze hadden moeten zien en bij wie ze konden "
            "aankloppen."
        ),
        "approach": [
            "De gemeenten ontwikkelden met de sportkoepel een training van twee avonden: "
            "signalen herkennen, het gesprek voeren, en weten waar je meldt. Elke club "
            "kreeg een vaste contactpersoon bij de gemeente.",
            "Clubs maakten een eenvoudig sponsorbeleid met een toets op de achtergrond "
            "van sponsors boven 5.000 euro.",
        ],
        "partners": "Gemeenten Eindhoven en Helmond, de regionale sportkoepel, politie en het RIEC Oost-Brabant.",
        "partner_types": ["gemeente", "sportclubs", "politie", "riec"],
        "tracks": ["domein-en-gebied", "groep"],
        "interventions": ["preventie"],
        "themes": [
            "weerbaarheid-van-ondernemers",
            "criminele-investeringen-in-de-wijk",
        ],
        "tags": ["sport", "weerbaarheid", "sponsoring"],
        "results": (
            "Veertig clubbesturen getraind; elf meldingen in het eerste jaar, waarvan "
            "drie tot een bestuurlijk onderzoek leidden."
        ),
        "not_worked": "Een e-learning als vervanging van de avonden werd nauwelijks afgemaakt.",
        "lessons": "Vrijwilligers willen praktische voorbeelden en een gezicht bij de gemeente, geen folders.",
        "costs": "Ongeveer 35.000 euro per jaar voor trainers en materiaal.",
        "status": "lopend",
        "evidence": "eerste-aanwijzingen",
        "assessed": "2025-01-20",
        "start": "2023-09-01",
        "end": None,
        "contact": None,
        "restricted": "",
        "related": ["weerbare-ondernemers-winkelcentrum-heerlen"],
    },
    {
        "slug": "preventie-met-gezag-jonge-broertjes-en-zusjes",
        "title": "Preventie met gezag voor jonge broertjes en zusjes",
        "kind": BEST,
        "municipality": "GM0363",
        "neighbourhood": "Nieuw-West",
        "summary": (
            "Jongere broertjes en zusjes van criminele jongeren lopen een groot risico "
            "dezelfde weg in te slaan. Een gezinsaanpak waarin jeugdbescherming, school "
            "en politie samen optreden, met de gezagsdragers aan tafel, houdt hen uit "
            "beeld van de criminaliteit."
        ),
        "problem": (
            "In een aantal gezinnen zaten oudere broers in de zware criminaliteit. De "
            "jongere kinderen, tussen 8 en 14 jaar, zagen geld en status en werden al "
            "ingezet als uitkijk. Vrijwillige hulp werd vaak afgehouden."
        ),
        "approach": [
            "Een gezinsmanager stelt met het gezin een plan op. Waar vrijwillige hulp niet "
            "lukt, wordt die gesteund met gezag: de Raad voor de Kinderbescherming, "
            "leerplicht en zo nodig de rechter.",
            "Scholen krijgen een vaste contactpersoon en kinderen een mentor uit de buurt, "
            "met sport en huiswerkbegeleiding.",
        ],
        "partners": "Gemeente, jeugdbescherming, Raad voor de Kinderbescherming, politie, scholen en welzijnswerk.",
        "partner_types": [
            "gemeente",
            "jeugdzorg",
            "onderwijs",
            "politie",
            "welzijnswerk",
        ],
        "tracks": ["persoon-en-gezin"],
        "interventions": ["zorg-en-sociaal", "preventie"],
        "themes": ["criminele-jeugdgroepen", "sociale-perspectieven-en-kansen"],
        "tags": ["gezinsaanpak", "broertjes en zusjes", "mentoring"],
        "results": (
            "Van de 64 kinderen in de aanpak kwamen er na twee jaar vier in aanraking met "
            "politie, tegen een verwachting van circa twintig in een vergelijkbare groep."
        ),
        "not_worked": "Groepsbijeenkomsten voor ouders trokken weinig deelnemers; huisbezoeken werkten beter.",
        "lessons": "Zet gezag in als steun voor de hulp, niet als dreiging. Houd de lijn met school kort.",
        "costs": "Circa 9.000 euro per gezin per jaar, vooral in gezinsmanagement.",
        "status": "geevalueerd",
        "evidence": "erkend",
        "assessed": "2025-06-02",
        "start": "2021-03-01",
        "end": None,
        "contact": {
            "name": "Team Preventie met Gezag (fictief)",
            "role": "",
            "email": "preventie@amsterdam.example",
            "phone": "",
            "consent": True,
        },
        "restricted": "",
        "related": ["gebiedsgerichte-aanpak-jeugdgroep-oud-charlois"],
    },
    {
        "slug": "perspectief-voor-doorgroeiende-twintigers-schiedam",
        "title": "Perspectief voor doorgroeiende twintigers in Schiedam-Oost",
        "kind": CASE,
        "municipality": "GM0606",
        "neighbourhood": "Schiedam-Oost",
        "summary": (
            "Een pilot met tien jongvolwassenen die na een eerste veroordeling dreigden "
            "door te groeien naar de georganiseerde misdaad. Elke deelnemer kreeg een "
            "'levensloopcoach', een woning met begeleiding en een baan bij een lokale "
            "werkgever, gekoppeld aan strikte afspraken met de reclassering."
        ),
        "problem": (
            "Twintigers die uit detentie kwamen, vielen terug in hun oude netwerk: geen "
            "woning, schulden en een crimineel contact dat wel 'werk' bood. De gemeente "
            "zag hen binnen een jaar terug in politiesystemen."
        ),
        "approach": [
            "Al vóór ontslag uit detentie stelde een coach met de jongvolwassene een plan "
            "op: wonen, inkomen, schulden en een veilig netwerk. De woningcorporatie hield "
            "vijf woningen achter de hand voor de pilot.",
            "De reclassering hield toezicht; bij terugval volgde snel een gesprek met de "
            "officier van justitie. Werkgevers kregen een loonkostensubsidie en een "
            "vaste contactpersoon.",
        ],
        "partners": "Gemeente, reclassering, OM, woningcorporatie, werkgevers en schuldhulpverlening.",
        "partner_types": [
            "gemeente",
            "reclassering",
            "openbaar-ministerie",
            "woningcorporatie",
            "ondernemers",
        ],
        "tracks": ["persoon-en-gezin"],
        "interventions": ["zorg-en-sociaal", "strafrechtelijk"],
        "themes": [
            "doorgroeiende-criminele-twintigers",
            "sociale-perspectieven-en-kansen",
        ],
        "tags": ["nazorg", "detentie", "werk"],
        "results": "Na een jaar hadden zeven van de tien deelnemers nog werk en een woning; twee vielen terug.",
        "not_worked": "Deelnemers die verhuisden naar een andere gemeente raakten buiten beeld: de overdracht was niet geregeld.",
        "lessons": "Begin in detentie, niet op de dag van ontslag. Regel de overdracht tussen gemeenten vooraf.",
        "costs": "Ongeveer 25.000 euro per deelnemer per jaar, inclusief woonbegeleiding.",
        "status": "pilot",
        "evidence": "praktijkervaring",
        "assessed": None,
        "start": "2024-04-01",
        "end": None,
        "contact": {
            "name": "R. Kok (fictief)",
            "role": "beleidsadviseur veiligheid",
            "email": "veiligheid@schiedam.example",
            "phone": "",
            "consent": False,
        },
        "restricted": "",
        "related": ["doorbraakaanpak-criminele-twintigers-arnhem"],
    },
    {
        "slug": "branchegerichte-aanpak-shishalounges-breda",
        "title": "Branchegerichte aanpak van shishalounges en belwinkels",
        "kind": BEST,
        "municipality": "GM0758",
        "neighbourhood": "Centrum en Heuvelkwartier",
        "summary": (
            "In plaats van zaak voor zaak te onderzoeken, bekeek Breda een hele branche "
            "tegelijk. Een gezamenlijke controle van 26 shishalounges en belwinkels "
            "leidde tot twaalf waarschuwingen, vier sluitingen en een nieuw "
            "vergunningstelsel."
        ),
        "problem": (
            "Shishalounges en belwinkels openden en sloten in hoog tempo. De omzet was "
            "vaak niet te verklaren uit het aantal klanten en meldingen over overlast "
            "namen toe."
        ),
        "approach": [
            "Het RIEC maakte een branchebeeld met eigendomsstructuren en financiering. "
            "Daarna volgde een controledag met gemeente, politie, Belastingdienst, "
            "Arbeidsinspectie en NVWA.",
            "De raad voerde een vergunningplicht in voor shishalounges, zodat de "
            "burgemeester voortaan Bibob kan toepassen.",
        ],
        "partners": "Gemeente, RIEC, politie, Belastingdienst en andere toezichthouders.",
        "partner_types": ["gemeente", "riec", "politie", "belastingdienst"],
        "tracks": ["domein-en-gebied", "groep"],
        "interventions": ["bestuurlijk", "handhaving", "fiscaal"],
        "themes": [
            "witwassen",
            "criminele-investeringen-in-de-wijk",
            "drugscriminaliteit",
        ],
        "tags": ["bibob", "horeca", "branchebeeld"],
        "results": "Vier sluitingen, twaalf waarschuwingen en een daling van het aantal zaken van 26 naar 17.",
        "not_worked": "Aangekondigde controles gaven eigenaren tijd om administratie op te schonen.",
        "lessons": "Een branchebeeld maakt zichtbaar wat per zaak onzichtbaar blijft. Regel eerst de juridische basis.",
        "costs": "Vijf controledagen en 0,5 fte analyse bij het RIEC.",
        "status": "afgerond",
        "evidence": "goed-beschreven",
        "assessed": "2024-05-20",
        "start": "2022-06-01",
        "end": "2023-09-30",
        "contact": None,
        "restricted": "",
        "related": ["bibob-screening-shishalounge"],
    },
    {
        "slug": "vastgoedscan-malafide-kamerverhuur-groningen",
        "title": "Vastgoedscan tegen malafide kamerverhuur in Groningen",
        "kind": CASE,
        "municipality": "GM0014",
        "neighbourhood": "Oosterparkwijk",
        "summary": (
            "Een verhuurder bouwde een portefeuille van veertig panden op met verhuur "
            "aan studenten en arbeidsmigranten in slechte omstandigheden. Met een "
            "vastgoedscan en de Wet goed verhuurderschap greep de gemeente in."
        ),
        "problem": (
            "Huurders betaalden contant, woonden met te veel mensen in een kamer en "
            "klaagden over bedreiging bij klachten. De financiering van de aankopen was "
            "onduidelijk."
        ),
        "approach": [
            "Een vastgoedscan combineerde eigendom, hypotheken, inschrijvingen en "
            "klachten. Toezichthouders bezochten alle panden en spraken huurders apart.",
            "De gemeente legde boetes op onder de Wet goed verhuurderschap en meldde "
            "vermoedens van uitbuiting bij de Arbeidsinspectie.",
        ],
        "partners": "Gemeente, RIEC Noord-Nederland, politie, Belastingdienst en huurdersorganisaties.",
        "partner_types": ["gemeente", "riec", "politie", "belastingdienst"],
        "tracks": ["domein-en-gebied", "persoon-en-gezin"],
        "interventions": ["bestuurlijk", "handhaving", "fiscaal"],
        "themes": ["vastgoed-en-huisjesmelkers", "mensenhandel-en-uitbuiting"],
        "tags": ["goed verhuurderschap", "kamerverhuur", "vastgoedscan"],
        "results": "Boetes van in totaal 150.000 euro; twaalf panden kwamen onder beheer van een andere verhuurder.",
        "not_worked": "Huurders durfden vaak niet te verklaren; zonder hun verhaal bleef uitbuiting lastig te bewijzen.",
        "lessons": "Zorg voor opvang en een alternatieve woning voordat je handhaaft, anders lijden de huurders.",
        "costs": "1 fte toezicht gedurende een jaar.",
        "status": "afgerond",
        "evidence": "praktijkervaring",
        "assessed": None,
        "start": "2023-03-01",
        "end": "2024-03-01",
        "contact": None,
        "restricted": "De verhuurder is bekend bij het RIEC onder dossiernummer (fictief) NN-2023-114.",
        "related": [
            "huisjesmelkers-en-arbeidsmigranten-emmen",
            "pandenaanpak-witwassen-vastgoed-tilburg",
        ],
    },
    {
        "slug": "weerbare-ondernemers-winkelcentrum-heerlen",
        "title": "Weerbare ondernemers in winkelcentrum Heerlen-Noord",
        "kind": BEST,
        "municipality": "GM0917",
        "neighbourhood": "Heerlen-Noord",
        "summary": (
            "Ondernemers in een winkelcentrum werden benaderd om hun zaak over te nemen "
            "of pakketjes te bewaren. Een ondernemersvereniging, de gemeente en de "
            "politie bouwden samen een meldroute en een weerbaarheidstraining."
        ),
        "problem": (
            "Drie winkels werden overgenomen door partijen met onduidelijk geld. Andere "
            "ondernemers voelden zich onder druk gezet, maar meldden niets uit angst."
        ),
        "approach": [
            "Ondernemers kregen een anonieme meldroute via een vertrouwenspersoon van de "
            "vereniging. Een weerbaarheidstraining leerde hen signalen herkennen.",
            "De gemeente toetste overnames van panden in het winkelcentrum vooraf met "
            "het RIEC, met toestemming van de eigenaren.",
        ],
        "partners": "Ondernemersvereniging, gemeente, politie, RIEC Limburg en de vastgoedeigenaar.",
        "partner_types": ["ondernemers", "gemeente", "politie", "riec"],
        "tracks": ["domein-en-gebied"],
        "interventions": ["preventie", "bestuurlijk"],
        "themes": [
            "weerbaarheid-van-ondernemers",
            "criminele-investeringen-in-de-wijk",
        ],
        "tags": ["winkelcentrum", "weerbaarheid", "meldroute"],
        "results": "Negen meldingen in het eerste jaar; twee voorgenomen overnames werden niet doorgezet.",
        "not_worked": "Een gezamenlijke cameraregeling liep vast op privacyvragen.",
        "lessons": "Een vertrouwenspersoon uit eigen kring verlaagt de drempel om te melden.",
        "costs": "20.000 euro voor trainingen en de vertrouwenspersoon.",
        "status": "lopend",
        "evidence": "goed-beschreven",
        "assessed": "2025-02-11",
        "start": "2023-05-01",
        "end": None,
        "contact": {
            "name": "M. Janssen (fictief)",
            "role": "accountmanager ondernemers",
            "email": "ondernemers@heerlen.example",
            "phone": "",
            "consent": True,
        },
        "restricted": "",
        "related": [
            "weerbare-sportclubs-eindhoven",
            "keurmerk-veilig-ondernemen-bedrijventerrein-zwolle",
        ],
    },
    {
        "slug": "arbeidsuitbuiting-uitzendbureaus-venlo",
        "title": "Aanpak van arbeidsuitbuiting via malafide uitzendbureaus",
        "kind": CASE,
        "municipality": "GM0983",
        "neighbourhood": "Bedrijventerrein Trade Port",
        "summary": (
            "Arbeidsmigranten werkten via een keten van uitzendbureaus voor minder dan "
            "het minimumloon en woonden in panden van dezelfde eigenaar. Gemeente, "
            "Arbeidsinspectie en politie pakten de keten aan op werk én wonen."
        ),
        "problem": (
            "Migranten waren afhankelijk van één partij voor werk, woning en vervoer. "
            "Wie klaagde, verloor alles tegelijk. Het ene bureau ging failliet en het "
            "volgende nam het personeel over."
        ),
        "approach": [
            "Een gezamenlijk interventieteam controleerde huisvesting en loonadministratie "
            "tegelijk. Slachtoffers kregen opvang en een gesprek met CoMensha.",
            "De gemeente weigerde nieuwe huisvestingsvergunningen aan de eigenaar en "
            "meldde de bureaus aan bij de Nederlandse Arbeidsinspectie.",
        ],
        "partners": "Gemeente, politie, Arbeidsinspectie, Belastingdienst en het RIEC Limburg.",
        "partner_types": ["gemeente", "politie", "belastingdienst", "riec"],
        "tracks": ["groep", "persoon-en-gezin"],
        "interventions": ["bestuurlijk", "strafrechtelijk", "zorg-en-sociaal"],
        "themes": ["mensenhandel-en-uitbuiting"],
        "tags": ["arbeidsmigranten", "uitzendbureaus", "huisvesting"],
        "results": "Twee bureaus kregen een boete; 46 migranten kregen andere huisvesting en werk.",
        "not_worked": "Het strafrechtelijk onderzoek duurde langer dan de slachtoffers in Nederland bleven.",
        "lessons": "Pak werk en wonen tegelijk aan, anders verplaatst het probleem zich.",
        "costs": "Een interventieteam van vijf personen gedurende drie maanden.",
        "status": "lopend",
        "evidence": "praktijkervaring",
        "assessed": None,
        "start": "2024-01-10",
        "end": None,
        "contact": None,
        "restricted": "Namen van de betrokken uitzendbureaus staan in het RIEC-dossier.",
        "related": ["huisjesmelkers-en-arbeidsmigranten-emmen"],
    },
    {
        "slug": "zorgfraude-malafide-zorgaanbieders-utrecht",
        "title": "Malafide zorgaanbieders in beschermd wonen opsporen",
        "kind": CASE,
        "municipality": "GM0344",
        "neighbourhood": "Overvecht",
        "summary": (
            "Een zorgaanbieder declareerde begeleiding die niet werd geleverd en "
            "huisvestte cliënten in panden die eigendom waren van de bestuurder. "
            "Rechtmatigheidsonderzoek en het delen van signalen met het RIEC maakten "
            "een einde aan de contracten."
        ),
        "problem": (
            "Cliënten meldden dat ze hun begeleider nooit zagen. Tegelijk stegen de "
            "declaraties en betaalde de aanbieder opvallend hoge huren aan gelieerde bv's."
        ),
        "approach": [
            "De gemeente startte een rechtmatigheidsonderzoek met dossiercontrole en "
            "cliëntgesprekken. Het RIEC bracht de geldstromen tussen de bv's in beeld.",
            "Na het onderzoek beëindigde de gemeente het contract, vorderde ten onrechte "
            "betaalde bedragen terug en deed aangifte.",
        ],
        "partners": "Gemeente (contractmanagement, toezicht Wmo), RIEC Midden-Nederland, zorgverzekeraar en OM.",
        "partner_types": ["gemeente", "riec", "zorgverzekeraar", "openbaar-ministerie"],
        "tracks": ["domein-en-gebied"],
        "interventions": ["bestuurlijk", "strafrechtelijk"],
        "themes": ["zorgfraude", "witwassen"],
        "tags": ["wmo", "beschermd wonen", "rechtmatigheid"],
        "results": "Terugvordering van 1,2 miljoen euro; 31 cliënten kregen een andere aanbieder.",
        "not_worked": "De inkoopvoorwaarden gaven te weinig grond om snel te stoppen met betalen.",
        "lessons": "Neem in contracten een recht op onaangekondigde controle en op inzage in de eigendomsstructuur op.",
        "costs": "Toezichthouders Wmo (2 fte) en externe forensisch accountant (45.000 euro).",
        "status": "lopend",
        "evidence": "goed-beschreven",
        "assessed": "2025-04-04",
        "start": "2023-10-01",
        "end": None,
        "contact": None,
        "restricted": "",
        "related": ["zorgfraude-wmo-en-beschermd-wonen-dordrecht"],
    },
    {
        "slug": "drugslabs-in-het-buitengebied-s-hertogenbosch",
        "title": "Drugslabs in het buitengebied: boeren weerbaar maken",
        "kind": BEST,
        "municipality": "GM0796",
        "neighbourhood": "Buitengebied Rosmalen",
        "summary": (
            "Criminelen huren leegstaande stallen voor drugslabs of opslag. Met "
            "keukentafelgesprekken, een meldpunt en snelle sluiting van panden maakt de "
            "gemeente het buitengebied minder aantrekkelijk."
        ),
        "problem": (
            "In twee jaar werden vier drugslabs en een dumping van drugsafval gevonden. "
            "Boeren werden benaderd met aanbiedingen voor 'opslag' tegen hoge huren."
        ),
        "approach": [
            "Wijkagenten en een gemeentelijke 'buitengebiedregisseur' voerden "
            "keukentafelgesprekken met 120 agrariërs over signalen en risico's.",
            "Na een vondst sloot de burgemeester het pand op grond van de Opiumwet; de "
            "eigenaar kreeg hulp bij het opruimen en bij het voorkomen van herhaling.",
        ],
        "partners": "Gemeente, politie, ZLTO, Waterschap en het RIEC Oost-Brabant.",
        "partner_types": ["gemeente", "politie", "ondernemers", "riec"],
        "tracks": ["domein-en-gebied"],
        "interventions": ["preventie", "bestuurlijk", "verstoring"],
        "themes": ["drugscriminaliteit", "weerbaarheid-van-ondernemers"],
        "tags": ["buitengebied", "drugslabs", "agrariërs"],
        "results": "Het aantal meldingen uit het buitengebied verdrievoudigde; twee opslagplaatsen werden voortijdig ontdekt.",
        "not_worked": "Een algemene brief aan alle agrariërs had geen meetbaar effect.",
        "lessons": "Persoonlijk contact werkt; begin bij de boeren die het vertrouwen van hun buren hebben.",
        "costs": "0,5 fte buitengebiedregisseur en inzet van wijkagenten.",
        "status": "geevalueerd",
        "evidence": "eerste-aanwijzingen",
        "assessed": "2024-12-12",
        "start": "2021-09-01",
        "end": "2024-08-31",
        "contact": None,
        "restricted": "",
        "related": ["bedrijfsverzamelgebouwen-roosendaal"],
    },
    {
        "slug": "hennepkwekerijen-en-woningcorporatie-enschede",
        "title": "Hennepkwekerijen in huurwoningen: samen met de woningcorporatie",
        "kind": CASE,
        "municipality": "GM0153",
        "neighbourhood": "Velve-Lindenhof",
        "summary": (
            "Huurders werden onder druk gezet hun zolder af te staan voor een "
            "hennepkwekerij. Woningcorporatie, netbeheerder, politie en gemeente "
            "combineerden signalen en boden huurders een uitweg."
        ),
        "problem": (
            "Bij controles bleek een deel van de huurders zelf slachtoffer: ze hadden "
            "schulden en werden bedreigd. Ontruiming maakte hen dakloos en loste niets op."
        ),
        "approach": [
            "Bij een vondst volgt eerst een gesprek met de huurder, samen met "
            "schuldhulp. Huurders die meewerken, krijgen een tweede kans met begeleiding.",
            "De corporatie en de netbeheerder delen signalen onder een convenant met het "
            "RIEC Oost-Nederland.",
        ],
        "partners": "Woningcorporatie, netbeheerder, politie, gemeente en schuldhulpverlening.",
        "partner_types": ["woningcorporatie", "politie", "gemeente", "welzijnswerk"],
        "tracks": ["persoon-en-gezin", "domein-en-gebied"],
        "interventions": ["handhaving", "zorg-en-sociaal", "bestuurlijk"],
        "themes": ["drugscriminaliteit", "vastgoed-en-huisjesmelkers"],
        "tags": ["hennep", "woningcorporatie", "tweede kans"],
        "results": "23 kwekerijen ontmanteld; veertien huurders behielden hun woning met begeleiding.",
        "not_worked": "De eerste versie van het convenant liet te weinig ruimte om persoonsgegevens te delen.",
        "lessons": "Zie de huurder ook als mogelijk slachtoffer; dat levert informatie op over de kwekers.",
        "costs": "Binnen bestaande capaciteit; 0,3 fte coördinatie.",
        "status": "afgerond",
        "evidence": "goed-onderbouwd",
        "assessed": "2024-06-30",
        "start": "2021-01-01",
        "end": "2023-12-31",
        "contact": {
            "name": "L. Bosman (fictief)",
            "role": "ondermijningscoördinator",
            "email": "ondermijning@enschede.example",
            "phone": "",
            "consent": True,
        },
        "restricted": "",
        "related": [],
    },
    {
        "slug": "witwassen-via-goudhandel-en-juweliers-zaanstad",
        "title": "Idee: zicht op witwassen via goudhandel en juweliers",
        "kind": CASE,
        "municipality": "GM0479",
        "neighbourhood": "Poelenburg",
        "summary": (
            "Een voorstel om met juweliers en goudopkopers afspraken te maken over "
            "contante betalingen, het melden van ongebruikelijke transacties en "
            "gezamenlijke voorlichting. Nog niet uitgevoerd; de gemeente zoekt partners."
        ),
        "problem": (
            "Een opvallend aantal goudopkopers vestigde zich in één winkelstraat. Signalen "
            "wijzen op het omzetten van contant geld in goud."
        ),
        "approach": [
            "Het idee: een branchebijeenkomst, een convenant over de meldplicht aan de "
            "FIU en een gezamenlijke controledag met de FIOD.",
            "De gemeente wil eerst met andere gemeenten ervaringen uitwisselen, daarom "
            "staat het idee op dit portaal.",
        ],
        "partners": "Beoogd: gemeente, FIOD, politie, RIEC Noord-Holland en de brancheorganisatie.",
        "partner_types": ["gemeente", "fiod", "politie", "riec", "ondernemers"],
        "tracks": ["domein-en-gebied"],
        "interventions": ["preventie", "fiscaal"],
        "themes": ["witwassen", "weerbaarheid-van-ondernemers"],
        "tags": ["goud", "juweliers", "contant geld"],
        "results": "Nog geen: het idee moet nog starten.",
        "not_worked": "",
        "lessons": "",
        "costs": "Geraamd op 0,5 fte voor een jaar.",
        "status": "idee",
        "evidence": "praktijkervaring",
        "assessed": None,
        "start": None,
        "end": None,
        "contact": {
            "name": "A. de Wit (fictief)",
            "role": "beleidsmedewerker",
            "email": "ondermijning@zaanstad.example",
            "phone": "",
            "consent": True,
        },
        "restricted": "",
        "related": ["autobedrijven-en-witwassen-rotterdam"],
    },
    {
        "slug": "ondermijning-op-vakantieparken-apeldoorn",
        "title": "Vakantieparken terug naar recreatie",
        "kind": BEST,
        "municipality": "GM0200",
        "neighbourhood": "Vakantieparken Veluwe",
        "summary": (
            "Verouderde vakantieparken trokken bewoners die zich aan het zicht "
            "onttrokken, onder wie criminelen en uitgebuite arbeidsmigranten. Met een "
            "parkenaanpak kregen bewoners een andere woning en werd de recreatiefunctie "
            "hersteld."
        ),
        "problem": (
            "Op drie parken woonden honderden mensen permanent, zonder inschrijving. Er "
            "waren drugslabs, illegale bewoning en uitbuiting."
        ),
        "approach": [
            "Per park stelden gemeente, provincie en parkeigenaar een toekomstplan op. "
            "Integrale controles brachten bewoners en misstanden in beeld.",
            "Kwetsbare bewoners kregen begeleiding naar een woning; panden met "
            "criminele activiteiten werden gesloten.",
        ],
        "partners": "Gemeente, provincie Gelderland, politie, RIEC Oost-Nederland en parkeigenaren.",
        "partner_types": ["gemeente", "politie", "riec", "ondernemers", "welzijnswerk"],
        "tracks": ["domein-en-gebied", "persoon-en-gezin"],
        "interventions": ["bestuurlijk", "handhaving", "zorg-en-sociaal"],
        "themes": [
            "vastgoed-en-huisjesmelkers",
            "mensenhandel-en-uitbuiting",
            "drugscriminaliteit",
        ],
        "tags": ["vakantieparken", "integrale controle", "huisvesting"],
        "results": "Twee parken zijn weer recreatief in gebruik; 180 bewoners kregen een andere woning.",
        "not_worked": "Handhaven zonder woonalternatief leidde tot verplaatsing naar andere parken.",
        "lessons": "Maak de aanpak regionaal: parken liggen vaak over gemeentegrenzen heen.",
        "costs": "Provinciale bijdrage van 600.000 euro, gemeentelijke inzet 2 fte.",
        "status": "geevalueerd",
        "evidence": "goed-onderbouwd",
        "assessed": "2023-11-15",
        "start": "2019-01-01",
        "end": "2023-06-30",
        "contact": None,
        "restricted": "",
        "related": ["huisjesmelkers-en-arbeidsmigranten-emmen"],
    },
    {
        "slug": "doorbraakaanpak-criminele-twintigers-arnhem",
        "title": "Doorbraakaanpak voor criminele twintigers in Arnhem-Oost",
        "kind": BEST,
        "municipality": "GM0202",
        "neighbourhood": "Arnhem-Oost",
        "summary": (
            "Voor een kleine groep twintigers met veel antecedenten en grote invloed op "
            "jongeren in de wijk maakten partners per persoon een 'doorbraakplan': harde "
            "grenzen waar nodig, een echte uitweg waar mogelijk."
        ),
        "problem": (
            "Een handvol twintigers werd door jongeren in de wijk als rolmodel gezien. Ze "
            "ronselden jongeren voor drugskoeriersdiensten en bleven buiten bereik van "
            "hulp."
        ),
        "approach": [
            "Per persoon een integraal plan: strafrechtelijke prioriteit bij nieuwe "
            "feiten, afpakken van crimineel vermogen en tegelijk een aanbod voor werk en "
            "schulden.",
            "Een vaste 'persoonsgebonden regisseur' hield het contact, ook in detentie.",
        ],
        "partners": "Gemeente, politie, OM, reclassering en Belastingdienst.",
        "partner_types": [
            "gemeente",
            "politie",
            "openbaar-ministerie",
            "reclassering",
            "belastingdienst",
        ],
        "tracks": ["persoon-en-gezin", "groep"],
        "interventions": [
            "strafrechtelijk",
            "fiscaal",
            "zorg-en-sociaal",
            "verstoring",
        ],
        "themes": ["doorgroeiende-criminele-twintigers", "criminele-jeugdgroepen"],
        "tags": ["afpakken", "persoonsgerichte aanpak", "rolmodellen"],
        "results": "Vermogen van 320.000 euro afgepakt; drie van de acht deelnemers accepteerden een traject naar werk.",
        "not_worked": "Het aanbod kwam voor sommigen te laat: zij waren al te diep in een netwerk.",
        "lessons": "Afpakken van statussymbolen raakt de rolmodelfunctie; maak dat zichtbaar in de wijk.",
        "costs": "1,5 fte regie en inzet van de afpakketen.",
        "status": "lopend",
        "evidence": "goed-beschreven",
        "assessed": "2024-10-01",
        "start": "2022-11-01",
        "end": None,
        "contact": None,
        "restricted": "De acht deelnemers zijn bekend in de Top-X-lijst van de eenheid Oost-Nederland.",
        "related": ["perspectief-voor-doorgroeiende-twintigers-schiedam"],
    },
    {
        "slug": "jongeren-weerbaar-tegen-ronselen-in-de-haven-vlaardingen",
        "title": "Jongeren weerbaar tegen ronselen als 'uithaler' in de haven",
        "kind": BEST,
        "municipality": "GM0622",
        "others": ["GM0599", "GM0606"],
        "neighbourhood": "Westwijk",
        "summary": (
            "Jongeren worden via sociale media geronseld om drugs uit containers te "
            "halen. Een lesprogramma op scholen, met ervaringsdeskundigen en de "
            "havenpolitie, maakt de risico's concreet."
        ),
        "problem": (
            "Steeds jongere 'uithalers' werden in de haven aangehouden, sommigen pas 15 "
            "jaar. Zij kwamen uit wijken in Vlaardingen, Schiedam en Rotterdam."
        ),
        "approach": [
            "Een lesprogramma van drie lessen voor groep 8 en de onderbouw: hoe ronselen "
            "werkt, wat de gevolgen zijn, en waar je terecht kunt.",
            "Ouders krijgen een avond met de wijkagent en het jongerenwerk.",
        ],
        "partners": "Gemeenten Vlaardingen, Schiedam en Rotterdam, politie, scholen en jongerenwerk.",
        "partner_types": ["gemeente", "politie", "onderwijs", "welzijnswerk"],
        "tracks": ["persoon-en-gezin", "groep"],
        "interventions": ["preventie"],
        "themes": [
            "drugscriminaliteit",
            "criminele-jeugdgroepen",
            "sociale-perspectieven-en-kansen",
        ],
        "tags": ["haven", "ronselen", "sociale media", "onderwijs"],
        "results": "Het programma bereikte 2.400 leerlingen; leerkrachten melden vaker signalen.",
        "not_worked": "Een campagne op sociale media bereikte vooral ouders, niet de jongeren zelf.",
        "lessons": "Ervaringsdeskundigen maken het verschil; bereid hen goed voor en betaal hen.",
        "costs": "40.000 euro per schooljaar voor drie gemeenten.",
        "status": "lopend",
        "evidence": "eerste-aanwijzingen",
        "assessed": "2025-05-05",
        "start": "2023-09-01",
        "end": None,
        "contact": None,
        "restricted": "",
        "related": [
            "gebiedsgerichte-aanpak-jeugdgroep-oud-charlois",
            "school-als-vindplaats-haarlem",
        ],
    },
    {
        "slug": "straatcultuur-drill-en-online-ronselen-nijmegen",
        "title": "Idee: jongerenwerk online tegen drill en ronselen",
        "kind": CASE,
        "municipality": "GM0268",
        "neighbourhood": "Dukenburg",
        "summary": (
            "Jongerenwerkers willen online aanwezig zijn waar jongeren worden "
            "geronseld: in drillmuziek, groepschats en op sociale media. Dit idee "
            "beschrijft hoe, met welke grenzen, en wat er nog moet worden uitgezocht."
        ),
        "problem": (
            "Conflicten tussen groepen begonnen online en escaleerden op straat. "
            "Jongerenwerkers zagen de signalen te laat."
        ),
        "approach": [
            "Twee jongerenwerkers krijgen training in online jongerenwerk en een "
            "werkprofiel. Zij signaleren en gaan het gesprek aan, zonder opsporingstaak.",
            "Vooraf moeten privacy en de scheiding met de politie goed zijn geregeld.",
        ],
        "partners": "Beoogd: gemeente, welzijnsorganisatie, politie (alleen voor escalaties).",
        "partner_types": ["gemeente", "welzijnswerk", "politie"],
        "tracks": ["groep"],
        "interventions": ["preventie"],
        "themes": ["criminele-jeugdgroepen"],
        "tags": ["online jongerenwerk", "drill", "sociale media"],
        "results": "Nog geen: idee in voorbereiding.",
        "not_worked": "",
        "lessons": "",
        "costs": "Geraamd op 2 x 0,5 fte en 10.000 euro training.",
        "status": "idee",
        "evidence": "praktijkervaring",
        "assessed": None,
        "start": None,
        "end": None,
        "contact": None,
        "restricted": "",
        "related": [],
    },
    {
        "slug": "kapperszaken-en-nagelstudios-almere",
        "title": "Pilot: integrale controles bij kapperszaken en nagelstudio's",
        "kind": CASE,
        "municipality": "GM0034",
        "neighbourhood": "Almere-Haven",
        "summary": (
            "Een pilot met onaangekondigde controles bij kapperszaken en nagelstudio's "
            "op witwassen, arbeidsuitbuiting en belastingfraude. De eerste resultaten "
            "tonen hoe weinig zicht de gemeente op deze branche had."
        ),
        "problem": (
            "Het aantal kapperszaken verdubbelde in vijf jaar, terwijl het aantal "
            "inwoners nauwelijks groeide. Meldingen gingen over personeel dat in de zaak "
            "sliep."
        ),
        "approach": [
            "Gemeente, politie, Belastingdienst en Arbeidsinspectie controleerden twintig "
            "zaken. Per zaak werd een korte rapportage gemaakt voor het RIEC.",
            "Zaken zonder misstanden kregen informatie over hoe ze zich kunnen "
            "beschermen tegen criminele investeerders.",
        ],
        "partners": "Gemeente, politie, Belastingdienst, Arbeidsinspectie en RIEC Midden-Nederland.",
        "partner_types": ["gemeente", "politie", "belastingdienst", "riec"],
        "tracks": ["domein-en-gebied"],
        "interventions": ["handhaving", "fiscaal", "bestuurlijk"],
        "themes": ["witwassen", "mensenhandel-en-uitbuiting"],
        "tags": ["kappers", "nagelstudio's", "integrale controle"],
        "results": "Bij acht van de twintig zaken werden overtredingen gevonden; drie zaken gingen dicht.",
        "not_worked": "Tolken waren niet altijd beschikbaar, waardoor gesprekken met personeel oppervlakkig bleven.",
        "lessons": "Regel tolken vooraf en spreek medewerkers buiten het zicht van de eigenaar.",
        "costs": "Vier controledagen met vijf partners.",
        "status": "pilot",
        "evidence": "praktijkervaring",
        "assessed": None,
        "start": "2024-09-01",
        "end": None,
        "contact": {
            "name": "J. Smit (fictief)",
            "role": "projectleider",
            "email": "ondermijning@almere.example",
            "phone": "",
            "consent": True,
        },
        "restricted": "",
        "related": ["branchegerichte-aanpak-shishalounges-breda"],
    },
    {
        "slug": "keurmerk-veilig-ondernemen-bedrijventerrein-zwolle",
        "title": "Keurmerk Veilig Ondernemen op bedrijventerrein Voorst",
        "kind": BEST,
        "municipality": "GM0193",
        "neighbourhood": "Bedrijventerrein Voorst",
        "summary": (
            "Ondernemers, gemeente, politie en brandweer werken samen aan een veilig "
            "bedrijventerrein. Het Keurmerk Veilig Ondernemen zorgde voor een vaste "
            "schouw, een meldroute en zicht op wie er huurt."
        ),
        "problem": (
            "Leegstaande bedrijfsunits werden verhuurd aan bedrijven zonder zichtbare "
            "activiteit. Er werden drugsopslag en een illegale autosloperij gevonden."
        ),
        "approach": [
            "Twee keer per jaar een schouw met alle partners. Vastgoedeigenaren melden "
            "nieuwe huurders bij de parkmanager, die opvallende gevallen bespreekt met "
            "gemeente en politie.",
            "Een gezamenlijke camera-aanpak op de toegangswegen.",
        ],
        "partners": "Ondernemersvereniging, parkmanagement, gemeente, politie en brandweer.",
        "partner_types": ["ondernemers", "gemeente", "politie"],
        "tracks": ["domein-en-gebied"],
        "interventions": ["preventie", "handhaving"],
        "themes": ["weerbaarheid-van-ondernemers", "drugscriminaliteit"],
        "tags": ["bedrijventerrein", "keurmerk", "verhuur"],
        "results": "Leegstand daalde van 14 naar 6 procent; geen nieuwe vondsten in twee jaar.",
        "not_worked": "Niet alle vastgoedeigenaren deden mee; juist de grootste eigenaar bleef weg.",
        "lessons": "Betrek vastgoedeigenaren vanaf het begin en maak het keurmerk aantrekkelijk voor hun verzekering.",
        "costs": "Parkmanagement gefinancierd door ondernemers; gemeentelijke bijdrage 15.000 euro per jaar.",
        "status": "geevalueerd",
        "evidence": "goed-beschreven",
        "assessed": "2024-03-18",
        "start": "2020-05-01",
        "end": None,
        "contact": None,
        "restricted": "",
        "related": [
            "bedrijfsverzamelgebouwen-roosendaal",
            "weerbare-ondernemers-winkelcentrum-heerlen",
        ],
    },
    {
        "slug": "wijkeconomie-en-kansen-voor-jongeren-leeuwarden",
        "title": "Wijkeconomie en kansen voor jongeren in Heechterp-Schieringen",
        "kind": BEST,
        "municipality": "GM0080",
        "neighbourhood": "Heechterp-Schieringen",
        "summary": (
            "Een legale economie in de wijk als alternatief voor snel crimineel geld: "
            "werkplekken bij lokale ondernemers, een wijkbedrijf en begeleiding naar "
            "een diploma."
        ),
        "problem": (
            "Jongeren zonder startkwalificatie zagen in de wijk vooral voorbeelden van "
            "snel geld verdienen via drugs. Werkgevers in de stad kenden de wijk niet."
        ),
        "approach": [
            "Een wijkbedrijf biedt betaald werk in onderhoud, groen en catering, met een "
            "leer-werktraject bij het mbo.",
            "Lokale ondernemers bieden stageplekken; een jobcoach blijft het eerste jaar "
            "betrokken.",
        ],
        "partners": "Gemeente, mbo-school, ondernemers, woningcorporatie en welzijnswerk.",
        "partner_types": [
            "gemeente",
            "onderwijs",
            "ondernemers",
            "woningcorporatie",
            "welzijnswerk",
        ],
        "tracks": ["persoon-en-gezin", "domein-en-gebied"],
        "interventions": ["preventie", "zorg-en-sociaal"],
        "themes": ["sociale-perspectieven-en-kansen", "criminele-jeugdgroepen"],
        "tags": ["wijkeconomie", "werk", "mbo"],
        "results": "65 jongeren aan het werk, van wie 40 met een diploma of certificaat.",
        "not_worked": "Een ondernemersfonds voor startende jongeren werd nauwelijks gebruikt.",
        "lessons": "Werk moet direct beginnen en direct betalen; lange intakes verliezen jongeren.",
        "costs": "Wijkbedrijf 350.000 euro per jaar, deels terugverdiend met opdrachten.",
        "status": "lopend",
        "evidence": "goed-onderbouwd",
        "assessed": "2024-07-07",
        "start": "2021-02-01",
        "end": None,
        "contact": None,
        "restricted": "",
        "related": ["jongeren-uit-de-schulden-lelystad"],
    },
    {
        "slug": "verstoring-drugstoerisme-en-straathandel-maastricht",
        "title": "Verstoring van straathandel rond coffeeshops",
        "kind": CASE,
        "municipality": "GM0935",
        "neighbourhood": "Binnenstad en Wyck",
        "summary": (
            "Straatdealers spraken drugstoeristen aan bij de grens en rond coffeeshops. "
            "Met verstorende maatregelen, gebiedsverboden en samenwerking met Belgische "
            "partners nam de straathandel af."
        ),
        "problem": (
            "Bewoners en ondernemers ervoeren overlast en onveiligheid. Straatdealers "
            "werkten voor netwerken die ook harddrugs verkochten."
        ),
        "approach": [
            "Zichtbare controles op aanspreekpunten, gebiedsverboden op grond van de APV "
            "en het in beslag nemen van vervoermiddelen.",
            "Afspraken met de Belgische politie over het delen van informatie over "
            "dealers die de grens over gaan.",
        ],
        "partners": "Gemeente, politie, OM, Belgische politie en ondernemers.",
        "partner_types": ["gemeente", "politie", "openbaar-ministerie", "ondernemers"],
        "tracks": ["domein-en-gebied", "groep"],
        "interventions": ["verstoring", "bestuurlijk", "strafrechtelijk"],
        "themes": ["drugscriminaliteit"],
        "tags": ["straathandel", "grensregio", "gebiedsverbod"],
        "results": "Meldingen over straathandel daalden in een jaar met 35 procent.",
        "not_worked": "Gebiedsverboden werden vaak overtreden zonder dat dit snel gevolgen had.",
        "lessons": "Verstoring werkt alleen als de handhaving op overtredingen snel en zeker is.",
        "costs": "Extra inzet van handhavers (3 fte) gedurende een jaar.",
        "status": "afgerond",
        "evidence": "praktijkervaring",
        "assessed": None,
        "start": "2022-03-01",
        "end": "2023-03-01",
        "contact": None,
        "restricted": "",
        "related": [],
    },
    {
        "slug": "zorgfraude-wmo-en-beschermd-wonen-dordrecht",
        "title": "Signaalgestuurd toezicht op zorgaanbieders in Drechtsteden",
        "kind": BEST,
        "municipality": "GM0505",
        "neighbourhood": "",
        "summary": (
            "Met een risicomodel op declaratiegegevens en een vaste werkwijze voor "
            "signalen spoort Dordrecht, samen met de Drechtsteden, malafide "
            "zorgaanbieders eerder op."
        ),
        "problem": (
            "Signalen over zorgaanbieders kwamen binnen bij verschillende afdelingen en "
            "werden niet samengebracht. Onderzoek begon pas als er al veel was betaald."
        ),
        "approach": [
            "Een signalenteam brengt meldingen, declaratiepatronen en informatie van het "
            "RIEC samen. Een risicomodel markeert afwijkende declaraties.",
            "Bij een hoog risico volgt binnen twee weken een onaangekondigd bezoek.",
        ],
        "partners": "Gemeenten in de Drechtsteden, RIEC Rotterdam, zorgverzekeraar en de Inspectie.",
        "partner_types": ["gemeente", "riec", "zorgverzekeraar"],
        "tracks": ["domein-en-gebied"],
        "interventions": ["bestuurlijk", "handhaving"],
        "themes": ["zorgfraude"],
        "tags": ["wmo", "risicomodel", "signalenteam"],
        "results": "Vijf aanbieders gestopt; 2,1 miljoen euro teruggevorderd in drie jaar.",
        "not_worked": "Het eerste risicomodel gaf te veel valse meldingen; het werd vereenvoudigd.",
        "lessons": "Houd het risicomodel uitlegbaar; een toezichthouder moet elke markering kunnen toelichten.",
        "costs": "Signalenteam van 3 fte, gedeeld door de gemeenten.",
        "status": "geevalueerd",
        "evidence": "goed-onderbouwd",
        "assessed": "2025-01-30",
        "start": "2020-01-01",
        "end": None,
        "contact": None,
        "restricted": "",
        "related": ["zorgfraude-malafide-zorgaanbieders-utrecht"],
    },
    {
        "slug": "school-als-vindplaats-haarlem",
        "title": "De school als vindplaats: vroeg signaleren in Haarlem-Schalkwijk",
        "kind": BEST,
        "municipality": "GM0392",
        "neighbourhood": "Schalkwijk",
        "summary": (
            "Leerkrachten zien als eersten dat een leerling verandert: nieuwe kleding, "
            "verzuim, andere vrienden. Een vaste schoolcontactpersoon en een korte lijn "
            "naar wijkteam en politie zorgen dat signalen worden opgepakt."
        ),
        "problem": (
            "Scholen wisten niet wat ze met zorgen over criminele betrokkenheid moesten "
            "doen en waren bang het vertrouwen van leerlingen te schaden."
        ),
        "approach": [
            "Elke school kreeg een vaste contactpersoon bij het wijkteam en een "
            "handreiking over signalen en privacy.",
            "Maandelijks een kort overleg tussen school, leerplicht, wijkteam en "
            "wijkagent over leerlingen waarover zorgen zijn, met toestemming van ouders "
            "waar dat kan.",
        ],
        "partners": "Scholen voor voortgezet onderwijs, leerplicht, wijkteams en politie.",
        "partner_types": ["onderwijs", "gemeente", "politie", "jeugdzorg"],
        "tracks": ["persoon-en-gezin"],
        "interventions": ["preventie", "zorg-en-sociaal"],
        "themes": ["criminele-jeugdgroepen", "sociale-perspectieven-en-kansen"],
        "tags": ["onderwijs", "vroegsignalering", "privacy"],
        "results": "Negentig signalen in een schooljaar; bij zestig volgde hulp binnen een maand.",
        "not_worked": "Een digitaal meldsysteem werd door leerkrachten niet gebruikt.",
        "lessons": "Een bekend gezicht werkt beter dan een systeem. Geef scholen duidelijkheid over privacy.",
        "costs": "0,2 fte per school bij het wijkteam.",
        "status": "lopend",
        "evidence": "goed-beschreven",
        "assessed": "2024-08-20",
        "start": "2022-08-15",
        "end": None,
        "contact": None,
        "restricted": "",
        "related": ["preventie-met-gezag-jonge-broertjes-en-zusjes"],
    },
    {
        "slug": "haven-den-helder-en-koninklijke-marechaussee",
        "title": "Idee: ondermijning in de kleine haven in beeld",
        "kind": CASE,
        "municipality": "GM0400",
        "neighbourhood": "Willemsoord en de haven",
        "summary": (
            "Kleinere havens zijn in trek nu grote havens strenger worden gecontroleerd. "
            "Den Helder wil met de Koninklijke Marechaussee, de Douane en havenbedrijven "
            "een gezamenlijk beeld maken van de kwetsbaarheden."
        ),
        "problem": (
            "Er zijn signalen van drugstransporten via vissersschepen en van ronselen "
            "van havenpersoneel, maar geen partij heeft het totaalbeeld."
        ),
        "approach": [
            "Een weerbaarheidsscan van de haven met alle partners, gevolgd door een "
            "bijeenkomst met havenbedrijven over toegangsbeheer en integriteit.",
        ],
        "partners": "Beoogd: gemeente, KMar, Douane, politie, havenbedrijf en RIEC Noord-Holland.",
        "partner_types": [
            "gemeente",
            "koninklijke-marechaussee",
            "politie",
            "riec",
            "ondernemers",
        ],
        "tracks": ["domein-en-gebied"],
        "interventions": ["preventie", "verstoring"],
        "themes": ["drugscriminaliteit", "weerbaarheid-van-ondernemers"],
        "tags": ["haven", "weerbaarheidsscan"],
        "results": "Nog geen: de scan wordt voorbereid.",
        "not_worked": "",
        "lessons": "",
        "costs": "Geraamd op 30.000 euro voor de scan.",
        "status": "idee",
        "evidence": "praktijkervaring",
        "assessed": None,
        "start": None,
        "end": None,
        "contact": None,
        "restricted": "",
        "related": ["jongeren-weerbaar-tegen-ronselen-in-de-haven-vlaardingen"],
    },
    {
        "slug": "bedrijfsverzamelgebouwen-roosendaal",
        "title": "Bedrijfsverzamelgebouwen: weten wie er zit",
        "kind": CASE,
        "municipality": "GM1674",
        "neighbourhood": "Majoppeveld",
        "summary": (
            "In bedrijfsverzamelgebouwen huren kleine ondernemers een unit, vaak zonder "
            "dat iemand weet wat er gebeurt. Een registratieplicht in het "
            "bestemmingsplan en periodieke controles maken misbruik lastiger."
        ),
        "problem": (
            "Twee keer werd in een verzamelgebouw een drugslab gevonden; een andere unit "
            "bleek een opslag van vuurwerkbommen. Eigenaren wisten niet aan wie ze "
            "verhuurden."
        ),
        "approach": [
            "De gemeente legde in het omgevingsplan vast dat eigenaren een actueel "
            "huurdersregister bijhouden. Twee keer per jaar volgt een integrale controle.",
            "Eigenaren kregen een modelhuurcontract met een ontbindingsclausule bij "
            "criminele activiteiten.",
        ],
        "partners": "Gemeente, politie, brandweer, RIEC Zeeland-West-Brabant en vastgoedeigenaren.",
        "partner_types": ["gemeente", "politie", "riec", "ondernemers"],
        "tracks": ["domein-en-gebied"],
        "interventions": ["bestuurlijk", "handhaving", "preventie"],
        "themes": ["drugscriminaliteit", "vastgoed-en-huisjesmelkers"],
        "tags": ["bedrijfsverzamelgebouw", "huurdersregister", "omgevingsplan"],
        "results": "Alle zeven verzamelgebouwen hebben een register; bij de eerste controle werden drie units gesloten.",
        "not_worked": "Eigenaren die in het buitenland wonen waren moeilijk te bereiken.",
        "lessons": "Leg de registratieplicht juridisch vast; vrijwillige afspraken werden niet nagekomen.",
        "costs": "Juridische voorbereiding en twee controledagen per jaar.",
        "status": "afgerond",
        "evidence": "goed-beschreven",
        "assessed": "2024-02-02",
        "start": "2022-01-01",
        "end": "2023-12-31",
        "contact": None,
        "restricted": "",
        "related": ["keurmerk-veilig-ondernemen-bedrijventerrein-zwolle"],
    },
    {
        "slug": "jongeren-uit-de-schulden-lelystad",
        "title": "Pilot: jongeren uit de schulden, weg van het snelle geld",
        "kind": BEST,
        "municipality": "GM0995",
        "neighbourhood": "Lelystad-Zuid",
        "summary": (
            "Schulden maken jongeren kwetsbaar voor criminele verleiding. In deze pilot "
            "neemt de gemeente de schulden van jongeren over in ruil voor een traject "
            "naar werk of opleiding."
        ),
        "problem": (
            "Jongeren met schulden bij zorgverzekeraar, telefoonbedrijf of CJIB werden "
            "benaderd met 'makkelijk geld': bankpassen uitlenen, pakketjes bezorgen."
        ),
        "approach": [
            "Een jongerenschuldenfonds koopt de schulden op. De jongere lost af naar "
            "vermogen en volgt een traject met een coach.",
            "Bij afronding van het traject wordt een deel van de schuld kwijtgescholden.",
        ],
        "partners": "Gemeente, schuldhulpverlening, werkgevers, mbo en jongerenwerk.",
        "partner_types": ["gemeente", "welzijnswerk", "onderwijs", "ondernemers"],
        "tracks": ["persoon-en-gezin"],
        "interventions": ["zorg-en-sociaal", "preventie"],
        "themes": [
            "sociale-perspectieven-en-kansen",
            "doorgroeiende-criminele-twintigers",
        ],
        "tags": ["schulden", "money mules", "jongeren"],
        "results": "Dertig jongeren in het fonds; na een jaar is niemand van hen betrokken geraakt bij fraude met bankpassen.",
        "not_worked": "De wachttijd voor de eerste afspraak was te lang; jongeren haakten af.",
        "lessons": "Snelheid is alles: de eerste afspraak binnen een week.",
        "costs": "Fonds van 150.000 euro en 1 fte coaching.",
        "status": "pilot",
        "evidence": "praktijkervaring",
        "assessed": None,
        "start": "2024-06-01",
        "end": None,
        "contact": None,
        "restricted": "",
        "related": ["wijkeconomie-en-kansen-voor-jongeren-leeuwarden"],
    },
    {
        "slug": "signalen-seksuele-uitbuiting-amersfoort",
        "title": "Signalen van seksuele uitbuiting via hotels en vakantiewoningen",
        "kind": CASE,
        "municipality": "GM0307",
        "neighbourhood": "",
        "summary": (
            "Uitbuiting verplaatst zich naar hotels en kortverhuur. Met trainingen voor "
            "hotelpersoneel, een meldroute en zorgcoördinatie werden slachtoffers eerder "
            "gezien en geholpen."
        ),
        "problem": (
            "Hotels zagen signalen, zoals contante betalingen en steeds andere bezoekers, "
            "maar wisten niet wat ze ermee moesten."
        ),
        "approach": [
            "Hotelmedewerkers kregen een korte training. De zorgcoördinator mensenhandel "
            "van de gemeente is het vaste aanspreekpunt.",
            "De politie bespreekt meldingen binnen een week met de zorgcoördinator, zodat "
            "opsporing en hulp samen optrekken.",
        ],
        "partners": "Gemeente (zorgcoördinatie), politie, hotels en CoMensha.",
        "partner_types": ["gemeente", "politie", "ondernemers", "welzijnswerk"],
        "tracks": ["persoon-en-gezin"],
        "interventions": ["zorg-en-sociaal", "strafrechtelijk", "preventie"],
        "themes": ["mensenhandel-en-uitbuiting"],
        "tags": ["hotels", "zorgcoördinatie", "seksuele uitbuiting"],
        "results": "Elf meldingen, vier slachtoffers in zorg, één strafzaak.",
        "not_worked": "Kortverhuurplatforms waren niet bereid mee te werken aan de training.",
        "lessons": "Zorg dat hulp en opsporing elkaar niet in de weg zitten; het slachtoffer eerst.",
        "costs": "Binnen het bestaande budget voor zorgcoördinatie.",
        "status": "lopend",
        "evidence": "praktijkervaring",
        "assessed": None,
        "start": "2023-06-01",
        "end": None,
        "contact": None,
        "restricted": "",
        "related": ["arbeidsuitbuiting-uitzendbureaus-venlo"],
    },
    {
        "slug": "autobedrijven-en-witwassen-rotterdam",
        "title": "Witwassen via autobedrijven en autoverhuur",
        "kind": CASE,
        "municipality": "GM0599",
        "neighbourhood": "Feijenoord",
        "summary": (
            "Autobedrijven en verhuurders van luxe auto's bleken een schakel in "
            "witwassen en in het faciliteren van criminele groepen. Een branchegerichte "
            "aanpak bracht eigenaren, geldstromen en verhuur aan jongeren in beeld."
        ),
        "problem": (
            "Jongeren zonder inkomen reden in gehuurde sportwagens, contant betaald. "
            "Autobedrijven wisselden vaak van eigenaar en verkochten auto's zonder "
            "administratie."
        ),
        "approach": [
            "Het RIEC maakte een branchebeeld; de Belastingdienst en de RDW deden samen "
            "controles bij 35 bedrijven.",
            "De gemeente gebruikte het beeld om vergunningen aan te scherpen en sprak "
            "verhuurders aan op verhuur aan jongeren zonder inkomen.",
        ],
        "partners": "Gemeente, RIEC Rotterdam, Belastingdienst, FIOD, politie en RDW.",
        "partner_types": ["gemeente", "riec", "belastingdienst", "fiod", "politie"],
        "tracks": ["domein-en-gebied", "groep"],
        "interventions": ["fiscaal", "bestuurlijk", "strafrechtelijk"],
        "themes": [
            "witwassen",
            "criminele-investeringen-in-de-wijk",
            "criminele-jeugdgroepen",
        ],
        "tags": ["autobranche", "branchebeeld", "contant geld"],
        "results": "Navorderingen van 900.000 euro, zes bedrijven gesloten en twee FIOD-onderzoeken.",
        "not_worked": "Verhuurders verplaatsten zich naar buurgemeenten; regionale afstemming kwam laat.",
        "lessons": "Stem een branche-aanpak regionaal af, vanaf de start.",
        "costs": "Analisten RIEC (1 fte) en zes controledagen.",
        "status": "afgerond",
        "evidence": "goed-beschreven",
        "assessed": "2025-02-28",
        "start": "2023-01-01",
        "end": "2024-10-31",
        "contact": {
            "name": "K. Verbeek (fictief)",
            "role": "programmamanager ondermijning",
            "email": "ondermijning@rotterdam.example",
            "phone": "010 000 00 00",
            "consent": False,
        },
        "restricted": "Twee bedrijven zijn onderwerp van een lopend FIOD-onderzoek; noem ze niet buiten het RIEC-overleg.",
        "related": [
            "witwassen-via-goudhandel-en-juweliers-zaanstad",
            "branchegerichte-aanpak-shishalounges-breda",
        ],
    },
    {
        "slug": "huisjesmelkers-en-arbeidsmigranten-emmen",
        "title": "Huisjesmelkers en arbeidsmigranten in Emmen",
        "kind": CASE,
        "municipality": "GM0114",
        "others": ["GM0014"],
        "neighbourhood": "Emmerhout",
        "summary": (
            "Een verhuurder huisvestte arbeidsmigranten met twaalf mensen in een "
            "eengezinswoning. Met registratie, controles en een regionale "
            "huisvestingsafspraak met werkgevers verbeterde de situatie."
        ),
        "problem": (
            "Overbewoning leidde tot brandgevaar en overlast; migranten betaalden huur "
            "via hun loon en konden geen kant op."
        ),
        "approach": [
            "De gemeente voerde een vergunningplicht in voor het verhuren aan meer dan "
            "vier personen en controleerde alle bekende adressen.",
            "Met werkgevers in de regio werden afspraken gemaakt over fatsoenlijke "
            "huisvesting, gescheiden van het arbeidscontract.",
        ],
        "partners": "Gemeente, werkgevers, uitzendbranche, politie en RIEC Noord-Nederland.",
        "partner_types": ["gemeente", "ondernemers", "politie", "riec"],
        "tracks": ["domein-en-gebied", "persoon-en-gezin"],
        "interventions": ["bestuurlijk", "handhaving"],
        "themes": ["vastgoed-en-huisjesmelkers", "mensenhandel-en-uitbuiting"],
        "tags": ["arbeidsmigranten", "overbewoning", "huisvesting"],
        "results": "Overbewoning op 40 adressen beëindigd; werkgevers realiseerden 200 nieuwe plekken.",
        "not_worked": "Boetes alleen hielpen niet; de verhuurder rekende ze door aan de huurders.",
        "lessons": "Koppel handhaving aan een alternatief en spreek de werkgevers aan, niet alleen de verhuurder.",
        "costs": "1 fte toezicht en coördinatie gedurende twee jaar.",
        "status": "afgerond",
        "evidence": "goed-beschreven",
        "assessed": "2024-04-15",
        "start": "2022-02-01",
        "end": "2024-01-31",
        "contact": None,
        "restricted": "",
        "related": [
            "vastgoedscan-malafide-kamerverhuur-groningen",
            "arbeidsuitbuiting-uitzendbureaus-venlo",
        ],
    },
]

# Practices the editors put in the spotlight on the demo home page.
FEATURED = [
    "gebiedsgerichte-aanpak-jeugdgroep-oud-charlois",
    "preventie-met-gezag-jonge-broertjes-en-zusjes",
    "pandenaanpak-witwassen-vastgoed-tilburg",
]
