"""A large, deterministic catalogue for the knowledge-base benchmark.

The demo catalogue has about a hundred provisions and a few thousand distinct words, too
small to show what search costs in a large municipality or a regional social map. This
builds ``n`` provisions from the demo's own provisions as templates: new ids, names,
districts and organisations, and a few generated sentences per provision. The sentences
draw on the demo vocabulary and on a small Dutch word list combined into compounds
("buurtmoestuin", "gezondheidsspreekuur"), street names and surnames, with a Zipf-like
frequency so that a few words are everywhere and most are rare. That gives a 20,000
provision catalogue tens of thousands of distinct (correctly spelt) words, so spelling
correction and compound splitting run against a vocabulary of realistic size.

Everything is drawn from one ``random.Random(seed)``: the same ``n`` and ``seed`` give the
same catalogue. The result is validated by the import schema (``Bundle.model_validate``)
and has no cross-record problems.
"""

from __future__ import annotations

import itertools
import random
import re
from typing import Any

from knowledge_base.io import DEMO_DIR, read_bundle
from knowledge_base.schema import Bundle
from knowledge_base.text import fold

DISTRICTS = (
    "centrum",
    "havenkwartier",
    "lindenhof",
    "vogelbuurt",
    "molenwijk",
    "oosterveld",
    "ekeldorp",
)
CITIES = ("Lindenhaven", "Ekeldorp", "Havenzicht", "Molendijk", "Oosterwolde", "Lindeloo")

# First parts of compounds: nouns (and a few stems) that Dutch glues to other words.
HEADS = """
buurt wijk stad dorp huis woon zorg hulp geld schuld budget werk taal lees reken school
jeugd kinder ouder senioren mantel vrijwilligers maatjes ontmoetings koffie eet kook tuin
moes fiets wandel sport beweeg dans zang muziek teken schilder handwerk brei naai computer
internet digi telefoon administratie belasting toeslagen energie water klimaat groen natuur
dieren honden verhuis woning huur tuinonderhoud schoonmaak was strijk boodschappen maaltijd
voedsel kleding speelgoed meubel rouw verlies geheugen dementie gezondheids preventie
verslavings angst stress slaap voedings diabetes hart long rug ogen gehoor val balans
rolstoel rollator vervoer bus taxi parkeer veiligheids brand inbraak buren ruzie scheidings
gezins opvoed baby peuter tiener puber studie stage sollicitatie loopbaan ondernemers inloop
spreek informatie advies steun thuis nacht dag weekend vakantie zomer winter feest vrouwen
mannen vaders moeders oma opa kerk moskee bibliotheek markt haven molen linden kastanje
brink vogel dijk polder akker boerderij zwem yoga schaak kaart bingo film theater
""".split()

# Second parts: the kinds of place, group and activity a provision is.
TAILS = """
hulp punt centrum huis kamer cafe groep club cursus training spreekuur loket dienst team
coach maatje project plein tuin winkel bank fonds regeling pas kaart middag ochtend avond
les workshop kring netwerk vereniging stichting werkplaats atelier keuken restaurant bus lijn
wacht post gesprek bezoek begeleiding ondersteuning opvang zorg consulent adviseur werker
vrijwilliger ontmoeting activiteit uitje wandeling markt borrel lunch ontbijt diner festival
week dag bijeenkomst avondje inloop kas schuur zolder kelder boot tocht reis rit
""".split()

STREET_PARTS = """
kastanje linden eiken beuken berken wilgen populieren iepen esdoorn meidoorn vlier hazelaar
merel lijster spreeuw mees vink zwaluw kievit reiger ooievaar specht uil valk buizerd
rembrandt vermeer hals steen breitner mondriaan escher sweelinck bach mozart chopin
tulp roos lelie iris dahlia narcis krokus hyacint zonnebloem klaproos korenbloem
molen haven sluis dijk kade veer brug poort toren kerk markt brink akker weide
""".split()
STREET_KINDS = "straat laan weg plein hof singel kade dreef park erf pad gracht".split()

FIRST_NAMES = """
annelies bram carla daan els fatima gert hanneke ingrid jan karin lars mohammed nienke
olga pieter quinten rosa sanne tim ursula vincent wendy yasmina zeynep joost marieke
ahmed birgit cor dewi erik fenna gijs hatice ilse jeroen kees lotte mustafa noor
""".split()
SURNAME_PARTS = """
berg veld hoven bosch dijk broek kamp meer straten huizen beek horst wijk burg laar
hout man mans sma stra ink ing kes ens
""".split()
SURNAME_HEADS = """
hooge lage groote klein van den ter ver oost west noord zuid brink molen kerk hoog
wester ooster bakker smit visser mulder jansen peters hendrik gerrit
""".split()

SENTENCES = (
    "Bij {street} {number} in {city} is er elke {day} een {compound}.",
    "Samen met {org} organiseren we ook een {compound} en een {compound2}.",
    "U kunt hier terecht voor {word}, {word2} en {compound}.",
    "Vraag naar {person}, die de {compound} coördineert.",
    "Nieuw dit jaar: de {compound} voor {word} en {word2}.",
    "Wij werken samen met de {compound} van {org}.",
    "Denk ook aan {word}, {compound} of {compound2} in de buurt van de {street}.",
    "Met de {compound}, de {compound2} en de {compound3} helpen we bij {word}.",
    "Voor {word2} verwijzen we naar de {compound3} of de {compound} in {city}.",
    "De {compound} is op {day} gesloten; kom dan naar de {compound2}.",
)
DAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag")
ORG_KINDS = ("Stichting", "Vereniging", "Coöperatie", "Buurtvereniging", "Steunpunt")


