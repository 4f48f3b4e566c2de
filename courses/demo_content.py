"""Demo content for the course "Sociale media succesvol zakelijk inzetten".

The course follows the MCMT model: the pillars Mensen (people), Content and
Middelen (means), and the limiting factor Tijd (time). All learner-facing text
is Dutch. Lesson bodies are lists of (block_type, value) tuples that map onto
the lesson StreamField; quizzes mix single, multiple and true/false questions.
"""

from __future__ import annotations

COURSE = {
    "title": "Sociale media succesvol zakelijk inzetten",
    "slug": "sociale-media-zakelijk",
    "intro": (
        "<p>Zet sociale media gericht in voor je werk: sterkere relaties met klanten, "
        "collega's en partners, in de tijd die je er echt voor hebt.</p>"
        "<p>Voor veel professionals zijn sociale media nog een bijzaak: iets voor de "
        "marketingafdeling, of iets waar je pas 's avonds aan toekomt. In deze cursus ontdek "
        "je hoe je LinkedIn, Twitter en andere platformen gericht inzet, zonder dat het je "
        "hele werkweek opslokt.</p>"
        "<p>De rode draad is het <b>MCMT-model</b>: drie pijlers, <b>Mensen</b>, "
        "<b>Content</b> en <b>Middelen</b>, plus één beperkende factor, <b>Tijd</b>. Per "
        "pijler volg je korte lessen vol herkenbare praktijkvoorbeelden. Elke les sluit af met "
        "een reflectieopdracht waarmee je de stof direct op je eigen werk toepast, en elke "
        "module eindigt met een toets. Je werkt in je eigen tempo en gaat altijd verder waar "
        "je gebleven was.</p>"
    ),
    "what_you_will_learn": [
        (
            "Je herkent de social business champions in je organisatie en weet hoe je met hen "
            "begint."
        ),
        (
            "Je beschrijft je doelgroep concreet: wie ze zijn, wat hen bezighoudt en waar, "
            "waarom en wanneer ze online zijn."
        ),
        "Je deelt content die echte waarde toevoegt en zo één-op-één relaties versterkt.",
        "Je benut branding, engaging en learning en houdt de bijbehorende risico's klein.",
        (
            "Je kiest per doel het passende middel, van je LinkedIn-profiel tot Yammer en "
            "monitoringtools."
        ),
        (
            "Je houdt informatiestromen in de hand met vaste momenten, lijsten en slimme "
            "meldingsinstellingen."
        ),
    ],
    "instructor_name": "Femke Janssen",
    "instructor_bio": (
        "Femke Janssen is trainer en adviseur op het gebied van zakelijk gebruik van sociale "
        "media. Ze begeleidt al ruim tien jaar teams bij advocatenkantoren, zorginstellingen "
        "en mkb-bedrijven bij hun eerste stappen online. In haar trainingen draait alles om "
        "haalbare gewoonten die passen in een volle werkweek."
    ),
}

