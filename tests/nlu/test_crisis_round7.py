"""A seventh round of families must be caught in wordings of their own, in Dutch, English and
the weaker lexicons:

- an older person's power of attorney, guardianship or account used for the holder's own
  mortgage, car or debts, "not a cent" left, visits refused; loans taken out under pressure or
  several at once; a new will at the notary that she did not know about;
- an older person cut off from the family: calls only on the speaker, no visits, the phone
  taken, nobody let in, locked in while the son is at work, calling for help at night;
- medicines withheld or extra sleeping pills to keep someone quiet; the carer who keeps the
  bank card while the money goes; codes given to a "helper"; a house put in another's name;
  savings and jewellery taken from someone with dementia; a slap; wet sheets, bed sores;
- a child caring for brothers and sisters with no food and a parent who drinks or is away;
  "secret games" with an adult; children locked in a room all day; never food in the house
  and the home a mess; left alone at home or for the night (German, Polish, Arabic, Tigrinya,
  French, transliterated Russian); driven by a parent who is stoned or drunk; not let back
  in; alone in the bath; dragged by an arm; blows heard after shouting; a parent using again
  and no food; exploitation by older men; grooming online (address, "when are you alone",
  delete the chats, meet up); food from the bins;
- medical: signs of a stroke (a drooping face, slurred speech), a baby of months with fever
  and limp or not feeding, a child who swallowed or drank batteries, magnets, pills or
  cleaner, an allergy that swells the face or throat, fever with sudden confusion;
- danger: a threat to burn the house down, petrol poured, an intruder while the writer hides,
  a man with an axe shouting he will kill everyone;
- suicide: cutting again and deeper, pills put aside, "better off without him", giving things
  away "he won't need it", transliterated Egyptian Arabic;
- violence: a partner who hurts her, marks on the neck, excuses for a black eye;
- homeless: fled with the children and no place for tonight (Somali).

An essay or a school talk about abuse, a fire drill, "where can I get rid of" something, a
building site that "will be the death of me", a loan or a power of attorney asked about, a
pharmacy that needs a prescription, an ordinary drink of something harmless, and a teacher
who quotes a child's "papa" must not call a crisis (or a young writer).
"""

import pytest

from nlu import CrisisKind
from nlu.crisis import assess

