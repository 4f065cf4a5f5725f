"""A fifth round of families (a baby shaken, children alone with no adult about, an older
person tied down, locked in, made to sign or cut off from the family, a fire with people
inside, put out of the house or locked out by a new lock, a last message with an apology,
children or a pet handed over for good, a question about a method "for myself") must be
caught in wordings of their own, in Dutch, English and the weaker lexicons; hyperbole, a
course in first aid, a game, a rule about an age and a professional's question must not
call a crisis."""

import pytest

from nlu import CrisisKind
from nlu.crisis import assess

CRISES = [
    ("mijn zwager schudt het kindje hard door elkaar als het huilt", CrisisKind.CHILD),
    ("the nanny shook our newborn and now he keeps vomiting", CrisisKind.CHILD),
    ("el novio de mi prima zarandea al bebé cuando llora", CrisisKind.CHILD),
    ("der Vater schüttelt das Baby, ich höre es schreien", CrisisKind.CHILD),
    ("unos niños pequeños están solos desde la mañana y no hay ningún adulto", CrisisKind.CHILD),
    ("мой сосед уехал, его малыш один дома уже с утра", CrisisKind.CHILD),
    ("мама і тато поїхали, а малюк сам у квартирі плаче", CrisisKind.CHILD),
    ("Mama ist seit zwei Tagen weg und nicht nach Hause gekommen", CrisisKind.CHILD),
    ("opa van 88 wordt 's nachts aan zijn bed vastgebonden door zijn zoon", CrisisKind.ELDER),
    ("they keep my grandad strapped to his chair all day", CrisisKind.ELDER),
    ("mijn tante van 79 wordt gedwongen een volmacht te tekenen", CrisisKind.ELDER),
    ("my gran with dementia isn't allowed to see us anymore since he moved in", CrisisKind.ELDER),
    ("mijn oma mag van haar nieuwe vriend niet meer met ons bellen", CrisisKind.ELDER),
    ("mi abuelo con alzheimer: su hijo le ha vaciado los ahorros", CrisisKind.ELDER),
    (
        "mijn ouders hebben me de deur uit gezet en ik weet niet waar ik vannacht moet slapen",
        CrisisKind.HOMELESS,
    ),
    ("de verhuurder heeft het slot vervangen, al mijn spullen zijn binnen", CrisisKind.HOMELESS),
    ("ons huis is onbewoonbaar verklaard en we moeten vanavond weg", CrisisKind.HOMELESS),
    ("ev sahibi bizi kapı dışarı attı, çocuklarla parkta kalıyoruz", CrisisKind.HOMELESS),
    ("er is brand in de flat en mijn buurvrouw zit nog binnen", CrisisKind.DANGER),
    ("fire in our building and people are trapped on the fourth floor", CrisisKind.DANGER),
    ("czuć gaz w kuchni, coś syczy przy kuchence", CrisisKind.DANGER),
    ("this is my last message. thank you for everything you tried", CrisisKind.SUICIDE),
    ("mijn hond gaat voorgoed naar mijn broer, alles is geregeld", CrisisKind.SUICIDE),
    ("hoeveel paracetamol is te veel? vraag voor mezelf", CrisisKind.SUICIDE),
    ("how tall is that tower by the station? just curious, no reason", CrisisKind.SUICIDE),
    ("je laisse mes deux chats à ma sœur pour de bon. merci pour tout", CrisisKind.SUICIDE),
    ("не могу больше. сегодня ночью поставлю точку", CrisisKind.SUICIDE),
    ("ya no puedo más, me pasé la tarde mirando el puente, esta noche lo hago", CrisisKind.SUICIDE),
    ("mijn collega's zouden echt beter af zijn zonder mij", CrisisKind.SUICIDE),
    ("honestly if i just never woke up tomorrow that would be ok", CrisisKind.SUICIDE),
    ("ik ben al een maand oxazepam aan het sparen voor als het niet meer gaat", CrisisKind.SUICIDE),
    ("how many sleeping pills would be lethal for an adult", CrisisKind.SUICIDE),
    ("my stepbrother keeps coming into my bedroom at night", CrisisKind.CHILD),
    ("mijn buurmeisje is 12 en gaat om met een man van 31", CrisisKind.CHILD),
    ("de buren zijn weg en ik hoor hun kleintje al uren huilen", CrisisKind.CHILD),
    (
        "mijn opa (dementie) zegt dat de verzorgster hem duwen en knijpen doet, "
        "ik zag een blauwe plek",
        CrisisKind.ELDER,
    ),
    ("mijn ex komt me afmaken zegt hij, hij is onderweg", CrisisKind.DANGER),
    ("er staat een man met een koevoet bij de achterdeur", CrisisKind.DANGER),
    ("someone is trying to kick down our door right now", CrisisKind.DANGER),
    ("het co-alarm gaat af en we zijn allemaal misselijk en duizelig", CrisisKind.DANGER),
    (
        "hij heeft zich in zijn been gesneden met een zaag en het bloed spuit eruit",
        CrisisKind.MEDICAL,
    ),
    ("my dad is lying on the kitchen floor and not moving", CrisisKind.MEDICAL),
    (
        "my brothers say they must restore the family honour because of my boyfriend",
        CrisisKind.VIOLENCE,
    ),
    ("we zitten met z'n drieën in de auto en kunnen nergens heen", CrisisKind.HOMELESS),
]

NOT_CRISES = [
    "waar kan ik heen met vragen over mijn huurtoeslag",
    "waar moeten we slapen tijdens de verbouwing van ons huis?",
    "ik kreeg bijna een hartaanval toen ik de energierekening zag",
    "wij willen een EHBO-cursus volgen, kan de gemeente dat betalen?",
    "is er een reanimatiecursus in de wijk?",
    "hoe hoog is de brug bij de haven? we willen met de boot erdoor",
    "dit is mijn laatste bericht over deze kwestie, bedankt voor de hulp",
    "in de brand bij de buren vorig jaar is niemand gewond geraakt",
    "het kindje schudt van het lachen",
    "mi abuela no nos deja ver la tele por la noche",
    "merci pour tout, je n'aurai plus besoin de vos services, j'ai trouvé un logement",
    "abim beni öldürecek hahaha çünkü arabasını çizdim",
    "got wrecked three times playing warzone, when does the pool open",
    "vanaf welke leeftijd mag een kind alleen naar school fietsen",
    "Ich bin Sozialarbeiter: wie melde ich einen Verdacht auf Misshandlung?",
    "de kinderen zijn alleen thuis na school tot ik om 5 uur thuis ben",
    "we kijken een documentaire over eerwraak op school",
    "ik kan nergens heen met mijn vraag over de WOZ",
    "ik spaar zegeltjes voor de pannenset",
    "we hebben een baseball bat gekocht voor softbal",
    "de koolmonoxidemelder piept, batterij leeg denk ik, waar koop ik een nieuwe",
    "mijn dochter van 16 heeft een vriend van 17, mag ze bij hem logeren?",
    "oma ligt op de grond te spelen met de kleinkinderen",
]


@pytest.mark.parametrize(("text", "kind"), CRISES)
def test_fifth_round_families(text: str, kind: CrisisKind) -> None:
    assert kind in assess(text).kinds, text


@pytest.mark.parametrize("text", NOT_CRISES)
def test_fifth_round_near_misses(text: str) -> None:
    assert assess(text).kinds == (), text