MODULES = [
    {
        "pillar": "people",
        "title": "Mensen: de belangrijkste pijler",
        "slug": "mensen",
        "summary": (
            "Sociale media draaien om mensen, niet om techniek. In deze module leer je wie in "
            "je organisatie het voortouw kan nemen, hoe je je doelgroep scherp krijgt en hoe "
            "je ook de sceptici een zinvolle plek geeft."
        ),
        "estimated_minutes": 46,
        "lessons": [
            {
                "title": "Social business champions vinden",
                "slug": "social-business-champions-vinden",
                "estimated_minutes": 12,
                "free_preview": True,
                "summary": (
                    "Ontdek welke collega's de zakelijke kansen van sociale media al zien en "
                    "waarom je juist met hen begint."
                ),
                "body": [
                    (
                        "heading",
                        "Waarom je bij mensen begint",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Zodra een organisatie over sociale media begint, gaat het "
                            "gesprek bijna altijd over platformen. Moeten we op Twitter "
                            "zitten? Hebben we een Facebookpagina nodig? Wie beheert het "
                            "LinkedIn-account? Begrijpelijke vragen, maar ze zetten de zaak op "
                            "zijn kop. Platformen zijn gereedschap. Het verschil wordt gemaakt "
                            "door de mensen die dat gereedschap gebruiken om iets waardevols "
                            "te bieden aan klanten, partners en collega's. In het MCMT-model "
                            "staat <b>Mensen</b> daarom voorop als de belangrijkste pijler.</p>"
                        ),
                    ),
                    (
                        "paragraph",
                        (
                            "<p>In theorie is zakelijk gebruik van sociale media een taak van "
                            "iedereen in de organisatie. In de praktijk is lang niet elke "
                            "collega daar al aan toe. De een ziet het nut nog niet, de ander "
                            "is ronduit sceptisch. Wil je snel en zichtbaar resultaat, stop je "
                            "energie dan eerst in de mensen die de mogelijkheden al begrijpen "
                            "en die hun eigen accounts willen én kunnen inzetten voor de "
                            "doelen van de organisatie. Die collega's noemen we <b>social "
                            "business champions</b>. Elke organisatie heeft ze, ongeacht de "
                            "omvang of het vakgebied.</p>"
                        ),
                    ),
                    (
                        "heading",
                        "Waaraan herken je een champion?",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Je zou geneigd zijn de collega te kiezen die de hele dag "
                            "tweet. Toch is fanatiek gebruik niet het doorslaggevende kenmerk: "
                            "hoe een platform werkt, leer je iemand in een middag. Let liever "
                            "op gedrag en houding:</p><ul><li><b>Passie</b>: ze laten online "
                            "merken dat hun vak hen oprecht "
                            "raakt.</li><li><b>Positionering</b>: ze zetten zichzelf op de "
                            "kaart, en daarmee vanzelf ook hun werkgever.</li><li><b>Eigen "
                            "visie</b>: ze combineren nieuws uit hun vakgebied met hun "
                            "persoonlijke kijk erop.</li><li><b>Wederkerigheid</b>: ze helpen "
                            "anderen, en krijgen daar op den duur hulp voor "
                            "terug.</li><li><b>Lef</b>: ze kijken graag verder dan hun eigen "
                            "afdeling of team.</li></ul>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "example",
                            "text": (
                                "Een belastingadviseur die zelden tweet, maar op LinkedIn elke "
                                "maand in gewone taal uitlegt wat een nieuwe regeling betekent "
                                "en vragen van lezers geduldig beantwoordt, is een sterkere "
                                "champion dan de collega met duizenden berichten over allerlei "
                                "losse onderwerpen."
                            ),
                        },
                    ),
                    (
                        "heading",
                        "Zo zet je de eerste stap",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Maak een korte lijst van vijf tot tien collega's die in dit "
                            "profiel passen. Nodig ze uit voor een informeel gesprek: wat doen "
                            "ze al, wat levert het op en waar lopen ze tegenaan? Geef hun "
                            "inzet zichtbaar erkenning en vraag hen hun ervaringen te delen "
                            "met anderen. Zo ontstaat een kleine kern die de rest van de "
                            "organisatie vanzelf meetrekt.</p>"
                        ),
                    ),
                    (
                        "takeaways",
                        [
                            (
                                "In het MCMT-model zijn mensen de belangrijkste pijler; "
                                "platformen zijn slechts gereedschap."
                            ),
                            (
                                "Champions herken je aan passie, positionering, een eigen "
                                "visie, behulpzaamheid en de bereidheid om over grenzen te "
                                "kijken."
                            ),
                            (
                                "Begin bij wie de kansen al ziet: de techniek is voor iedereen "
                                "aan te leren."
                            ),
                        ],
                    ),
                    (
                        "reflection",
                        {
                            "question": (
                                "Welke drie collega's in jouw organisatie passen bij het "
                                "profiel van een social business champion, en waarom juist zij?"
                            ),
                            "guidance": (
                                "Kijk niet naar het aantal volgers, maar naar gedrag: wie "
                                "deelt kennis, helpt anderen en laat een eigen geluid horen? "
                                "Noteer per persoon een concreet voorbeeld en bedenk hoe je "
                                "hem of haar deze week kunt benaderen."
                            ),
                        },
                    ),
                ],
            },
            {
                "title": "Je doelgroep scherp krijgen",
                "slug": "doelgroep-scherp-krijgen",
                "estimated_minutes": 12,
                "free_preview": False,
                "summary": (
                    "Beschrijf je doelgroep zo precies mogelijk aan de hand van vijf vragen: "
                    "wie, wat, waar, waarom en wanneer."
                ),
                "body": [
                    (
                        "heading",
                        "Vier groepen om rekening mee te houden",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Champions bouwen online relaties op met mensen die belangrijk "
                            "zijn voor jouw organisatie. Wie dat precies zijn, hangt af van "
                            "het doel dat je nastreeft. Grofweg onderscheiden we vier "
                            "groepen:</p><ul><li>huidige collega's en partners met wie je al "
                            "samenwerkt;</li><li>toekomstige collega's en partners, zoals "
                            "kandidaten voor een vacature;</li><li>bestaande "
                            "klanten;</li><li>potentiële klanten.</li></ul><p>Een recruiter "
                            "die jonge ingenieurs zoekt, spreekt een heel andere groep aan dan "
                            "een accountmanager die vaste klanten wil behouden. Bepaal daarom "
                            "eerst je doel en kies pas daarna de groep die daarbij hoort.</p>"
                        ),
                    ),
                    (
                        "heading",
                        "Vijf vragen die je doelgroep concreet maken",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>'Iedereen in de zorg' of 'het mkb' is geen doelgroep, maar een "
                            "markt. Hoe preciezer je weet voor wie je schrijft, hoe "
                            "waardevoller je bijdragen worden. Beantwoord daarom de volgende "
                            "vragen zo specifiek als je kunt:</p><ol><li><b>Wie</b> zijn ze? "
                            "Denk aan leeftijd, functie, sector, regio en "
                            "opleiding.</li><li><b>Wat</b> houdt hen bezig? Welke vragen, "
                            "zorgen en ambities spelen er in hun dagelijks "
                            "werk?</li><li><b>Waar</b> zijn ze online te vinden? Op LinkedIn, "
                            "Twitter of Facebook, in vakgroepen of juist op "
                            "blogs?</li><li><b>Waarom</b> zijn ze daar? Om bij te leren, te "
                            "netwerken, een nieuwe baan te vinden of inspiratie op te "
                            "doen?</li><li><b>Wanneer</b> zijn ze actief? Tijdens kantooruren, "
                            "'s avonds, in het weekend, of vooral rond beurzen en "
                            "deadlines?</li></ol>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "tip",
                            "text": (
                                "Giet je antwoorden in een persona: een fictieve maar "
                                "realistische persoon met een naam, een functie en een paar "
                                "typische vragen. Hang die beschrijving op een zichtbare plek "
                                "en vraag je bij elk bericht af of 'Ingrid, inkoper bij een "
                                "middelgrote zorginstelling' er iets aan heeft."
                            ),
                        },
                    ),
                    (
                        "heading",
                        "Van antwoorden naar keuzes",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Je antwoorden sturen alle beslissingen die volgen. Zit je "
                            "doelgroep vooral op LinkedIn tijdens werktijd, dan heeft een "
                            "avondactie op Facebook weinig zin. Worstelen ze met nieuwe "
                            "wetgeving, dan is een heldere uitleg meer waard dan een glimmende "
                            "productfolder. En blijkt dat ze vooral op maandagochtend hun "
                            "berichten lezen, dan plan je je belangrijkste bijdrage niet op "
                            "vrijdagmiddag.</p><p>Pas wanneer je zowel de mensen in je eigen "
                            "organisatie als de mensen die je wilt bereiken goed kent, kun je "
                            "social business met succes uitrollen. De doelgroepbeschrijving is "
                            "geen eenmalige exercitie: leg haar elk halfjaar opnieuw naast wat "
                            "je in de praktijk ziet.</p>"
                        ),
                    ),
                    (
                        "takeaways",
                        [
                            (
                                "Er zijn vier doelgroepen: (toekomstige) collega's en partners "
                                "en (potentiële) klanten."
                            ),
                            "Kies eerst je doel en pas daarna de groep die daarbij past.",
                            (
                                "Wie, wat, waar, waarom en wanneer maken een vage markt tot "
                                "een concrete doelgroep."
                            ),
                            (
                                "Een persona helpt je om bij elk bericht de lezer voor ogen te "
                                "houden."
                            ),
                        ],
                    ),
                    (
                        "reflection",
                        {
                            "question": (
                                "Voor welke van de vier doelgroepen wil jij de komende drie "
                                "maanden het meest betekenen, en hoe beantwoord je voor die "
                                "groep de vijf vragen?"
                            ),
                            "guidance": (
                                "Schrijf per vraag minstens twee concrete antwoorden op. Weet "
                                "je iets niet zeker, vraag het dan na bij een collega met veel "
                                "klantcontact of kijk op de profielen van een paar mensen uit "
                                "die groep. Markeer de antwoorden die je verrasten."
                            ),
                        },
                    ),
                ],
            },
            {
                "title": "Draagvlak bouwen en tegenstanders een rol geven",
                "slug": "draagvlak-en-tegenstanders",
                "estimated_minutes": 12,
                "free_preview": False,
                "summary": (
                    "Zorg voor steun van de leiding, een goede infrastructuur, stimulering en "
                    "samenwerking, en betrek ook de sceptici op een manier die bij hen past."
                ),
                "body": [
                    (
                        "heading",
                        "Een onderschat potentieel",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Als je vraagt wat het merk van een organisatie is, noemen de "
                            "meeste mensen het product of de dienst. De medewerkers worden "
                            "vaak vergeten, terwijl zij een enorme rol kunnen spelen. "
                            "Onderzoek laat zien dat 88 procent van de werknemers sociale "
                            "media gebruikt om privé contact te houden met vrienden en "
                            "bekenden. Van die groep vertelt 55 procent daar geregeld over het "
                            "eigen werk of over de werkgever. Dat is een groot en grotendeels "
                            "onbenut bereik, zeker omdat het online vooral gaat om relaties en "
                            "nieuws, niet om verkooppraatjes.</p>"
                        ),
                    ),
                    (
                        "heading",
                        "Vier voorwaarden voor draagvlak",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Medewerkers komen alleen in beweging als een paar zaken goed "
                            "geregeld zijn:</p><ul><li><b>Steun van de leiding.</b> Zonder "
                            "budget en zichtbare betrokkenheid van het management blijft het "
                            "een hobby van de marketingafdeling. Maar ook collega's onderling "
                            "moeten elkaar helpen, al is het maar door uit te leggen hoe iets "
                            "werkt.</li><li><b>De juiste infrastructuur.</b> Wie zoekt en "
                            "niets vindt, haakt af. Zorg voor trainingen, bruikbare content, "
                            "duidelijke informatiestromen en afspraken die houvast "
                            "geven.</li><li><b>Stimulering.</b> Iets opdragen is wat anders "
                            "dan mensen enthousiast maken. Wijs twee of meer collega's aan die "
                            "tips delen, successen vieren en fouten bespreekbaar maken zonder "
                            "iemand aan te wijzen als schuldige.</li><li><b>Samenwerking.</b> "
                            "Sociale media zijn niet het terrein van één afdeling. Breek de "
                            "muren tussen afdelingen af en deel kennis over het product, de "
                            "markt en de mensen.</li></ul>"
                        ),
                    ),
                    (
                        "heading",
                        "Wat doe je met sociale tegenwerkers?",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Er zijn altijd collega's die er niets in zien. Ze vrezen "
                            "controleverlies, vinden dat hun kennis van hen is, of durven de "
                            "verandering simpelweg niet aan. Het is een illusie dat iedereen "
                            "vanzelf een actieve sociale medewerker wordt. Dwing deze mensen "
                            "dus niet achter een account. Geef ze een ondersteunende rol die "
                            "wel bij hen past: vakinhoud controleren, verhalen uit de praktijk "
                            "aanleveren, feedback geven op een conceptartikel of klantvragen "
                            "doorspelen. Zo dragen ook de sceptici bij aan het verzamelen en "
                            "verspreiden van kennis, en verdwijnt hun weerstand vaak "
                            "ongemerkt.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "text": (
                                "Verplichten werkt averechts. Een directie die eist dat "
                                "iedereen wekelijks iets plaatst, krijgt geforceerde berichten "
                                "en meer weerstand. Nodig uit, faciliteer en laat de eerste "
                                "successen voor zich spreken."
                            ),
                        },
                    ),
                    (
                        "takeaways",
                        [
                            (
                                "Medewerkers die al over hun werk praten, vormen een groot en "
                                "vaak onbenut bereik."
                            ),
                            (
                                "Draagvlak vraagt om steun van de leiding, infrastructuur, "
                                "stimulering en samenwerking tussen afdelingen."
                            ),
                            (
                                "Sceptici hoef je niet te bekeren: een ondersteunende rol "
                                "levert meer op dan dwang."
                            ),
                        ],
                    ),
                    (
                        "reflection",
                        {
                            "question": (
                                "Welke van de vier voorwaarden voor draagvlak is in jouw "
                                "organisatie het zwakst, en welke kleine stap kun je zetten om "
                                "daar verandering in te brengen?"
                            ),
                            "guidance": (
                                "Wees eerlijk en concreet. Denk aan één gesprek, één afspraak "
                                "of één initiatief dat binnen een maand haalbaar is. Bedenk "
                                "ook welke sceptische collega je een passende ondersteunende "
                                "rol zou kunnen geven."
                            ),
                        },
                    ),
                ],
            },
        ],
        "quiz": {
            "title": "Toets: Mensen",
            "intro": (
                "Test of je weet wie het verschil maakt bij zakelijk gebruik van sociale "
                "media. Je hebt 70 procent goede antwoorden nodig om de toets te halen."
            ),
            "pass_mark": 70,
            "questions": [
                {
                    "kind": "single",
                    "text": (
                        "Wat is volgens deze module het belangrijkste kenmerk van een social "
                        "business champion?"
                    ),
                    "explanation": (
                        "Hoe een platform werkt, kun je iedereen leren. Wat een champion "
                        "onderscheidt, is de manier waarop hij of zij online passie toont, een "
                        "eigen visie deelt en anderen helpt."
                    ),
                    "choices": [
                        {
                            "text": "Iemand die de meeste volgers van de organisatie heeft",
                            "correct": False,
                        },
                        {
                            "text": (
                                "Iemand die online passie, een eigen visie en behulpzaamheid "
                                "laat zien"
                            ),
                            "correct": True,
                        },
                        {
                            "text": "Iemand die op de communicatieafdeling werkt",
                            "correct": False,
                        },
                        {
                            "text": "Iemand die dagelijks op elk platform actief is",
                            "correct": False,
                        },
                    ],
                },
                {
                    "kind": "multiple",
                    "text": (
                        "Welke groepen horen bij de vier doelgroepen uit deze module? Kies "
                        "alle juiste antwoorden."
                    ),
                    "explanation": (
                        "De vier doelgroepen zijn huidige en toekomstige collega's en "
                        "partners, bestaande klanten en potentiële klanten. Journalisten en "
                        "concurrenten kunnen meelezen, maar vormen geen aparte doelgroep in "
                        "dit model."
                    ),
                    "choices": [
                        {
                            "text": "Toekomstige collega's en partners",
                            "correct": True,
                        },
                        {
                            "text": "Bestaande klanten",
                            "correct": True,
                        },
                        {
                            "text": "Potentiële klanten",
                            "correct": True,
                        },
                        {
                            "text": "Concurrenten",
                            "correct": False,
                        },
                        {
                            "text": "Journalisten",
                            "correct": False,
                        },
                    ],
                },
                {
                    "kind": "true_false",
                    "text": (
                        "Het is verstandig om sceptische collega's te verplichten een zakelijk "
                        "account aan te maken, zodat iedereen meedoet."
                    ),
                    "explanation": (
                        "Dwang leidt tot geforceerde berichten en meer weerstand. Sceptici "
                        "dragen meer bij met een ondersteunende rol, bijvoorbeeld door "
                        "vakinhoud aan te leveren of te controleren."
                    ),
                    "choices": [
                        {
                            "text": "Waar",
                            "correct": False,
                        },
                        {
                            "text": "Niet waar",
                            "correct": True,
                        },
                    ],
                },
                {
                    "kind": "single",
                    "text": (
                        "Welke vraag hoort NIET bij de vijf vragen waarmee je je doelgroep "
                        "scherp krijgt?"
                    ),
                    "explanation": (
                        "De vijf vragen zijn wie, wat, waar, waarom en wanneer. Hoeveel een "
                        "bericht mag kosten is een budgetvraag en zegt niets over wie je "
                        "lezers zijn."
                    ),
                    "choices": [
                        {
                            "text": "Waar bevinden ze zich online?",
                            "correct": False,
                        },
                        {
                            "text": "Wat houdt hen bezig?",
                            "correct": False,
                        },
                        {
                            "text": "Hoeveel mag een bericht kosten?",
                            "correct": True,
                        },
                        {
                            "text": "Wanneer zijn ze actief?",
                            "correct": False,
                        },
                    ],
                },
                {
                    "kind": "multiple",
                    "text": (
                        "Welke voorwaarden zijn nodig om draagvlak te krijgen voor zakelijk "
                        "gebruik van sociale media? Kies alle juiste antwoorden."
                    ),
                    "explanation": (
                        "Steun van de leiding, de juiste infrastructuur, stimulering en "
                        "samenwerking over afdelingsgrenzen heen vormen samen de basis. Een "
                        "strikte verplichting of een enkel centraal account werkt juist "
                        "remmend."
                    ),
                    "choices": [
                        {
                            "text": "Zichtbare steun van de leiding",
                            "correct": True,
                        },
                        {
                            "text": "Samenwerking tussen afdelingen",
                            "correct": True,
                        },
                        {
                            "text": "Collega's die tips, successen en fouten delen",
                            "correct": True,
                        },
                        {
                            "text": "Een wekelijkse verplichting om iets te plaatsen",
                            "correct": False,
                        },
                        {
                            "text": "Eén centraal account dat alleen marketing beheert",
                            "correct": False,
                        },
                    ],
                },
                {
                    "kind": "true_false",
                    "text": (
                        "Van de medewerkers die sociale media privé gebruiken, praat ruim de "
                        "helft daar regelmatig over het eigen werk of de werkgever."
                    ),
                    "explanation": (
                        "Het onderzoek uit de les noemt 55 procent. Dat laat zien hoeveel "
                        "bereik er al bij medewerkers ligt, ook zonder officieel programma."
                    ),
                    "choices": [
                        {
                            "text": "Waar",
                            "correct": True,
                        },
                        {
                            "text": "Niet waar",
                            "correct": False,
                        },
                    ],
                },
            ],
        },
    },
    {
        "pillar": "content",
        "title": "Content: waarde bieden die relaties versterkt",
        "slug": "content",
        "summary": (
            "Online ontstaan relaties doordat je iets van waarde te bieden hebt. In deze "
            "module leer je hoe je kennis verzamelt, bewerkt en deelt, welke drie waarden "
            "sociale media opleveren en hoe je de risico's daarvan beheerst."
        ),
        "estimated_minutes": 46,
        "lessons": [
            {
                "title": "Waarom waardevolle informatie relaties bouwt",
                "slug": "waardevolle-informatie-bouwt-relaties",
                "estimated_minutes": 12,
                "free_preview": False,
                "summary": (
                    "Leer waarom content de brandstof is voor online relaties en hoe "
                    "organisaties kennis delen om waarde te creëren."
                ),
                "body": [
                    (
                        "heading",
                        "Relaties hebben brandstof nodig",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Sociale media zijn bij uitstek geschikt om persoonlijke, "
                            "één-op-één relaties aan te knopen en warm te houden. Maar een "
                            "relatie ontstaat niet vanzelf. Net als bij een eerste "
                            "kennismaking op een congres heb je iets nodig dat de ander "
                            "interesseert. Online is dat informatie: een artikel, een "
                            "praktische tip, een foto van een project, een kort filmpje. Die "
                            "waardevolle informatie noemen we <b>content</b>, en het is de "
                            "tweede pijler van het MCMT-model.</p>"
                        ),
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Het woord 'waardevol' is daarbij cruciaal. Een bericht dat "
                            "alleen je eigen product aanprijst, voegt voor de lezer weinig "
                            "toe. Een bericht dat een vraag van de lezer beantwoordt of een "
                            "probleem helpt oplossen, wordt onthouden en gedeeld. Daarom bouwt "
                            "content voort op de doelgroepkennis uit de module Mensen: pas als "
                            "je weet wat je lezer bezighoudt, weet je wat voor hem of haar "
                            "waarde heeft.</p>"
                        ),
                    ),
                    (
                        "heading",
                        "Verzamelen, aanpassen, verrijken en verspreiden",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Je hoeft niet alles zelf te bedenken. Sociale media lenen zich "
                            "voor vier bewerkingen van content:</p><ol><li><b>Verzamelen</b>: "
                            "je volgt bronnen en collega's en bewaart wat bruikbaar "
                            "is.</li><li><b>Aanpassen</b>: je maakt het passend voor jouw "
                            "doelgroep, bijvoorbeeld korter of in eenvoudiger "
                            "taal.</li><li><b>Verrijken</b>: je voegt je eigen ervaring, een "
                            "voorbeeld of een kritische kanttekening "
                            "toe.</li><li><b>Verspreiden</b>: je deelt het via de kanalen waar "
                            "je doelgroep zich bevindt.</li></ol>"
                        ),
                    ),
                    (
                        "heading",
                        "Kennis is geen macht meer",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Lange tijd gold dat wie kennis had, die beter voor zichzelf "
                            "kon houden. Steeds meer organisaties draaien dat om. Een "
                            "advocatenkantoor in Arnhem laat zijn juristen hun kennis juist "
                            "openlijk delen: zij schrijven samen zo'n 1.000 artikelen per jaar "
                            "voor de eigen website. Dat levert bestaande en nieuwe cliënten "
                            "direct bruikbare inzichten op en maakt het kantoor tot een "
                            "vanzelfsprekend aanspreekpunt.</p><p>Ook werving profiteert. Het "
                            "recruitmentteam van een groot adviesbureau bundelde wat eigen "
                            "medewerkers online deelden, van blogartikelen en tweets tot "
                            "foto's en filmpjes, en liet kandidaten zo een eerlijk beeld zien "
                            "van het werk achter de schermen. De kosten per aanname daalden "
                            "daardoor met 60 procent.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "example",
                            "text": (
                                "Een installatiebedrijf vraagt monteurs om na een bijzondere "
                                "klus een foto en twee zinnen uitleg te sturen. Marketing "
                                "verrijkt dat materiaal tot korte praktijkverhalen, die zowel "
                                "klanten als toekomstige collega's aanspreken."
                            ),
                        },
                    ),
                    (
                        "takeaways",
                        [
                            ("Online relaties groeien pas als je iets van waarde te bieden hebt."),
                            (
                                "Content kun je verzamelen, aanpassen, verrijken en "
                                "verspreiden; je hoeft niet alles zelf te maken."
                            ),
                            (
                                "Kennis delen in plaats van afschermen maakt een organisatie "
                                "aantrekkelijker voor klanten en kandidaten."
                            ),
                        ],
                    ),
                    (
                        "reflection",
                        {
                            "question": (
                                "Welke kennis heeft jouw team in huis die voor je doelgroep "
                                "waardevol is, maar die nu nog nergens wordt gedeeld?"
                            ),
                            "guidance": (
                                "Denk aan veelgestelde vragen van klanten, lessen uit recente "
                                "projecten of kennis die nu alleen in e-mails en hoofden zit. "
                                "Kies één onderwerp en bedenk via welke van de vier "
                                "bewerkingen je het snel online kunt brengen."
                            ),
                        },
                    ),
                ],
            },
            {
                "title": "Branding, engaging en learning",
                "slug": "branding-engaging-learning",
                "estimated_minutes": 12,
                "free_preview": False,
                "summary": (
                    "Maak kennis met de drie belangrijkste waarden van sociale media: werken "
                    "aan je merk, betrokkenheid tonen en informeel leren."
                ),
                "body": [
                    (
                        "heading",
                        "Waarom waarde het startpunt is",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Zolang mensen niet zien wat iets hen oplevert, verdiepen ze "
                            "zich er niet in. Daarom helpt het om de opbrengst van sociale "
                            "media concreet te maken. We onderscheiden drie waarden: "
                            "<b>branding</b>, <b>engaging</b> en <b>learning</b>. Ze gelden "
                            "zowel voor jou als professional als voor je organisatie.</p>"
                        ),
                    ),
                    (
                        "heading",
                        "Branding: bouwen aan je persoonlijke merk",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Via sociale media laat je zien wie je bent en waar je goed in "
                            "bent, binnen en buiten je organisatie. Dat kost weinig geld en "
                            "levert veel op. Een blog is een sterk voorbeeld: je koppelt "
                            "specifieke kennis aan je naam en gezicht, zodat lezers onthouden "
                            "dat jij de expert bent. Een persoonlijke noot mag best, zoals een "
                            "hobby in je profiel of een bericht over een hardloopwedstrijd. "
                            "Daardoor krijgen mensen het gevoel dat ze je kennen, en niet "
                            "alleen weten wat je doet. Blijf wel authentiek, en bepaal vooraf "
                            "wie je wilt bereiken en wat je wilt vertellen.</p>"
                        ),
                    ),
                    (
                        "heading",
                        "Engaging: luisteren en in gesprek gaan",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Sociale media zijn geen megafoon. Wie alleen zendt, mist de "
                            "kern. Door te luisteren, te reageren en vragen te stellen, laat "
                            "je merken dat je oprecht om je netwerk geeft en versterk je "
                            "bestaande relaties. Voor leidinggevenden is dit extra "
                            "interessant: door medewerkers online te betrekken bij plannen en "
                            "besluiten, groeit het draagvlak voor veranderingen en voelen "
                            "mensen zich gehoord.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "tip",
                            "text": (
                                "LinkedIn laat zien wanneer iemand in je netwerk van baan of "
                                "functie wisselt. Een kort, persoonlijk felicitatiebericht "
                                "kost je een minuut en wordt vaak langer onthouden dan een "
                                "uitgebreide nieuwsbrief."
                            ),
                        },
                    ),
                    (
                        "heading",
                        "Learning: leren in de praktijk",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Naar schatting leren we zo'n 80 procent van wat we weten "
                            "informeel, op en rond het werk. Slechts 20 procent komt uit "
                            "formele trainingen en cursussen. Sociale media passen perfect bij "
                            "die informele kant. In LinkedIn-groepen wisselen vakgenoten rond "
                            "een thema of product tips en nieuwe ontwikkelingen uit. En onder "
                            "een goed blogartikel vullen lezers de inhoud vaak aan met eigen "
                            "ervaringen of kritische vragen, waardoor schrijver én lezer er "
                            "meer van leren dan het oorspronkelijke stuk alleen bood.</p>"
                        ),
                    ),
                    (
                        "takeaways",
                        [
                            (
                                "Branding: je koppelt je kennis aan je naam en gezicht, met "
                                "authenticiteit als basis."
                            ),
                            "Engaging: luisteren en reageren versterkt relaties en draagvlak.",
                            (
                                "Learning: sociale media ondersteunen het informele leren dat "
                                "het grootste deel van onze ontwikkeling uitmaakt."
                            ),
                        ],
                    ),
                    (
                        "reflection",
                        {
                            "question": (
                                "Welke van de drie waarden levert voor jou op dit moment de "
                                "meeste winst op, en wat zou je daar deze maand concreet voor "
                                "kunnen doen?"
                            ),
                            "guidance": (
                                "Kies één waarde en koppel er een kleine, meetbare actie aan. "
                                "Bijvoorbeeld: twee keer per week een bericht in je netwerk "
                                "inhoudelijk beantwoorden, of lid worden van één "
                                "LinkedIn-groep in je vakgebied en daar één vraag stellen."
                            ),
                        },
                    ),
                ],
            },
            {
                "title": "De risico's kennen en beheersen",
                "slug": "risicos-kennen-en-beheersen",
                "estimated_minutes": 12,
                "free_preview": False,
                "summary": (
                    "Ontdek welke keerzijde elke waarde van sociale media heeft en hoe je die "
                    "risico's verantwoord klein houdt."
                ),
                "body": [
                    (
                        "heading",
                        "Kansen met een keerzijde",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Sociale media zijn open, wereldwijd, transparant, weinig "
                            "hiërarchisch en razendsnel. Juist die eigenschappen maken ze "
                            "krachtig, maar ze brengen ook risico's met zich mee. Wie de "
                            "risico's kent, kan ze grotendeels voorkomen. En voor sceptische "
                            "collega's is een eerlijk verhaal over de nadelen vaak "
                            "overtuigender dan een verhaal waarin alles rooskleurig is. Bij "
                            "elk van de drie waarden uit de vorige les hoort een eigen "
                            "risico.</p>"
                        ),
                    ),
                    (
                        "heading",
                        "Drie risico's naast elkaar",
                    ),
                    (
                        "paragraph",
                        (
                            "<p><b>Branding: wat online staat, blijft online.</b> Een te "
                            "snelle reactie onder een artikel of een privébericht dat door een "
                            "verkeerde klik toch openbaar wordt, krijg je zelden helemaal weg. "
                            "Screenshots zijn zo gemaakt.</p><p><b>Engaging: het "
                            "big-brothergevoel.</b> Wanneer een leidinggevende te nadrukkelijk "
                            "meekijkt en overal op reageert, kunnen medewerkers het gevoel "
                            "krijgen dat ze voortdurend gecontroleerd worden. Bovendien is het "
                            "niet bij elk besluit wenselijk om iedereen te "
                            "betrekken.</p><p><b>Learning: te veel informatie en openbare "
                            "kritiek.</b> Sommige mensen raken overweldigd door de stroom "
                            "berichten en behandelen hun tijdlijn als een inbox die leeg moet. "
                            "Daarnaast kan kritiek in het openbaar, terecht of niet, een "
                            "negatief beeld geven van je kennis of je organisatie.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "text": (
                                "Twijfel je over een bericht? Lees het dan nog één keer alsof "
                                "het morgen op de voorpagina van een krant staat, met je naam "
                                "en die van je werkgever erbij. Voelt dat ongemakkelijk, "
                                "plaats het dan niet."
                            ),
                        },
                    ),
                    (
                        "heading",
                        "Zo houd je de risico's klein",
                    ),
                    (
                        "paragraph",
                        (
                            "<ul><li>Denk eerst na over je doelgroep en je boodschap, en pas "
                            "daarna over de formulering.</li><li>Spreek als team af welke "
                            "onderwerpen intern blijven, bijvoorbeeld in een besloten "
                            "groep.</li><li>Leidinggevenden: nodig uit tot meedenken, maar "
                            "reageer niet op elk bericht en respecteer "
                            "privégebruik.</li><li>Bepaal vooraf hoe je omgaat met kritiek: "
                            "reageer snel, inhoudelijk en rustig, en verplaats een complexe "
                            "discussie zo nodig naar een persoonlijk gesprek.</li><li>Het "
                            "informatierisico pak je aan in de module Tijd, met lijsten, "
                            "filters en vaste momenten.</li></ul>"
                        ),
                    ),
                    (
                        "takeaways",
                        [
                            (
                                "Bij branding hoort het risico dat wat online staat nooit "
                                "helemaal verdwijnt."
                            ),
                            "Bij engaging hoort het risico van een big-brothergevoel.",
                            "Bij learning horen informatie-overload en openbare kritiek.",
                            (
                                "Met heldere afspraken en een rustige reactie op kritiek "
                                "beperk je de meeste risico's."
                            ),
                        ],
                    ),
                    (
                        "reflection",
                        {
                            "question": (
                                "Welk van de drie risico's houdt jou of je collega's het meest "
                                "tegen, en welke afspraak zou dat risico merkbaar kleiner "
                                "maken?"
                            ),
                            "guidance": (
                                "Formuleer de afspraak zo concreet dat iedereen hem begrijpt, "
                                "bijvoorbeeld: 'klantnamen noemen we alleen met toestemming'. "
                                "Bespreek je voorstel met één collega om te toetsen of het "
                                "werkbaar is."
                            ),
                        },
                    ),
                ],
            },
        ],
        "quiz": {
            "title": "Toets: Content",
            "intro": (
                "Controleer of je weet waarom content het hart van online relaties is en welke "
                "kansen en risico's erbij horen. Met 70 procent goede antwoorden ben je "
                "geslaagd."
            ),
            "pass_mark": 70,
            "questions": [
                {
                    "kind": "single",
                    "text": (
                        "Waarom is content zo belangrijk bij zakelijk gebruik van sociale media?"
                    ),
                    "explanation": (
                        "Een online relatie ontstaat pas als je de ander iets waardevols te "
                        "bieden hebt. Content is die waarde; het aantal berichten of de "
                        "vormgeving is daaraan ondergeschikt."
                    ),
                    "choices": [
                        {
                            "text": "Omdat platformen accounts zonder berichten verwijderen",
                            "correct": False,
                        },
                        {
                            "text": (
                                "Omdat waardevolle informatie de basis is voor één-op-één relaties"
                            ),
                            "correct": True,
                        },
                        {
                            "text": "Omdat veel berichten altijd tot meer omzet leiden",
                            "correct": False,
                        },
                    ],
                },
                {
                    "kind": "multiple",
                    "text": (
                        "Welke bewerkingen van content noemt deze module? Kies alle juiste "
                        "antwoorden."
                    ),
                    "explanation": (
                        "De vier bewerkingen zijn verzamelen, aanpassen, verrijken en "
                        "verspreiden: samen maken ze van losse informatie iets waardevols voor "
                        "je doelgroep. Kopiëren zonder bronvermelding hoort daar uitdrukkelijk "
                        "niet bij."
                    ),
                    "choices": [
                        {
                            "text": "Verzamelen",
                            "correct": True,
                        },
                        {
                            "text": "Verrijken",
                            "correct": True,
                        },
                        {
                            "text": "Verspreiden",
                            "correct": True,
                        },
                        {
                            "text": "Aanpassen",
                            "correct": True,
                        },
                        {
                            "text": "Kopiëren zonder bronvermelding",
                            "correct": False,
                        },
                    ],
                },
                {
                    "kind": "single",
                    "text": (
                        "Welk resultaat behaalde het recruitmentteam dat content van eigen "
                        "medewerkers verzamelde?"
                    ),
                    "explanation": (
                        "Door kandidaten met echte verhalen en beelden van medewerkers een "
                        "eerlijk beeld te geven, daalden de kosten per aanname met 60 procent."
                    ),
                    "choices": [
                        {
                            "text": "Twee keer zoveel sollicitaties per vacature",
                            "correct": False,
                        },
                        {
                            "text": "Een daling van de kosten per aanname met 60 procent",
                            "correct": True,
                        },
                        {
                            "text": "Geen verloop meer in het eerste jaar",
                            "correct": False,
                        },
                        {
                            "text": "1.000 nieuwe medewerkers per jaar",
                            "correct": False,
                        },
                    ],
                },
                {
                    "kind": "true_false",
                    "text": (
                        "Ongeveer 80 procent van wat we leren, leren we tijdens formele "
                        "trainingen en cursussen."
                    ),
                    "explanation": (
                        "Het is precies andersom: ongeveer 80 procent van het leren gebeurt "
                        "informeel, op en rond het werk, en zo'n 20 procent in formele "
                        "settings."
                    ),
                    "choices": [
                        {
                            "text": "Waar",
                            "correct": False,
                        },
                        {
                            "text": "Niet waar",
                            "correct": True,
                        },
                    ],
                },
                {
                    "kind": "multiple",
                    "text": (
                        "Welke combinaties van waarde en risico zijn juist? Kies alle juiste "
                        "antwoorden."
                    ),
                    "explanation": (
                        "Bij branding hoort het risico dat online informatie blijft bestaan, "
                        "bij engaging het big-brothergevoel en bij learning "
                        "informatie-overload en openbare kritiek. De andere combinaties zijn "
                        "verwisseld."
                    ),
                    "choices": [
                        {
                            "text": "Branding: wat online staat, blijft online",
                            "correct": True,
                        },
                        {
                            "text": "Engaging: een big-brothergevoel bij medewerkers",
                            "correct": True,
                        },
                        {
                            "text": "Learning: informatie-overload en openbare kritiek",
                            "correct": True,
                        },
                        {
                            "text": "Branding: medewerkers voelen zich gecontroleerd",
                            "correct": False,
                        },
                    ],
                },
                {
                    "kind": "true_false",
                    "text": (
                        "Een persoonlijk felicitatiebericht aan een contact met een nieuwe "
                        "baan is een voorbeeld van engaging."
                    ),
                    "explanation": (
                        "Door te reageren op wat er in je netwerk gebeurt, laat je "
                        "betrokkenheid zien en versterk je een bestaande relatie. Dat is de "
                        "kern van engaging."
                    ),
                    "choices": [
                        {
                            "text": "Waar",
                            "correct": True,
                        },
                        {
                            "text": "Niet waar",
                            "correct": False,
                        },
                    ],
                },
            ],
        },
    },
    {
        "pillar": "means",
        "title": "Middelen: het juiste gereedschap kiezen",
        "slug": "middelen",
        "summary": (
            "Sociale media zijn middelen, geen doel. In deze module leer je je "
            "LinkedIn-profiel als visitekaartje in te richten, per platform de juiste rol te "
            "kiezen en met monitoring, meten en heldere afspraken een stevige basis te leggen."
        ),
        "estimated_minutes": 46,
        "lessons": [
            {
                "title": "LinkedIn als visitekaartje",
                "slug": "linkedin-als-visitekaartje",
                "estimated_minutes": 12,
                "free_preview": False,
                "summary": (
                    "Zorg dat je LinkedIn-profiel een sterke eerste indruk maakt en gebruik "
                    "het als basis voor een relevant netwerk."
                ),
                "body": [
                    (
                        "heading",
                        "Je eerste indruk staat online",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Voordat een nieuwe klant, partner of kandidaat je voor het "
                            "eerst ontmoet, zoekt hij of zij je vrijwel zeker even op. Het "
                            "eerste resultaat is dan meestal je LinkedIn-profiel. Geen profiel "
                            "hebben is voor een professional vergelijkbaar met een bedrijf "
                            "zonder website: je bent lastig te vinden en wekt al snel de "
                            "indruk dat je iets te verbergen hebt of niet bij de tijd bent. "
                            "Een verzorgd profiel maakt je vindbaar en benaderbaar, zodat "
                            "niemand voor een gesloten deur staat.</p>"
                        ),
                    ),
                    (
                        "heading",
                        "Een profiel dat voor je werkt",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Een goed profiel hoeft niet lang te zijn, maar wel doordacht. "
                            "Loop deze onderdelen na:</p><ul><li><b>Foto</b>: recent, "
                            "herkenbaar en professioneel, met je gezicht goed in "
                            "beeld.</li><li><b>Kopregel</b>: niet alleen je functietitel, maar "
                            "ook voor wie je wat doet, bijvoorbeeld 'Arbeidsrechtadvocaat voor "
                            "werkgevers in de zorg'.</li><li><b>Samenvatting</b>: een paar "
                            "korte alinea's in de ik-vorm over je expertise, je aanpak en wat "
                            "klanten aan je hebben.</li><li><b>Ervaring</b>: resultaten en "
                            "voorbeelden in plaats van een opsomming van "
                            "taken.</li><li><b>Aanbevelingen</b>: vraag twee of drie tevreden "
                            "klanten of collega's om een korte, specifieke "
                            "aanbeveling.</li><li><b>Contactgegevens</b>: maak het iemand "
                            "makkelijk om je te bereiken.</li></ul>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "tip",
                            "text": (
                                "Bekijk je profiel eens door de ogen van de persona die je in "
                                "de module Mensen hebt gemaakt. Ziet die persoon binnen tien "
                                "seconden waarmee jij hem of haar kunt helpen? Zo niet, "
                                "herschrijf dan eerst je kopregel."
                            ),
                        },
                    ),
                    (
                        "heading",
                        "Van profiel naar netwerk",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Een profiel is het begin, niet het eindpunt. Organisaties die "
                            "hun medewerkers helpen hun persoonlijke LinkedIn-accounts actief "
                            "te gebruiken, zien dat terug in nieuwe opdrachten en omzet. De "
                            "aanpak is steeds vergelijkbaar: eerst het profiel en het netwerk "
                            "op orde brengen, daarna luisteren naar wat (potentiële) klanten "
                            "bezighoudt en vervolgens het gesprek met hen aangaan. Nodig na "
                            "elke ontmoeting de mensen uit met wie je een goed gesprek had, "
                            "altijd met een persoonlijk bericht. Sluit je aan bij een of twee "
                            "groepen waarin je doelgroep actief is en deel daar af en toe iets "
                            "bruikbaars.</p>"
                        ),
                    ),
                    (
                        "takeaways",
                        [
                            (
                                "Je LinkedIn-profiel is vaak de eerste indruk die anderen van "
                                "je krijgen."
                            ),
                            (
                                "Geen profiel hebben is als een bedrijf zonder website: je "
                                "bent slecht vindbaar."
                            ),
                            "Een sterke kopregel vertelt voor wie je wat doet.",
                            (
                                "Profiel, netwerk, luisteren en gesprek vormen samen de route "
                                "naar resultaat."
                            ),
                        ],
                    ),
                    (
                        "reflection",
                        {
                            "question": (
                                "Wat zou een potentiële klant denken als hij vandaag jouw "
                                "LinkedIn-profiel bekijkt vlak voor een eerste afspraak?"
                            ),
                            "guidance": (
                                "Open je profiel in een privévenster of vraag een collega om "
                                "mee te kijken. Noteer drie verbeterpunten en plan een halfuur "
                                "in deze week om ten minste de kopregel en de samenvatting aan "
                                "te passen."
                            ),
                        },
                    ),
                ],
            },
            {
                "title": "Twitter, Facebook, blogs en Yammer: elk middel zijn rol",
                "slug": "elk-middel-zijn-rol",
                "estimated_minutes": 12,
                "free_preview": False,
                "summary": (
                    "Vergelijk de belangrijkste platformen en ontdek welke rol elk middel in "
                    "jouw aanpak kan spelen."
                ),
                "body": [
                    (
                        "heading",
                        "Gereedschap kies je bij de klus",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Een timmerman pakt niet voor elke klus dezelfde hamer. Zo "
                            "werkt het ook met sociale media: het middel volgt uit je doel en "
                            "je doelgroep, niet andersom. Een verkenning onder Nederlandse "
                            "professionals uit 2011 liet zien dat Twitter en LinkedIn voor "
                            "zakelijk gebruik veruit het belangrijkst waren. Over Facebook "
                            "waren de meningen het sterkst verdeeld: een deel gebruikte het "
                            "dagelijks, een ander deel helemaal niet. Hyves, destijds populair "
                            "onder consumenten, werd nauwelijks zakelijk ingezet. Blogs en "
                            "meettools waren het terrein van een kleinere, maar zeer actieve "
                            "groep.</p>"
                        ),
                    ),
                    (
                        "heading",
                        "Vier middelen, vier rollen",
                    ),
                    (
                        "paragraph",
                        (
                            "<p><b>Twitter</b> is ideaal om snel op de hoogte te blijven van "
                            "je vakgebied en van wat klanten bezighoudt. Begin niet met "
                            "zenden, maar met volgen: kies relevante accounts en orden ze "
                            "meteen in lijsten, bijvoorbeeld voor klanten, vakmedia en "
                            "collega's. Met een paar minuten per dag ben je dan goed "
                            "bij.</p><p><b>Facebook</b> werkt vooral als je doelgroep er ook "
                            "zakelijk actief is, bijvoorbeeld bij lokale ondernemers of "
                            "consumentenmerken. Toets dat dus eerst aan je "
                            "doelgroepanalyse.</p><p><b>Blogs</b> zijn het fundament voor je "
                            "expertise. Een artikel op je eigen site of op LinkedIn verbindt "
                            "jouw kennis met je naam en gezicht, en je kunt het via alle "
                            "andere kanalen delen.</p><p><b>Yammer</b> is een soort interne "
                            "Twitter voor collega's in een besloten omgeving. Je deelt er vrij "
                            "ideeën en vragen, zonder dat klanten meelezen. Bij een "
                            "verandering kan een manager een besloten groep starten met een "
                            "aantal betrokken medewerkers. Zij denken mee, voelen zich "
                            "medeverantwoordelijk en worden zo vanzelf ambassadeurs van de "
                            "verandering.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "example",
                            "text": (
                                "Een accountmanager volgt op Twitter via een lijst de twintig "
                                "belangrijkste klanten, publiceert eens per maand een blog op "
                                "LinkedIn en bespreekt conceptteksten eerst met collega's in "
                                "een Yammer-groep. Elk middel doet wat het goed kan."
                            ),
                        },
                    ),
                    (
                        "heading",
                        "Minder is vaak meer",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Je hoeft niet overal te zijn. Twee kanalen die je goed "
                            "bijhoudt, leveren meer op dan vijf die half werken. Begin met het "
                            "platform waar je doelgroep het meest aanwezig is en breid pas uit "
                            "als dat een vaste plek in je week heeft gekregen.</p>"
                        ),
                    ),
                    (
                        "takeaways",
                        [
                            "Het middel volgt uit doel en doelgroep, niet andersom.",
                            "Op Twitter begin je met volgen en ordenen in lijsten.",
                            (
                                "Blogs koppelen je kennis aan je naam; Yammer ondersteunt "
                                "besloten samenwerking binnen de organisatie."
                            ),
                            "Twee goed onderhouden kanalen zijn waardevoller dan vijf halve.",
                        ],
                    ),
                    (
                        "reflection",
                        {
                            "question": (
                                "Welke twee middelen passen het best bij jouw doelgroep en "
                                "doel, en welke rol geef je elk van die twee?"
                            ),
                            "guidance": (
                                "Gebruik je antwoorden op de vraag 'waar is mijn doelgroep "
                                "online?' uit de module Mensen. Beschrijf per middel in één "
                                "zin wat je er wel en niet mee doet, zodat je focus houdt."
                            ),
                        },
                    ),
                ],
            },
            {
                "title": "Luisteren, meten en een social fair use policy",
                "slug": "luisteren-meten-fair-use-policy",
                "estimated_minutes": 12,
                "free_preview": False,
                "summary": (
                    "Leer hoe monitoring en analytics je helpen luisteren en bijsturen, en "
                    "waarom een goede infrastructuur met een social fair use policy houvast "
                    "geeft."
                ),
                "body": [
                    (
                        "heading",
                        "Eerst luisteren",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Veel organisaties weten verrassend weinig over hun klanten. Ze "
                            "vertrouwen vooral op enquêtes en persoonlijke gesprekken, terwijl "
                            "klanten op sociale media dagelijks vertellen wat ze vinden. Met "
                            "een <b>monitoringtool</b> vang je die signalen op: je ziet welke "
                            "berichten over je organisatie, producten of vakgebied "
                            "verschijnen. Een grote softwareleverancier ging nog een stap "
                            "verder. Na de lancering van een nieuw besturingssysteem werden "
                            "relevante berichten van klanten op Twitter en Facebook doorgezet "
                            "naar de best passende medewerker, die de klant vanuit het eigen "
                            "account te woord stond. Zo werd een gereedschap het begin van een "
                            "persoonlijk gesprek.</p>"
                        ),
                    ),
                    (
                        "heading",
                        "Dan meten",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Met <b>analytics</b>, zoals Google Analytics of de "
                            "statistieken die platformen zelf bieden, zie je wat je "
                            "inspanningen opleveren. Hoeveel bezoekers komen via LinkedIn op "
                            "je website? Welke artikelen worden het meest gelezen en gedeeld? "
                            "Welke berichten leiden tot een reactie of een afspraak? Kies een "
                            "paar cijfers die bij je doel passen en bekijk ze maandelijks. "
                            "Meten is geen doel op zich, maar helpt je om te stoppen met wat "
                            "niet werkt en meer te doen van wat wel werkt.</p>"
                        ),
                    ),
                    (
                        "heading",
                        "Een infrastructuur die houvast geeft",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Wie zoekend rondloopt, besteedt zijn tijd al snel aan iets "
                            "anders. Zorg daarom voor een goede "
                            "basis:</p><ul><li><b>Trainingen</b>: een eenvoudige "
                            "knoppentraining neemt de onzekerheid weg bij wie nog niet weet "
                            "hoe een platform werkt.</li><li><b>Content en "
                            "informatiestromen</b>: maak duidelijk waar collega's bruikbaar "
                            "materiaal vinden en hoe ze zelf kennis kunnen "
                            "aanleveren.</li><li><b>Een social fair use policy</b>: afspraken "
                            "over verstandig gebruik die vooral vertrouwen en richting "
                            "geven.</li></ul>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "text": (
                                "Een beleid dat alleen uit geboden en verboden bestaat, legt "
                                "mensen het zwijgen op. Schrijf je social fair use policy als "
                                "een handreiking: leg uit waarom iets belangrijk is, geef "
                                "voorbeelden van goed gebruik en vertel bij wie je terechtkunt "
                                "met twijfels."
                            ),
                        },
                    ),
                    (
                        "takeaways",
                        [
                            (
                                "Monitoringtools laten je horen wat klanten zeggen en helpen "
                                "berichten bij de juiste collega te krijgen."
                            ),
                            "Met een paar goed gekozen cijfers zie je wat werkt en wat niet.",
                            (
                                "Trainingen, duidelijke informatiestromen en een social fair "
                                "use policy vormen samen de infrastructuur."
                            ),
                        ],
                    ),
                    (
                        "reflection",
                        {
                            "question": (
                                "Als jouw organisatie morgen een social fair use policy zou "
                                "invoeren, welke drie afspraken zouden er volgens jou zeker in "
                                "moeten staan?"
                            ),
                            "guidance": (
                                "Formuleer elke afspraak positief, als iets wat mensen wel "
                                "kunnen doen, en voeg er een korte uitleg bij waarom de "
                                "afspraak helpt. Vraag je af of een nieuwe collega zich er "
                                "gesteund of juist beperkt door zou voelen."
                            ),
                        },
                    ),
                ],
            },
        ],
        "quiz": {
            "title": "Toets: Middelen",
            "intro": (
                "Test of je weet welk middel waarvoor geschikt is en wat een goede basis voor "
                "zakelijk gebruik inhoudt. Je slaagt met 70 procent goede antwoorden."
            ),
            "pass_mark": 70,
            "questions": [
                {
                    "kind": "true_false",
                    "text": (
                        "Als professional geen LinkedIn-profiel hebben is vergelijkbaar met "
                        "een bedrijf zonder website."
                    ),
                    "explanation": (
                        "Klanten en partners zoeken je vaak op voor een eerste afspraak. "
                        "Zonder profiel ben je slecht vindbaar en mis je de kans op een goede "
                        "eerste indruk."
                    ),
                    "choices": [
                        {
                            "text": "Waar",
                            "correct": True,
                        },
                        {
                            "text": "Niet waar",
                            "correct": False,
                        },
                    ],
                },
                {
                    "kind": "single",
                    "text": ("Wat is de beste eerste stap voor iemand die net met Twitter begint?"),
                    "explanation": (
                        "Wie begint met volgen en die accounts meteen ordent in lijsten, is "
                        "met een paar minuten per dag op de hoogte van klanten en vakgebied, "
                        "zonder te verdrinken in berichten."
                    ),
                    "choices": [
                        {
                            "text": "Zo snel mogelijk veel eigen tweets plaatsen",
                            "correct": False,
                        },
                        {
                            "text": "Relevante accounts volgen en ordenen in lijsten",
                            "correct": True,
                        },
                        {
                            "text": "Alle meldingen per e-mail aanzetten",
                            "correct": False,
                        },
                        {
                            "text": "Iedereen terugvolgen die jou volgt",
                            "correct": False,
                        },
                    ],
                },
                {
                    "kind": "single",
                    "text": "Waarvoor is Yammer vooral geschikt?",
                    "explanation": (
                        "Yammer werkt als een interne Twitter in een besloten omgeving. "
                        "Collega's kunnen vrij ideeën delen, bijvoorbeeld om draagvlak voor "
                        "een verandering op te bouwen, zonder dat buitenstaanders meelezen."
                    ),
                    "choices": [
                        {
                            "text": "Advertenties tonen aan potentiële klanten",
                            "correct": False,
                        },
                        {
                            "text": "Besloten communicatie en samenwerking tussen collega's",
                            "correct": True,
                        },
                        {
                            "text": "Het publiceren van vacatures op jobsites",
                            "correct": False,
                        },
                    ],
                },
                {
                    "kind": "multiple",
                    "text": (
                        "Wat hoort bij een goede infrastructuur voor zakelijk gebruik van "
                        "sociale media? Kies alle juiste antwoorden."
                    ),
                    "explanation": (
                        "Trainingen, heldere content- en informatiestromen en een social fair "
                        "use policy die houvast biedt, vormen samen de basis. Een lijst met "
                        "alleen verboden of een complete blokkade werkt averechts."
                    ),
                    "choices": [
                        {
                            "text": "Trainingen voor wie nog onzeker is",
                            "correct": True,
                        },
                        {
                            "text": "Duidelijke content- en informatiestromen",
                            "correct": True,
                        },
                        {
                            "text": "Een social fair use policy die houvast geeft",
                            "correct": True,
                        },
                        {
                            "text": "Een lijst met uitsluitend verboden",
                            "correct": False,
                        },
                        {
                            "text": "Sociale media blokkeren op het bedrijfsnetwerk",
                            "correct": False,
                        },
                    ],
                },
                {
                    "kind": "multiple",
                    "text": (
                        "Welke uitspraken over het onderzoek onder Nederlandse professionals "
                        "uit 2011 kloppen? Kies alle juiste antwoorden."
                    ),
                    "explanation": (
                        "Twitter en LinkedIn waren de belangrijkste zakelijke netwerken, het "
                        "gebruik van Facebook was het meest verdeeld en Hyves werd zakelijk "
                        "nauwelijks gebruikt."
                    ),
                    "choices": [
                        {
                            "text": "Twitter en LinkedIn waren de belangrijkste netwerken",
                            "correct": True,
                        },
                        {
                            "text": "Over Facebook was het gebruik het sterkst verdeeld",
                            "correct": True,
                        },
                        {
                            "text": "Hyves werd zakelijk nauwelijks ingezet",
                            "correct": True,
                        },
                        {
                            "text": (
                                "Blogs werden door vrijwel alle professionals dagelijks gebruikt"
                            ),
                            "correct": False,
                        },
                    ],
                },
                {
                    "kind": "true_false",
                    "text": (
                        "Met een monitoringtool kun je berichten van klanten doorzetten naar "
                        "de medewerker die de klant het best kan helpen."
                    ),
                    "explanation": (
                        "Monitoring gaat verder dan meelezen: je kunt signalen van klanten "
                        "toewijzen aan de juiste collega, die vervolgens persoonlijk reageert."
                    ),
                    "choices": [
                        {
                            "text": "Waar",
                            "correct": True,
                        },
                        {
                            "text": "Niet waar",
                            "correct": False,
                        },
                    ],
                },
            ],
        },
    },
    {
        "pillar": "time",
        "title": "Tijd: de beperkende factor in de hand",
        "slug": "tijd",
        "summary": (
            "Wat je met sociale media bereikt, wordt begrensd door de tijd die jij en je "
            "collega's eraan kunnen en mogen besteden. In deze module leer je de "
            "informatiestroom te temmen en sociale media zo in te zetten dat ze je "
            "uiteindelijk tijd opleveren."
        ),
        "estimated_minutes": 46,
        "lessons": [
            {
                "title": "Informatie-overload de baas",
                "slug": "informatie-overload-de-baas",
                "estimated_minutes": 12,
                "free_preview": False,
                "summary": (
                    "Begrijp waarom de angst voor te veel informatie de grootste drempel is en "
                    "hoe je anders naar de berichtenstroom leert kijken."
                ),
                "body": [
                    (
                        "heading",
                        "Twee redenen om niet te beginnen",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Vraag professionals waarom ze sociale media niet gebruiken in "
                            "hun werk, en je hoort vrijwel altijd twee redenen. De eerste is "
                            "onbekendheid: ze weten niet goed hoe de platformen werken en "
                            "voelen zich daardoor onzeker. Dat is met een praktische training "
                            "vrij snel opgelost. De tweede reden is hardnekkiger: de angst om "
                            "te verdrinken in informatie. Zolang die angst blijft, doet "
                            "niemand iets met wat hij in de training heeft "
                            "geleerd.</p><p>Opvallend genoeg is dit bijna het spiegelbeeld van "
                            "wat we bij jongeren zien. Daar gaat het vaak over FOMO, de angst "
                            "om iets te missen, waardoor ze steeds op hun scherm kijken. Bij "
                            "veel werkenden is het juist andersom: ze houden de deur liever "
                            "dicht, uit angst dat er te veel binnenkomt.</p>"
                        ),
                    ),
                    (
                        "heading",
                        "De inbox als schrikbeeld",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Die angst is goed te verklaren. Voor veel mensen is de "
                            "e-mailinbox een takenlijst waar iedereen iets aan kan toevoegen, "
                            "vaak met een dringend verzoek om het meteen op te pakken. Een "
                            "inbox die nooit leeg raakt, zorgt voor stress. Het is dan logisch "
                            "dat je LinkedIn en Twitter ziet als nog meer inboxen, met een "
                            "eindeloze stroom berichten die je allemaal zou moeten "
                            "lezen.</p><p>Daar komt bij dat de platformen zelf graag in je "
                            "mailbox verschijnen. Nieuwe connecties, populaire artikelen, "
                            "groepsupdates, herinneringen om iets te plaatsen: standaard staan "
                            "veel van die meldingen aan. Wie zich net heeft aangemeld, krijgt "
                            "zo de indruk dat sociale media vooral extra werk opleveren.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "tip",
                            "text": (
                                "Een tijdlijn is geen inbox. Je hoeft niet alles te lezen wat "
                                "erin verschijnt, net zoals je niet elke krant van voor tot "
                                "achter leest. Wat echt belangrijk is, komt via je lijsten, je "
                                "netwerk of een directe vraag vanzelf weer bij je terug."
                            ),
                        },
                    ),
                    (
                        "heading",
                        "Een andere manier van kijken",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>De oplossing begint bij de vraag wie de regie heeft: jij of "
                            "het platform. In het onderzoek onder professionals werd het "
                            "filteren van nuttige informatie als een van de lastigste punten "
                            "genoemd, naast de tijd en discipline die effectief gebruik "
                            "vraagt. Juist daarom gaan de volgende lessen over instellingen, "
                            "lijsten en gewoonten die die filtering voor je doen. Het doel is "
                            "niet om alles bij te houden, maar om het juiste op het juiste "
                            "moment te zien.</p>"
                        ),
                    ),
                    (
                        "takeaways",
                        [
                            (
                                "Onbekendheid los je op met training; de angst voor "
                                "informatie-overload vraagt meer aandacht."
                            ),
                            (
                                "Veel mensen zien sociale media als extra inboxen, mede door "
                                "de standaardmeldingen van platformen."
                            ),
                            (
                                "Een tijdlijn hoef je niet leeg te lezen: het gaat om regie, "
                                "niet om volledigheid."
                            ),
                        ],
                    ),
                    (
                        "reflection",
                        {
                            "question": (
                                "Hoeveel e-mails van sociale netwerken heb je de afgelopen "
                                "week ontvangen, en hoeveel daarvan heb je echt gelezen of "
                                "gebruikt?"
                            ),
                            "guidance": (
                                "Zoek in je mailbox op de namen van de platformen die je "
                                "gebruikt en tel het aantal berichten. Noteer welke soorten "
                                "meldingen je waardeerde en welke alleen afleidden. Die lijst "
                                "gebruik je in de volgende les."
                            ),
                        },
                    ),
                ],
            },
            {
                "title": "Vaste momenten en slimme instellingen",
                "slug": "vaste-momenten-slimme-instellingen",
                "estimated_minutes": 12,
                "free_preview": False,
                "summary": (
                    "Neem de regie terug met meldingsinstellingen, lijsten en vaste momenten "
                    "die je zelf kiest."
                ),
                "body": [
                    (
                        "heading",
                        "Stap 1: zet je meldingen naar je hand",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Elk platform biedt de mogelijkheid om per soort bericht te "
                            "kiezen hoe vaak je er een e-mail over krijgt. Voor vrijwel elke "
                            "melding heb je drie opties: <b>dagelijks</b>, <b>wekelijks</b> of "
                            "<b>nooit</b>. Het nadeel is dat je dit zelf moet instellen, want "
                            "standaard staat bijna alles aan. Trek er daarom één keer een "
                            "halfuur voor uit. Een handige "
                            "verdeling:</p><ul><li><b>Dagelijks</b>: alleen directe berichten "
                            "en uitnodigingen van mensen die je "
                            "kent.</li><li><b>Wekelijks</b>: een samenvatting van je netwerk "
                            "of van één belangrijke groep.</li><li><b>Nooit</b>: reclame, "
                            "suggesties, herinneringen om iets te plaatsen en de meeste "
                            "groepsupdates.</li></ul>"
                        ),
                    ),
                    (
                        "heading",
                        "Stap 2: laat informatie naar je toe komen",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>In plaats van de volledige stroom bij te houden, bepaal je "
                            "zelf welke bronnen ertoe doen. Op Twitter doe je dat met "
                            "<b>lijsten</b>: maak er bijvoorbeeld een voor je belangrijkste "
                            "klanten, een voor vakmedia en een voor collega's. Open je een "
                            "lijst, dan zie je alleen de berichten van die accounts. Zo ben je "
                            "in enkele minuten op de hoogte van wat er bij klanten en in je "
                            "branche speelt. Op LinkedIn kun je op een vergelijkbare manier "
                            "alleen de groepen en personen volgen die voor jouw doel het "
                            "verschil maken.</p>"
                        ),
                    ),
                    (
                        "heading",
                        "Stap 3: kies vaste momenten",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Het grootste verschil met e-mail en telefoon is dat je bij "
                            "sociale media zelf kunt bepalen wanneer je kijkt. Plan daarom "
                            "vaste momenten in je agenda. Neem bijvoorbeeld de woensdagochtend "
                            "als moment om je lijsten en groepen rustig door te nemen. Of "
                            "koppel een korte ronde langs je lijsten aan een natuurlijke "
                            "pauze, zoals het moment waarop je een taak hebt afgerond en toch "
                            "al even het nieuws zou checken. Zo lijdt je productiviteit er "
                            "niet onder.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "example",
                            "text": (
                                "Een HR-adviseur zette al haar LinkedIn-meldingen op wekelijks "
                                "of nooit, maakte drie Twitterlijsten en blokt elke woensdag "
                                "van 8.30 tot 9.00 uur. Binnen een maand kreeg ze minder mail "
                                "en wist ze beter wat er bij haar klanten speelde."
                            ),
                        },
                    ),
                    (
                        "takeaways",
                        [
                            (
                                "Stel per platform in welke meldingen je dagelijks, wekelijks "
                                "of nooit wilt krijgen."
                            ),
                            ("Lijsten laten alleen de bronnen zien die voor jou belangrijk zijn."),
                            (
                                "Vaste momenten, zoals de woensdagochtend, voorkomen dat "
                                "sociale media je dag versnipperen."
                            ),
                        ],
                    ),
                    (
                        "reflection",
                        {
                            "question": (
                                "Welke drie meldingen zet je vandaag uit, welke twee lijsten "
                                "ga je aanmaken en op welk vast moment in je week kijk je "
                                "voortaan?"
                            ),
                            "guidance": (
                                "Gebruik de telling uit de vorige les als vertrekpunt. Zet het "
                                "gekozen moment meteen als terugkerende afspraak in je agenda "
                                "en evalueer na vier weken of het tijdstip en de lijsten goed "
                                "werken."
                            ),
                        },
                    ),
                ],
            },
            {
                "title": "Van tijd investeren naar tijd winnen",
                "slug": "van-tijd-investeren-naar-tijd-winnen",
                "estimated_minutes": 12,
                "free_preview": False,
                "summary": (
                    "Bouw aan een relevant netwerk, maak de opbrengst zichtbaar met de 3 K's "
                    "en zorg dat je investering zich terugbetaalt."
                ),
                "body": [
                    (
                        "heading",
                        "Relevant gaat boven groot",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Lange tijd leek zakelijk gebruik van sociale media een "
                            "wedstrijd om de meeste volgers. Die tijd is voorbij. Organisaties "
                            "willen zien wat hun inspanningen opleveren voor marketing, "
                            "relatiebeheer en klantenservice, en dat vraagt om relevante "
                            "netwerken en relevante contactmomenten. Een netwerk van "
                            "vijfhonderd mensen uit jouw branche of vakgebied is zakelijk veel "
                            "meer waard dan vijfduizend willekeurige connecties. Als je "
                            "volgers dezelfde vragen en uitdagingen hebben, raakt elk bericht "
                            "dat je deelt de juiste snaar. Bij een versnipperd netwerk schiet "
                            "je met hagel.</p>"
                        ),
                    ),
                    (
                        "heading",
                        "De opbrengst: kennis, kennissen en knaken",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Wat levert het dan op? In het onderzoek 'Sociale media aan het "
                            "werk' uit 2011 noemden professionals drie soorten voordelen, "
                            "samen te vatten als de <b>3 K's</b>:</p><ul><li><b>Kennis</b>: je "
                            "pikt nieuws en trends in je vak sneller "
                            "op.</li><li><b>Kennissen</b>: je netwerk groeit en je relaties "
                            "worden sterker.</li><li><b>Knaken</b>: sommige professionals "
                            "haalden er al concrete leads en opdrachten "
                            "uit.</li></ul><p>Tegelijkertijd noemden ze twee grote zorgen: dat "
                            "het te veel tijd kost en ten koste gaat van declarabel werk, en "
                            "dat sociale media door collega's en management nog niet serieus "
                            "worden genomen. Beide zorgen verdwijnen het snelst als je laat "
                            "zien wat je tijd oplevert.</p>"
                        ),
                    ),
                    (
                        "heading",
                        "Zo wordt een investering winst",
                    ),
                    (
                        "paragraph",
                        (
                            "<p>In het begin kost het tijd: je profiel inrichten, meldingen "
                            "instellen, lijsten bouwen. Daarna verschuift de balans. Je hoeft "
                            "minder te zoeken omdat informatie via je lijsten naar je toe "
                            "komt. Een vraag aan je netwerk levert sneller antwoord op dan een "
                            "middag zoeken. En een klant die je artikel al heeft gelezen, hoef "
                            "je in een eerste gesprek minder uit te leggen. Houd een maand "
                            "lang bij wat je aan kennis, kennissen en knaken hebt gewonnen, en "
                            "deel die resultaten met je leidinggevende.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "tip",
                            "text": (
                                "Noteer elke vrijdag in drie regels wat sociale media je die "
                                "week hebben opgeleverd: één inzicht, één nieuw of versterkt "
                                "contact en één kans. Na een kwartaal heb je een overtuigend "
                                "verhaal voor je team."
                            ),
                        },
                    ),
                    (
                        "takeaways",
                        [
                            (
                                "Een relevant netwerk is zakelijk waardevoller dan een netwerk "
                                "dat vooral groot is."
                            ),
                            ("De opbrengst laat zich samenvatten als kennis, kennissen en knaken."),
                            (
                                "De zorgen over tijd en serieus genomen worden verdwijnen als "
                                "je resultaten zichtbaar maakt."
                            ),
                            (
                                "Na een eerste investering gaan sociale media je juist tijd "
                                "opleveren."
                            ),
                        ],
                    ),
                    (
                        "reflection",
                        {
                            "question": (
                                "Hoe ziet jouw wekelijkse routine eruit als je alles uit deze "
                                "cursus toepast, en welke van de 3 K's wil je over drie "
                                "maanden aantoonbaar hebben gewonnen?"
                            ),
                            "guidance": (
                                "Beschrijf je routine in maximaal vijf regels: welke momenten, "
                                "welke lijsten, welke bijdrage. Kies daarna één K en bedenk "
                                "hoe je die meetbaar maakt, bijvoorbeeld het aantal nieuwe "
                                "relevante contacten of het aantal gesprekken dat via een "
                                "bericht is ontstaan."
                            ),
                        },
                    ),
                ],
            },
        ],
        "quiz": {
            "title": "Toets: Tijd",
            "intro": (
                "Kijk of je weet hoe je de tijd die sociale media kosten in de hand houdt en "
                "omzet in winst. Je hebt 70 procent goede antwoorden nodig."
            ),
            "pass_mark": 70,
            "questions": [
                {
                    "kind": "single",
                    "text": (
                        "Wat is volgens deze module de grootste drempel voor professionals om "
                        "sociale media zakelijk te gebruiken?"
                    ),
                    "explanation": (
                        "Onbekendheid met de platformen is met een training snel op te lossen. "
                        "De angst om te verdrinken in informatie is hardnekkiger en houdt "
                        "mensen het langst tegen."
                    ),
                    "choices": [
                        {
                            "text": "De kosten van de platformen",
                            "correct": False,
                        },
                        {
                            "text": "De angst voor informatie-overload",
                            "correct": True,
                        },
                        {
                            "text": "Een gebrek aan geschikte platformen",
                            "correct": False,
                        },
                        {
                            "text": "Strenge wetgeving over sociale media",
                            "correct": False,
                        },
                    ],
                },
                {
                    "kind": "multiple",
                    "text": (
                        "Welke maatregelen helpen om de informatiestroom te beheersen? Kies "
                        "alle juiste antwoorden."
                    ),
                    "explanation": (
                        "Meldingen per platform instellen, lijsten gebruiken en vaste momenten "
                        "inplannen geven je de regie terug. Alle meldingen aanzetten of de "
                        "tijdlijn als inbox behandelen, vergroot de overload juist."
                    ),
                    "choices": [
                        {
                            "text": (
                                "Per platform meldingen op dagelijks, wekelijks of nooit zetten"
                            ),
                            "correct": True,
                        },
                        {
                            "text": "Lijsten maken voor klanten en informatiebronnen",
                            "correct": True,
                        },
                        {
                            "text": "Vaste momenten inplannen, zoals de woensdagochtend",
                            "correct": True,
                        },
                        {
                            "text": "Alle meldingen aanzetten zodat je niets mist",
                            "correct": False,
                        },
                        {
                            "text": "Je tijdlijn elke dag helemaal leeglezen",
                            "correct": False,
                        },
                    ],
                },
                {
                    "kind": "true_false",
                    "text": (
                        "Voor zakelijk gebruik is een zo groot mogelijk netwerk waardevoller "
                        "dan een kleiner, relevant netwerk."
                    ),
                    "explanation": (
                        "Een netwerk van mensen met dezelfde vragen en uitdagingen maakt elk "
                        "bericht waardevoller. Een groot maar versnipperd netwerk levert "
                        "minder op."
                    ),
                    "choices": [
                        {
                            "text": "Waar",
                            "correct": False,
                        },
                        {
                            "text": "Niet waar",
                            "correct": True,
                        },
                    ],
                },
                {
                    "kind": "single",
                    "text": "Waar staan de 3 K's voor?",
                    "explanation": (
                        "Professionals noemden kennis, kennissen (contacten) en knaken (leads "
                        "en opdrachten) als de belangrijkste voordelen van sociale media."
                    ),
                    "choices": [
                        {
                            "text": "Klanten, kanalen en kosten",
                            "correct": False,
                        },
                        {
                            "text": "Kennis, kennissen en knaken",
                            "correct": True,
                        },
                        {
                            "text": "Kwaliteit, kwantiteit en kennis",
                            "correct": False,
                        },
                    ],
                },
                {
                    "kind": "multiple",
                    "text": (
                        "Welke zorgen noemden professionals in het onderzoek uit 2011? Kies "
                        "alle juiste antwoorden."
                    ),
                    "explanation": (
                        "De belangrijkste zorgen waren dat sociale media te veel tijd kosten "
                        "en ten koste gaan van geld verdienen, en dat collega's en management "
                        "ze nog niet serieus nemen."
                    ),
                    "choices": [
                        {
                            "text": "Het kost te veel tijd",
                            "correct": True,
                        },
                        {
                            "text": "Collega's en management nemen het niet serieus",
                            "correct": True,
                        },
                        {
                            "text": "De platformen zijn te duur",
                            "correct": False,
                        },
                        {
                            "text": "Klanten zijn er niet te vinden",
                            "correct": False,
                        },
                    ],
                },
                {
                    "kind": "true_false",
                    "text": (
                        "Bij sociale media kun je, anders dan bij telefoon en e-mail, "
                        "grotendeels zelf bepalen wanneer je informatie bekijkt."
                    ),
                    "explanation": (
                        "Door vaste momenten te kiezen en meldingen te beperken, bepaal jij "
                        "wanneer je kijkt. Zo blijft je productiviteit overeind."
                    ),
                    "choices": [
                        {
                            "text": "Waar",
                            "correct": True,
                        },
                        {
                            "text": "Niet waar",
                            "correct": False,
                        },
                    ],
                },
            ],
        },
    },
]