CRISES = [
    (
        "mijn zus heeft een volmacht voor onze vader en betaalt haar eigen huur van zijn rekening",
        CrisisKind.ELDER,
    ),
    ("my cousin is grandpa's guardian and bought himself a car with the money", CrisisKind.ELDER),
    (
        "de bewindvoerder van mijn oma, haar kleinzoon, "
        "zegt dat bezoek niet meer goed voor haar is",
        CrisisKind.ELDER,
    ),
    (
        "mein Bruder hat die Vollmacht für Mutter und sie sitzt ohne einen Cent im Heim",
        CrisisKind.ELDER,
    ),
    (
        "my uncle manages her account now and grandma hasn't got a penny, "
        "he paid his own debts with it",
        CrisisKind.ELDER,
    ),
    (
        "mijn vader van 82 is door een kennis overgehaald om een lening af te sluiten",
        CrisisKind.ELDER,
    ),
    ("my mum was pressured by her lodger into taking out a loan in her name", CrisisKind.ELDER),
    ("opa heeft ineens vier leningen lopen en weet van niks", CrisisKind.ELDER),
    (
        "meine Oma wurde von einem Bekannten unter Druck gesetzt, einen Kredit zu unterschreiben",
        CrisisKind.ELDER,
    ),
    ("her son won't give her her insulin any more, he says she fakes it", CrisisKind.ELDER),
    ("mijn broer geeft haar de medicijnen niet meer omdat ze toch dement is", CrisisKind.ELDER),
    (
        "in het tehuis geven ze mijn moeder elke avond extra kalmeringsmiddelen zodat ze stil is",
        CrisisKind.ELDER,
    ),
    ("der Pfleger gibt ihm die Tabletten nicht mehr, mein Opa ist 90", CrisisKind.ELDER),
    (
        "de thuishulp neemt de bankpas van opa mee en er gaat elke week 300 euro af",
        CrisisKind.ELDER,
    ),
    (
        "the neighbour borrows my nan's bank card for shopping and the money is gone",
        CrisisKind.ELDER,
    ),
    (
        "mijn oma met alzheimer is naar de notaris gebracht door mijn oom en wist daarna niks meer",
        CrisisKind.ELDER,
    ),
    (
        "dad has dementia and my stepbrother took him to a notary, now everything goes to him",
        CrisisKind.ELDER,
    ),
    (
        "sinds oma bij mijn tante woont mogen we niet meer langskomen en ze neemt niet op",
        CrisisKind.ELDER,
    ),
    (
        "my brother won't let us see mum any more, she sounds frightened on the phone",
        CrisisKind.ELDER,
    ),
    ("mein Opa darf seit Wochen keinen Besuch mehr bekommen, sagt mein Onkel", CrisisKind.ELDER),
    ("моя бабуся підписала довіреність на сусіда і тепер усі гроші зникли", CrisisKind.ELDER),
    ("соседка уговорила деда подписать доверенность", CrisisKind.ELDER),
    ("dedem 88 yaşında, kuzenim vekaletle evini sattı", CrisisKind.ELDER),
    ("babaannemin kimseyle konuşmasına izin vermiyorlar", CrisisKind.ELDER),
    ("عمو با وکالت پدربزرگم همه پولش را برداشت", CrisisKind.ELDER),
    ("teta 3omra 80 w ibn 5alti byo5od el ma3ash taba3ha", CrisisKind.ELDER),
    ("die alte Dame unten ruft jeden Abend um Hilfe, ihr Enkel sperrt sie ein", CrisisKind.ELDER),
    ("meine Mutter liegt sich im Bett wund, der Pflegedienst kommt nicht", CrisisKind.ELDER),
    (
        "ik zorg nu voor mijn broertjes want mama is nooit thuis en we hebben geen eten",
        CrisisKind.CHILD,
    ),
    ("i'm looking after my little sisters because mum drinks, nobody knows", CrisisKind.CHILD),
    ("i basically raise my baby brother, dad is never home and there's no food", CrisisKind.CHILD),
    ("mijn dochtertje praat over geheime spelletjes met de buurman", CrisisKind.CHILD),
    ("a pupil told me about secret games with her stepdad", CrisisKind.CHILD),
    ("der Kleine erzählt von geheimen Spielen mit dem Onkel", CrisisKind.CHILD),
    ("de buren sluiten hun zoontje urenlang op in de badkamer", CrisisKind.CHILD),
    ("they lock their kids up in a room for hours when they go out", CrisisKind.CHILD),
    ("die Eltern sperren das Kind stundenlang ins Zimmer", CrisisKind.CHILD),
    ("bij de kinderen thuis is nooit eten in huis en het stinkt er", CrisisKind.CHILD),
    ("the children next door look malnourished and they are always alone", CrisisKind.CHILD),
    ("de kinderen zijn graatmager en lopen in vieze kleren", CrisisKind.CHILD),
    ("die Nachbarskinder sind seit heute morgen alleine, keiner macht auf", CrisisKind.CHILD),
    ("Kind ist allein in der Wohnung, die Mutter ist seit gestern weg", CrisisKind.CHILD),
    ("sąsiadka zostawia dzieci same w domu na całą noc", CrisisKind.CHILD),
    ("الجيران تركوا الأولاد وحدهم من امبارح", CrisisKind.CHILD),
    ("il est affamé et sale tous les matins", CrisisKind.CHILD),
    ("sa mère le laisse seul toute la nuit", CrisisKind.CHILD),
    ("ቆልዑ ንበይኖም ኣብ ገዛ ኣለዉ", CrisisKind.CHILD),
    ("mijn moeder praat ineens heel onduidelijk en haar mond hangt scheef", CrisisKind.MEDICAL),
    ("his face is drooping on one side and his speech is slurred", CrisisKind.MEDICAL),
    ("Oma spricht plötzlich ganz undeutlich", CrisisKind.MEDICAL),
    ("onze baby van 2 maanden heeft 39 graden koorts en is heel slap", CrisisKind.MEDICAL),
    ("my 6 week old has a fever and won't feed", CrisisKind.MEDICAL),
    ("ilmaha qandho ayuu qabaa, aad buu u daciif yahay", CrisisKind.MEDICAL),
    ("mijn zoontje van 3 heeft een knoopcel batterij ingeslikt", CrisisKind.MEDICAL),
    ("my toddler swallowed some dishwasher tablets and is throwing up", CrisisKind.MEDICAL),
    ("meine Tochter hat Putzmittel getrunken", CrisisKind.MEDICAL),
    ("mój syn połknął baterię", CrisisKind.MEDICAL),
    ("بنتي شربت كلور", CrisisKind.MEDICAL),
    ("hij is allergisch voor noten en zijn keel zwelt op", CrisisKind.MEDICAL),
    ("she's allergic to bees and she's struggling to breathe", CrisisKind.MEDICAL),
    ("opa heeft hoge koorts en herkent ons ineens niet meer", CrisisKind.MEDICAL),
    ("dad has a fever and is confused, he thinks it's 1980", CrisisKind.MEDICAL),
    ("مادرم تب داره و هذیان میگه", CrisisKind.MEDICAL),
    ("ረስኒ ኣለዋ፣ ኣዝያ ደኺማ ኣላ", CrisisKind.MEDICAL),
    ("mijn ex dreigt het huis in brand te steken met ons erin", CrisisKind.DANGER),
    ("he says he'll burn the flat down tonight", CrisisKind.DANGER),
    ("Er droht, unsere Wohnung anzuzünden", CrisisKind.DANGER),
    ("powiedział, że podpali mieszkanie", CrisisKind.DANGER),
    ("er steht mit einem Messer im Flur und sagt, er bringt uns alle um", CrisisKind.DANGER),
    ("m3ah mos w ghadi y9telni", CrisisKind.DANGER),
    ("ik kras weer elke avond", CrisisKind.SUICIDE),
    ("the cutting is getting deeper and i can't stop", CrisisKind.SUICIDE),
    ("gama3t el 7obob kollaha", CrisisKind.SUICIDE),
    ("ana mesh 2adra akammel", CrisisKind.SUICIDE),
    ("I'm worried her boyfriend is hurting her", CrisisKind.VIOLENCE),
    ("a girl in my class says her stepdad beats her", CrisisKind.CHILD),
    ("zijn stiefmoeder slaat hem met een riem", CrisisKind.CHILD),
    ("een jongen uit mijn klas zegt dat zijn vader hem elke avond slaat", CrisisKind.CHILD),
    ("mijn buurvrouw heeft blauwe plekken in haar nek", CrisisKind.VIOLENCE),
    ("she has marks on her throat again", CrisisKind.VIOLENCE),
    ("caawa meel aan seexanno ma hayno", CrisisKind.HOMELESS),
    ("waxaan ka soo cararay guriga, hadda waxaan joognaa waddada", CrisisKind.HOMELESS),
    (
        "mijn opa van 88 wordt door zijn nieuwe vriendin binnengehouden, "
        "ze laat hem nergens meer heen",
        CrisisKind.ELDER,
    ),
    ("my gran (84) says my cousin won't let her go out or use the phone", CrisisKind.ELDER),
    (
        "the old lady's son doesn't let the carers in anymore and the curtains are always shut",
        CrisisKind.ELDER,
    ),
    (
        "haar zoon laat niemand meer binnen en mevrouw is al weken niet buiten geweest",
        CrisisKind.ELDER,
    ),
    (
        "oma (81) zegt dat ze het huis op naam van mijn neef moest zetten en is nu bang voor hem",
        CrisisKind.ELDER,
    ),
    ("de kleinzoon int de aow van zijn opa en er is geen eten in huis", CrisisKind.ELDER),
    (
        "mijn oma van 90 heeft haar pincode aan een 'vriend' gegeven en nu is haar rekening leeg",
        CrisisKind.ELDER,
    ),
    ("grandad has dementia and the cleaner took his savings and his watches", CrisisKind.ELDER),
    ("mijn tante is 85 en haar zoon heeft haar een klap gegeven", CrisisKind.ELDER),
    ("mijn schoonvader ligt bij zijn dochter de hele dag in natte lakens", CrisisKind.ELDER),
    ("mijn ex is onder invloed en rijdt zo met de kinderen weg", CrisisKind.CHILD),
    ("my ex is drunk and driving with the kids in the car", CrisisKind.CHILD),
    (
        "het buurjongetje staat al uren buiten, hij mag van zijn vader niet naar binnen",
        CrisisKind.CHILD,
    ),
    (
        "the little girl next door isn't allowed back inside until her mum gets home at midnight",
        CrisisKind.CHILD,
    ),
    ("mijn kleindochter van 2 zat alleen in bad terwijl haar moeder sliep", CrisisKind.CHILD),
    (
        "de oppas trok mijn zoon aan zijn arm door de gang en smeet hem tegen de muur",
        CrisisKind.CHILD,
    ),
    ("they scream at their son every night and then I hear slaps and crying", CrisisKind.CHILD),
    ("papa ligt al dagen in bed en drinkt weer, we hebben geen eten", CrisisKind.CHILD),
    ("my dad leaves us home alone for days", CrisisKind.CHILD),
    ("mijn moeder laat mij en mijn zusje elk weekend alleen", CrisisKind.CHILD),
    ("ik denk dat mijn nichtje van 14 door een loverboy wordt uitgebuit", CrisisKind.CHILD),
    (
        "my daughter (12) is chatting on snapchat with someone who wants her address "
        "and asks when she's home alone",
        CrisisKind.CHILD,
    ),
    (
        "a man on roblox told my son of 9 to delete the chats and meet him at the park",
        CrisisKind.CHILD,
    ),
    (
        "the boy upstairs is always hungry and eats from the bins, "
        "his parents are high all the time",
        CrisisKind.CHILD,
    ),
    ("her new partner hits her son and she does nothing", CrisisKind.CHILD),
    ("mijn peuter heeft wasmiddel gedronken", CrisisKind.MEDICAL),
    ("my son got into the dishwasher tablets", CrisisKind.MEDICAL),
    ("zijn lippen zwellen op na een pinda en hij piept bij het ademen", CrisisKind.MEDICAL),
    ("my husband's tongue is swollen and he's struggling to breathe", CrisisKind.MEDICAL),
    ("mijn moeder is ineens helemaal verward en herkent ons niet meer", CrisisKind.MEDICAL),
    ("ik wil eigenlijk niet meer wakker worden", CrisisKind.SUICIDE),
    ("ik heb de slaappillen klaargelegd", CrisisKind.SUICIDE),
    ("mijn broer zegt steeds dat iedereen beter af is zonder hem", CrisisKind.SUICIDE),
    ("my mum gave away her jewellery, she says she won't need it", CrisisKind.SUICIDE),
    ("elke keer een smoesje voor haar blauwe plekken", CrisisKind.VIOLENCE),
    ("there's someone in my house, I can hear them downstairs", CrisisKind.DANGER),
    ("er zijn inbrekers beneden en ik zit verstopt in de kast", CrisisKind.DANGER),
    ("my neighbour is pouring petrol on the stairs", CrisisKind.DANGER),
    ("he's going to set the house on fire", CrisisKind.DANGER),
    ("mi novio me empujó contra la pared", CrisisKind.VIOLENCE),
    ("ostavlyayut detei odnih doma", CrisisKind.CHILD),
    ("یکی تو خونه ست، من تو کمد قایم شدم", CrisisKind.DANGER),
]

