"""An eighth round of families must be caught in wordings of their own, in Dutch, English and
the weaker lexicons:

- violence: a bone broken by a partner or an ex; an ex who threatens to "get" her; the phone
  smashed when she tried to call someone; a daughter locked in and hit by her boyfriend
  (German); afraid to go home tonight; "het was weer raak" after an apology;
- a child beaten with a belt or a stick ("is that allowed? my dad does that"); made to kneel
  on rice; an adult who wants to shower with a child; "secret games"; left alone for days,
  with nothing eaten; no food and a parent in bed all day; round burns on a small child; a
  baby shaken; a toddler left out on the balcony; asked to come over and tell nobody; hurt
  "down there"; left alone all night with no food (Spanish);
- elder: tied to a chair or a bed; a parent who whispers she is beaten, kept from the phone;
  crying for help behind the door; an old writer forced or threatened for money or the
  house; dementia, a signature and money gone; medicines no longer given; thousands handed to
  a stranger;
- danger: followed by a car for a long time; a fire in the cellar or smoke in the stairwell
  (German, French); boys who will stab the writer and showed a knife;
- homeless: out on the street with suitcases and children, the host no longer wants them;
  thrown out and nowhere to sleep (German); put out of the shelter; no money for a hotel
  tonight;
- medical: a stroke (German), a baby breathing strangely, pale and limp; a fall from a
  scaffold and legs that do not move (Polish); pills swallowed by a child (Spanish); a fall,
  no speech, hard breathing (Tigrinya); someone who used too much and will not wake up;
- suicide: a decision made and things not needed after a date; a friend who cuts herself and
  does not want to live (German); "everything is ready, I'll do it today" (Polish); "end it
  all tonight" (Farsi); at the tracks and "doesn't want to anymore"; "done with it" and a rope;
  a whole pack of pills taken.

Near misses must stay quiet: a repaired gas leak, dying "of shame", a lesson about suicide, a
grief group after an old story ("overleden is zoek ik"), a student's research, a professional
asking the procedure, forms that "will kill me", a brother "murdered" with a laughing emoji,
a grandmother who keeps her own savings in a drawer.
"""

import pytest

from nlu import CrisisKind
from nlu.crisis import assess

C = CrisisKind