class _Zipf:
    """Draws from a sequence with weight 1/rank: a few items often, most rarely."""

    def __init__(self, items: list[str], rng: random.Random, exponent: float = 1.0) -> None:
        self.items = items
        self.cumulative = list(
            itertools.accumulate(1 / (rank + 1) ** exponent for rank in range(len(items)))
        )
        self.rng = rng

    def __call__(self) -> str:
        return self.rng.choices(self.items, cum_weights=self.cumulative, k=1)[0]


def _demo_words(bundle: Bundle) -> list[str]:
    """The demo's own Dutch words, most frequent first."""
    counts: dict[str, int] = {}
    for service in bundle.services:
        text = " ".join((service.name, service.summary, service.description, service.audience))
        for word in re.findall(r"[a-z]+", fold(text)):
            if len(word) >= 4:
                counts[word] = counts.get(word, 0) + 1
    return sorted(counts, key=lambda w: (-counts[w], w))


def _compounds(rng: random.Random) -> list[str]:
    """Two- and three-part compounds in a fixed random order (the order sets frequency)."""
    two = [h + t for h in HEADS for t in TAILS if h != t]
    three = [a + b + t for a in HEADS[:60] for b in HEADS[60:] for t in TAILS[:40]]
    rng.shuffle(two)
    rng.shuffle(three)
    # Mostly two-part words up front; the three-part ones form the long tail.
    mixed = itertools.chain.from_iterable(itertools.zip_longest(two[3000:], three))
    return two[:3000] + [w for w in mixed if w]


def _streets(rng: random.Random) -> list[str]:
    streets = [p.capitalize() + k for p in STREET_PARTS for k in STREET_KINDS]
    rng.shuffle(streets)
    return streets


def _surnames(rng: random.Random) -> list[str]:
    names = [h.capitalize() + p for h in SURNAME_HEADS for p in SURNAME_PARTS]
    rng.shuffle(names)
    return names


def generated_bundle(n: int, seed: int = 20_000) -> Bundle:
    """``n`` valid provisions built from the demo's, with a realistic, growing vocabulary."""
    rng = random.Random(seed)
    demo = read_bundle(DEMO_DIR)
    templates = [s.model_dump(mode="json") for s in demo.services]
    demo_words = _Zipf(_demo_words(demo), rng, 0.8)
    compound = _Zipf(_compounds(rng), rng, 1.0)
    street = _Zipf(_streets(rng), rng, 0.7)
    surname = _Zipf(_surnames(rng), rng, 0.6)

    organizations: list[dict[str, Any]] = [o.model_dump(mode="json") for o in demo.organizations]
    for i in range(max(1, n // 40)):
        name = f"{rng.choice(ORG_KINDS)} {compound().capitalize()} {surname()}"
        organizations.append({"id": f"org-{i:05d}", "name": name})
    org_names = {o["id"]: o["name"] for o in organizations}
    org_ids = list(org_names)

    def person() -> str:
        return f"{rng.choice(FIRST_NAMES).capitalize()} {surname()}"

    def sentence() -> str:
        template = rng.choice(SENTENCES)
        return template.format(
            street=street(),
            number=rng.randint(1, 250),
            city=rng.choice(CITIES),
            day=rng.choice(DAYS),
            compound=compound(),
            compound2=compound(),
            compound3=compound(),
            org=org_names[rng.choice(org_ids)],
            word=demo_words(),
            word2=demo_words(),
            person=person(),
        )

    services: list[dict[str, Any]] = []
    for i in range(n):
        item = dict(rng.choice(templates))
        proper = rng.choice((street, surname, compound))().capitalize()
        article = rng.choice(("De ", "Het ", ""))
        item["id"] = f"{item['id'][:60]}-{i:05d}"
        item["name"] = f"{item['name'].split()[0]} {article}{proper} {i}"
        if rng.random() < 0.7:
            item["organization"] = rng.choice(org_ids)
        item["districts"] = sorted(rng.sample(DISTRICTS, rng.choice((0, 1, 1, 1, 2, 3))))
        extra = " ".join(sentence() for _ in range(rng.randint(3, 6)))
        item["description"] = f"{item['description'].strip()}\n{extra}"
        item["keywords"] = [*item["keywords"][:4], *(compound() for _ in range(rng.randint(1, 3)))]
        if item.get("location"):
            location = dict(item["location"])
            location["address"] = f"{street()} {rng.randint(1, 250)}"
            location["postcode"] = f"{4100 + rng.randint(0, 69)} {rng.choice('ABCDEGHJKL')}A"
            item["location"] = location
        services.append(item)

    bundle = Bundle.model_validate(
        {
            "organizations": organizations,
            "services": services,
            "faqs": [f.model_dump(mode="json") for f in demo.faqs],
        }
    )
    problems = bundle.problems(known_districts=set(DISTRICTS))
    if problems:
        raise ValueError(f"generated catalogue is invalid: {problems[:5]}")
    return bundle


def distinct_words(bundle: Bundle) -> int:
    """How many distinct folded words (numbers not counted) the provisions' texts contain."""
    seen: set[str] = set()
    for s in bundle.services:
        for text in (s.name, s.summary, s.description, s.description_en or "", *s.keywords):
            seen.update(re.findall(r"[a-z0-9]*[a-z][a-z0-9]*", fold(text)))
    return len(seen)


if __name__ == "__main__":
    import sys
    import time

    size = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    started = time.perf_counter()
    generated = generated_bundle(size, seed=1)
    print(
        f"{len(generated.services)} services, {len(generated.organizations)} organizations, "
        f"{distinct_words(generated)} distinct words, {time.perf_counter() - started:.1f} s"
    )
    print(generated.services[0].name, "|", generated.services[0].description[-300:])