NOT_CRISES = [
    "mijn moeder heeft een bewindvoerder, hoe kan ik haar bezoeken in het verpleeghuis?",
    "ik wil een volmacht voor mijn vader regelen, wat kost dat?",
    "mijn opa van 80 wil een lening voor een scootmobiel, kan dat?",
    "the pharmacy won't give her her pills without a prescription, where do I get one",
    "mijn dochter maakt een werkstuk over misbruik van ouderen, hebben jullie cijfers",
    "my daughter has a school project on elder abuse, any statistics?",
    "ich schreibe ein Referat über Gewalt gegen Kinder",
    "я пишу реферат про насильство в сім'ї",
    "ik snij weer de uien voor het eten",
    "waar kan ik mijn oude koelkast kwijt?",
    "de brandweer houdt morgen een oefening bij de school, komt er rook?",
    "der Lärm der Baustelle bringt mich noch um, wo kann ich mich beschweren",
    "de kinderen spelen geheimagentje met de buurjongen",
    "onze baby heeft koorts, welke huisarts heeft avonddienst?",
    "mijn zoon heeft per ongeluk kauwgom ingeslikt",
    "ik ben allergisch voor gras, waar vind ik een goede huisarts",
    "mijn zusje en ik zorgen samen voor de hond",
    "ik zorg voor mijn broertjes als mama werkt, mag ik een oppasvergoeding?",
    "my mum manages my grandma's money and visits her every week",
    "ik ben juf in groep 3, mag ik als mentor een huisbezoek doen? papa vroeg ernaar",
    "mijn opa van 80 laat zijn huis op naam van mijn moeder zetten, wat kost de notaris?",
    "mijn zoon rijdt met de kinderen naar opa, is de brug open?",
    "mijn dochter van 8 mag pas naar binnen als ze haar schoenen uitdoet haha",
    "my son swallowed a cherry stone, should I worry?",
    "ik zat er even doorheen maar ik wil weer leven",
    "my daughter chats on whatsapp with her grandma every day",
    "er is iemand in mijn huis geweest voor de meteropname, moet ik daarvoor tekenen?",
    "mijn moeder laat mij alleen beslissen over de verbouwing",
    "ik heb de slaappillen van mijn moeder bij de apotheek teruggebracht",
    "de apotheek geeft mijn vader de medicijnen niet meer zonder recept",
]