CRISES = [
    # violence: bones broken, threats from an ex, the phone smashed, locked in and hit
    ("mijn ex zegt dat hij me komt pakken, in maart heeft hij mijn kaak gebroken", C.VIOLENCE),
    ("afgelopen zomer heeft mijn man mijn pols gebroken en nu is hij weer zo boos", C.VIOLENCE),
    ("my boyfriend broke my wrist last month and he's drinking again tonight", C.VIOLENCE),
    ("she fractured my cheekbone with a pan and I still live with her", C.VIOLENCE),
    ("mein Freund hat mir letzte Woche die Nase gebrochen", C.VIOLENCE),
    ("de vader van mijn kind dreigt dat hij me gaat afmaken als ik naar de rechter ga", C.VIOLENCE),
    ("my husband grabbed my phone when I wanted to ring my sister and he hid it", C.VIOLENCE),
    ("hij gooide mijn telefoon kapot toen ik mijn moeder wilde bellen", C.VIOLENCE),
    ("meine Schwester lebt bei ihrem Mann, er schließt sie ein und er schlägt sie", C.VIOLENCE),
    ("mijn partner wordt snel kwaad, ik durf vannacht niet naar huis", C.VIOLENCE),
    ("I'm sitting in the car because I'm too scared to go home to him", C.VIOLENCE),
    ("hij beloofde het nooit meer te doen, maar gisteravond was het toch weer raak", C.VIOLENCE),
    # child: belt and stick, kneeling, shower, secret games, alone, burns, shaking
    ("is slaan met een stok normaal? mijn moeder doet dat als ik te laat thuis ben", C.CHILD),
    ("my stepdad hits me with his belt when I forget my chores", C.CHILD),
    ("mijn vader slaat ons met een kabel als we ruzie maken", C.CHILD),
    ("my mum makes me kneel on salt for an hour if I answer back", C.CHILD),
    ("als straf laat mijn vader mij op rijst knielen", C.CHILD),
    ("my uncle keeps asking me to shower with him when he babysits", C.CHILD),
    ("mijn stiefvader wil steeds dat ik met hem in bad ga, ik ben 10", C.CHILD),
    ("mein Onkel sagt ich soll mit ihm duschen, ich bin 9", C.CHILD),
    (
        "de buurman speelt geheime spelletjes met mijn zoontje en zegt dat hij het niet mag zeggen",
        C.CHILD,
    ),
    ("the boy next door is 7 and has been alone for three days, I think", C.CHILD),
    ("het meisje van 5 van hiernaast is al twee nachten alleen, ik hoor haar huilen", C.CHILD),
    ("er is niks te eten en papa ligt al dagen in bed, ik ben 11", C.CHILD),
    ("mijn neefje van 3 heeft ronde brandwondjes op zijn rug", C.CHILD),
    ("my niece is 2 and has little round burns on her hands, her mum says it's nothing", C.CHILD),
    ("ik heb mijn baby net door elkaar geschud omdat hij maar bleef huilen", C.CHILD),
    ("I'm scared I will hurt my baby, I can't take the crying anymore", C.CHILD),
    ("they lock their toddler out on the balcony for hours, it's freezing tonight", C.CHILD),
    ("ze zetten hun peuter urenlang buiten op het balkon in de kou", C.CHILD),
    (
        "a man from a game chat wants me to come to his flat on saturday and not tell my parents",
        C.CHILD,
    ),
    ("my little cousin said her stepdad touches her down there at night", C.CHILD),
    ("tengo 9 anos y mis papas me dejan sola todo el dia sin comida", C.CHILD),
    # elder: tied, whispered, isolated, crying for help, forced, dementia, pills, scams
    ("oma wordt 's nachts aan haar bed vastgebonden in het verpleeghuis", C.ELDER),
    ("my neighbour ties her old father to his chair when she goes out", C.ELDER),
    ("mijn vader van 82 zit vastgebonden aan zijn rolstoel als ik op bezoek kom", C.ELDER),
    ("mijn moeder fluisterde door de telefoon dat ze geduwd wordt door mijn broer", C.ELDER),
    ("my brother won't let mum call me anymore and she sounded scared", C.ELDER),
    ("opa van 90 hiernaast riep vannacht om hulp en zijn kleinzoon deed niet open", C.ELDER),
    ("the old lady upstairs has been shouting for help since this morning", C.ELDER),
    ("ik ben 84 en mijn kleinzoon dwingt me om mijn pinpas af te geven", C.ELDER),
    ("I'm 79 and my son threatens me if I don't lend him money", C.ELDER),
    ("I am 81, my nephew says sign the flat over or he'll put me in a care home", C.ELDER),
    ("mijn moeder heeft alzheimer en mijn zwager heeft haar papieren laten tekenen", C.ELDER),
    ("my dad has dementia and 15.000 euro has gone missing from his account", C.ELDER),
    ("oma krijgt haar insuline niet meer van haar dochter omdat het te veel gedoe is", C.ELDER),
    ("my grandad no longer gets his heart medication, my aunt says he doesn't need it", C.ELDER),
    (
        "mijn oom van 86 heeft al duizenden euro's overgemaakt aan een man die hij niet kent",
        C.ELDER,
    ),
    (
        "Ich bin 83 und mein Enkel erpresst mich, ich soll ihm Geld überweisen, sonst droht er",
        C.ELDER,
    ),
    # danger: followed, fire and smoke, a knife after school
    ("er fietst iemand al tien minuten achter me aan, elke bocht die ik neem", C.DANGER),
    ("a car has been following me for twenty minutes, I've turned left three times", C.DANGER),
    ("In unserer Küche brennt es, ich bin mit den Kindern im Flur", C.DANGER),
    ("der Rauch dringt schon unter der Tür durch", C.DANGER),
    ("il y a de la fumée dans le couloir et ça sent le brûlé partout", C.DANGER),
    ("twee jongens gaan me na de training neersteken zeiden ze", C.DANGER),
    ("they pulled a knife on me at the bus stop and said they'll be back", C.DANGER),
    # homeless
    (
        "we zitten met onze koffers op straat met de kinderen, de vriend wil ons niet langer",
        C.HOMELESS,
    ),
    ("we were staying with my cousin but he kicked us out, it's just me and the baby", C.HOMELESS),
    (
        "Man hat uns aus der Wohnung geworfen und wir wissen nicht, wo wir heute Nacht schlafen",
        C.HOMELESS,
    ),
    ("ik moest vanochtend uit de nachtopvang en heb nergens een bed", C.HOMELESS),
    ("I had to leave the women's shelter today and I have two kids", C.HOMELESS),
    ("ik kan vannacht niet naar huis en heb geen geld voor een hostel", C.HOMELESS),
    # medical
    ("Meine Oma kann auf einmal nicht mehr sprechen und ihr Mundwinkel hängt", C.MEDICAL),
    ("unser Baby atmet so schwer und ist ganz blass und schlapp", C.MEDICAL),
    ("mój tata spadł z dachu i nie rusza nogami", C.MEDICAL),
    ("mi hija se tomó unas pastillas de mi bolso y está muy rara", C.MEDICAL),
    ("mijn broer heeft te veel gebruikt en hij wordt niet meer wakker", C.MEDICAL),
    ("my flatmate took something at a party and she won't wake up", C.MEDICAL),
    # suicide
    ("I won't need my bus pass after this month, I've made up my mind about everything", C.SUICIDE),
    ("ik heb besloten, na deze week heb ik mijn abonnement niet meer nodig", C.SUICIDE),
    ("meine Freundin ritzt sich und sagt sie will nicht mehr leben", C.SUICIDE),
    ("mam juz wszystko przygotowane, przepraszam was wszystkich", C.SUICIDE),
    ("nie dam juz rady, jutro to zrobie", C.SUICIDE),
    ("دیگه خسته‌ام، امشب همه چیزو تموم میکنم", C.SUICIDE),
    ("mijn zus staat op de brug en zegt dat ze niet meer wil", C.SUICIDE),
    ("my brother is at the railway and says he doesn't want to live", C.SUICIDE),
    ("mijn moeder zegt dat ze er klaar mee is en ik vond een touw onder haar bed", C.SUICIDE),
    ("my friend says she has taken all her sleeping pills and locked the door", C.SUICIDE),
]


@pytest.mark.parametrize(("text", "kind"), CRISES)
def test_round8_crisis(text: str, kind: CrisisKind) -> None:
    assert kind in assess(text).kinds


NOT_CRISES = [
    "de gemeente heeft het gaslek bij ons in de straat gisteren gerepareerd, komt er nog controle?",
    "the gas leak on our road was fixed last week, when do they close the pavement?",
    "ik wil dood van schaamte, ik stuurde mijn boodschappenlijst naar de hele klassenapp",
    "I wanted to die of embarrassment when I tripped on stage",
    "ik geef volgende maand een les over zelfmoord aan groep 8, heeft de gemeente materiaal?",
    "hoe voer ik als mentor een gesprek over zelfdoding met de klas na dat nieuws?",
    "mijn vader heeft me vroeger geslagen, nu hij overleden is zoek ik een praatgroep",
    "أنا أكتب دراسة عن العنف ضد الأطفال، هل عندكم إحصائيات؟",
    "Je suis infirmière : quelle est la procédure pour signaler une suspicion de violence ?",
    "Я учитель, подскажите порядок действий при подозрении на насилие",
    "Foomkan canshuurta ayaa i dilaya, yaa i caawin kara?",
    "Waxaan ahay macallin, sidee loo soo sheegaa haddii ilmo la dayacay?",
    "ik ga mijn zus echt vermoorden, ze heeft mijn oplader weer gepakt 😂",
    "gonna kill my brother he ate my last cookie lol",
    "my grandma is 90 and keeps her savings in a drawer, is that safe?",
    "my grandad is 88 and keeps his pension at the post office account",
    "we staan met onze koffers buiten te wachten op de taxi naar schiphol",
    "ik heb besloten te verhuizen, na deze maand heb ik de parkeervergunning niet meer nodig",
    "I've made my decision to switch banks, so I won't need this account after next month",
    "ik sta bij de brug maar mijn auto wil niet meer starten",
    "mijn zoon wordt niet wakker van de wekker, hoe krijg ik hem op tijd op school?",
    "I can't wake up early since I started my new medication",
    "mijn vader moet duizenden euro's belasting betalen, kan de gemeente helpen?",
    "we hebben geen geld voor een hotel op vakantie, zijn er goedkope campings?",
    "ik loop met een stok sinds mijn operatie, mijn vader doet dat ook",
    "de kinderen spelen urenlang buiten op het plein, mag dat na tienen?",
]


@pytest.mark.parametrize("text", NOT_CRISES)
def test_round8_near_miss(text: str) -> None:
    assert assess(text).kinds == ()


def test_round8_keeps_savings_by_son_still_elder() -> None:
    found = assess("her son keeps her savings and won't give her any money").kinds
    assert C.ELDER in found


@pytest.mark.parametrize(
    "text",
    [
        "my dad makes me sleep in the shed when I get things wrong",
        "als ik slechte cijfers haal krijg ik klappen van mijn vader",
        "bin 15 und mein Vater schlägt mich jeden Abend",
        "mums new boyfriend is hurting her again, I'm hiding upstairs",
        "mijn oom probeert me steeds aan te raken, mijn oom betast me als niemand thuis is",
        "papa slaat mama weer, ik zit op mijn kamer en ben bang",
        "mama sluit me op in de schuur als ik huil",
    ],
)
def test_round8_young_writer(text: str) -> None:
    result = assess(text)
    assert result.kinds
    assert result.young


def test_round8_joke_silences_the_classifier_too() -> None:
    result = assess("ik vermoord mijn broertje als hij nog één keer mijn fiets pakt 😂")
    assert result.kinds == ()
    assert result.about_topic