@pytest.mark.parametrize(("text", "kind"), CRISES)
def test_seventh_round_families(text: str, kind: CrisisKind) -> None:
    assert kind in assess(text).kinds, text


@pytest.mark.parametrize("text", NOT_CRISES)
def test_seventh_round_near_misses(text: str) -> None:
    assert assess(text).kinds == (), text


@pytest.mark.parametrize(
    "text",
    [
        "ik zorg voor mijn zusjes want papa drinkt, er is geen eten. ik ben 13",
        "i'm 12 and my mum leaves me and my little brother alone every night",
        "ik zit in de 2e klas en ik kras weer elke avond",
        "mijn vriendin uit de klas zegt dat haar stiefvader haar slaat",
    ],
)
def test_seventh_round_young_writers(text: str) -> None:
    found = assess(text)
    assert found.kinds, text
    assert found.young, text


@pytest.mark.parametrize(
    "text",
    [
        "ik ben juf in groep 6 en een meisje vertelt dat papa haar slaat",
        "I'm a teaching assistant and a boy says his dad hits him when he's naughty",
        "my stepfather stopped giving my mum her heart pills, she's 81",
    ],
)
def test_seventh_round_adult_writers(text: str) -> None:
    found = assess(text)
    assert found.kinds, text
    assert not found.young, text
