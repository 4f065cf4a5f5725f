"""A sixth round of families must be caught in wordings of their own, in Dutch, English and
the weaker lexicons:

- an older person's bank card, pension or savings taken or kept by a relative or a new
  "friend", the banking taken over and debts after it, medicines kept back or sold, made to
  sign "or else", roughly handled by a carer, shouted at and pushed by a son;
- a child as a neighbour, a teacher or a relative sees it: always hungry, no food at school,
  dirty clothes, bruises, burns or welts, always alone, the fridge empty, a parent on drugs,
  the oldest child caring for the baby, afraid to go home;
- a child punished by confinement or exposure: made to sleep in a cupboard, locked on a
  balcony or in a cellar, put out in the cold in underwear;
- a child who tells of sexual things done by a parent, a secret "or else", pictures demanded
  "or else" the old ones go online, an adult "boyfriend" of a girl of 13, forced marriage;
- a baby shaken ("schud haar baby"), children who have not eaten while a parent stays in bed;
- violence heard or seen: thrown against the wall, pushed down the stairs, locked in by a
  husband, "papa heeft mama geslagen", a friend's brother who hits her;
- danger: a psychotic person with a knife, a group waiting outside after death threats, an
  ex on his way with a knife or coming to kill tonight, the door being kicked in while the
  writer hides in the bathroom;
- medical: blue lips, fell and not answering;
- suicide: self-harm again, a farewell thanking everyone and "no need to call any more",
  messages of love and then no answer, a note and a locked door, "then it need not go on
  for me", better off if I were not alive, nobody will miss me, thinking of jumping on the
  balcony, giving things away "just wanted someone to know", not wanting to wake up in
  transliterated Ukrainian, Russian, Farsi and Egyptian Arabic;
- sleeping in the car with a child as it freezes tonight.

A prevention course, a school presentation, a past report of domestic violence now quiet,
a joke about an exam, a boss who "will kill me", an older person's money managed properly,
a child's bruises from football and sleeping on the balcony in summer must not call a crisis.
"""

import pytest

from nlu import CrisisKind
from nlu.crisis import assess

CRISES = [
    # An older person's money.
    ("mijn neef pakt elke maand de aow van opa en opa heeft geen geld voor eten", CrisisKind.ELDER),
    ("my nephew has grandma's bank card and refuses to give it back", CrisisKind.ELDER),
    ("my uncle keeps withdrawing money from my nan's account, she is 91", CrisisKind.ELDER),
    (
        "mijn vader is 86, mijn zus heeft zijn geldzaken overgenomen en nu heeft hij schulden",
        CrisisKind.ELDER,
    ),
    ("ik ben 78 en mijn kleinzoon houdt mijn pinpas en geeft hem niet terug", CrisisKind.ELDER),
    ("die neue Freundin von meinem Opa hebt seine Rente ab, er ist 88", CrisisKind.ELDER),
    (
        "mi tío le saca el dinero a mi abuela de 90 años y ella no tiene para comer",
        CrisisKind.ELDER,
    ),
    ("ወደይ ገንዘበይ ኩሉ ይወስድ", CrisisKind.ELDER),
    ("پسرش حقوق بازنشستگی پدربزرگم را برمیداره", CrisisKind.ELDER),
    ("мою бабусю сусідка ображає і забирає пенсію", CrisisKind.ELDER),
    ("mijn oma krijgt haar medicijnen niet, mijn oom verkoopt ze", CrisisKind.ELDER),
    (
        "opa moet het huis verkopen en tekenen, anders mag hij de kleinkinderen niet zien",
        CrisisKind.ELDER,
    ),
    ("de thuiszorg pakt mijn moeder heel hardhandig vast, ze is er bang van", CrisisKind.ELDER),
    ("im Heim liegt mein Opa den ganzen Tag in seinem Urin", CrisisKind.ELDER),
    # A child as others see it.
    (
        "het buurmeisje is altijd alleen en vraagt bij ons om eten, ze draagt vieze kleren",
        CrisisKind.CHILD,
    ),
    (
        "a boy in my class comes to school with no lunch every day and has burns on his hands",
        CrisisKind.CHILD,
    ),
    ("de kleine jongen van hiernaast heeft striemen op zijn rug", CrisisKind.CHILD),
    ("the kids upstairs are always alone at night, the mother is on drugs again", CrisisKind.CHILD),
    ("de oudste van 9 moet zorgen voor de baby want mama is er nooit", CrisisKind.CHILD),
    ("mein Nachbarskind hat ständig Hunger und ist immer allein", CrisisKind.CHILD),
    (
        "le petit voisin a toujours faim, il est seul tous les soirs et il a des bleus",
        CrisisKind.CHILD,
    ),
    ("la niña de al lado siempre tiene hambre y tiene moretones en los brazos", CrisisKind.CHILD),
    ("komşunun oğlu hep aç ve kollarında morluklar var", CrisisKind.CHILD),
    ("wiilka yar ee deriska aabihiis ayaa garaaca, nabaro ayuu leeyahay", CrisisKind.CHILD),
    ("ሓወይ ንደቀይ ብበትሪ ይወቕዖም", CrisisKind.CHILD),
    ("мальчику 8 лет, отчим его бьет ремнем каждый день", CrisisKind.CHILD),
    # Punishment by confinement.
    ("als ik stout ben moet ik in de kelder zitten", CrisisKind.CHILD),
    ("my stepmum makes me sleep in the cupboard when i'm bad", CrisisKind.CHILD),
    ("de buurman zet zijn zoontje voor straf buiten in de kou", CrisisKind.CHILD),
    ("el padre encierra a la niña en el sótano como castigo", CrisisKind.CHILD),
    ("sie sperren den kleinen zur Strafe in den Keller", CrisisKind.CHILD),
    # Sexual abuse, sextortion, grooming, forced marriage.
    ("de vriend van mama doet dingen bij me als zij slaapt", CrisisKind.CHILD),
    ("een meisje in mijn groep zegt dat haar oom seksuele dingen doet met haar", CrisisKind.CHILD),
    (
        "hij wil dat ik nieuwe fotos stuur anders zet hij de oude online, ik ben 13",
        CrisisKind.CHILD,
    ),
    (
        "a man in his 40s gives gifts to a 12 year old on our street, calls her his girlfriend",
        CrisisKind.CHILD,
    ),
    ("ik ben 15 en mijn familie wil dat ik na de zomer trouw", CrisisKind.CHILD),
    # Babies and children who have not eaten.
    ("mijn zwager schud zijn baby als die niet stopt met huilen", CrisisKind.CHILD),
    ("mijn zusje en ik hebben sinds gisteren niks gegeten", CrisisKind.CHILD),
    # Violence seen or heard.
    ("ik hoor de buurman zijn vrouw weer tegen de muur gooien", CrisisKind.VIOLENCE),
    ("her husband pushed her down the stairs and took her phone", CrisisKind.VIOLENCE),
    ("mijn zus wordt opgesloten door haar vriend en mag niet naar buiten", CrisisKind.VIOLENCE),
    ("papa heeft mama geschopt en nu bloedt ze", CrisisKind.VIOLENCE),
    ("mn vriendin haar vader slaat haar als ze te laat thuis is", CrisisKind.VIOLENCE),
    ("mon mari m'a encore giflée ce matin, j'ose plus rentrer", CrisisKind.VIOLENCE),
    # Danger.
    ("mijn broer is in een psychose en loopt rond met een mes", CrisisKind.DANGER),
    ("my son is psychotic and holding a kitchen knife, he doesn't recognise us", CrisisKind.DANGER),
    ("na de bedreigingen staan ze nu buiten op me te wachten", CrisisKind.DANGER),
    ("my ex has a knife and is coming over right now", CrisisKind.DANGER),
    ("hij komt me vannacht vermoorden zegt hij", CrisisKind.DANGER),
    ("iemand probeert onze voordeur in te trappen, we zitten in de badkamer", CrisisKind.DANGER),
    ("fi wa7ed ma3o sekkeen odam el beit", CrisisKind.DANGER),
    # Medical.
    ("mijn moeder is gevallen en reageert niet, haar lippen zijn blauw", CrisisKind.MEDICAL),
    ("my grandad fell and isn't answering me", CrisisKind.MEDICAL),
    ("у дитини посиніли губи", CrisisKind.MEDICAL),
    ("ኣቦይ ወዲቑ ኣይዛረብን", CrisisKind.MEDICAL),
    # Suicide.
    ("ik kras mezelf weer, al drie dagen achter elkaar", CrisisKind.SUICIDE),
    ("i started cutting again after two years clean", CrisisKind.SUICIDE),
    (
        "ik wil jullie allemaal gedag zeggen. bedankt, jullie hoeven niet meer te bellen",
        CrisisKind.SUICIDE,
    ),
    (
        "my sister sent us messages that she loves us and now she's not answering her phone",
        CrisisKind.SUICIDE,
    ),
    ("mijn vader heeft een briefje met sorry achtergelaten en reageert niet", CrisisKind.SUICIDE),
    ("als ik mijn baan verlies dan hoeft het voor mij niet meer", CrisisKind.SUICIDE),
    ("it would be better if i was dead honestly", CrisisKind.SUICIDE),
    ("niemand zal me missen", CrisisKind.SUICIDE),
    ("ik zit op het balkon en denk erover om te springen", CrisisKind.SUICIDE),
    ("i've been giving away my things, i won't need them after this week", CrisisKind.SUICIDE),
    ("ya ne khochu bilshe zhyty", CrisisKind.SUICIDE),
    ("nemikham dige bidar besham", CrisisKind.SUICIDE),
    ("mish 3ayza a3ish tani", CrisisKind.SUICIDE),
    (
        "meine Katze ist jetzt bei meinem Bruder, die Briefe sind geschrieben. danke für alles",
        CrisisKind.SUICIDE,
    ),
    # Homeless.
    ("we slapen met de kinderen in de auto en het gaat vannacht vriezen", CrisisKind.HOMELESS),
    ("ምስ ደቀይ መሕደሪ የብለይን", CrisisKind.HOMELESS),
    # More wordings, and the same families in the other lexicons.
    ("mi nieto tiene mi tarjeta y no me la devuelve, tengo 80 años", CrisisKind.ELDER),
    ("mon fils prend toute la retraite de ma mère, elle a 87 ans", CrisisKind.ELDER),
    ("mein Enkel hat meine Bankkarte und gibt sie nicht zurück, ich bin 79", CrisisKind.ELDER),
    ("wiilkeeda ayaa qaata lacagta hawlgabka ee ayeeyo", CrisisKind.ELDER),
    (
        "de nieuwe vriend van mijn moeder (79) heeft haar hele spaarrekening leeggehaald",
        CrisisKind.ELDER,
    ),
    ("les enfants des voisins sont toujours seuls, ils ont faim et sont sales", CrisisKind.CHILD),
    ("de juf zag dat een kleuter sigarettenbrandjes op zijn arm heeft", CrisisKind.CHILD),
    (
        "my daughter's friend (10) always comes to our house hungry and has bruises",
        CrisisKind.CHILD,
    ),
    ("het meisje van de overburen zit elke avond alleen thuis en heeft honger", CrisisKind.CHILD),
    ("ma mère m'enferme dans le placard quand je suis méchant", CrisisKind.CHILD),
    ("babam beni ceza olarak balkona kilitliyor", CrisisKind.CHILD),
    ("mama zamyka mnie w szafie za karę", CrisisKind.CHILD),
    ("отец запирает меня в кладовке в наказание", CrisisKind.CHILD),
    ("أبوي يقفل علي في الحمام كعقاب", CrisisKind.CHILD),
    ("ik heb mezelf vannacht weer gekrast, het bloedt nog", CrisisKind.SUICIDE),
    ("me he vuelto a cortar los brazos", CrisisKind.SUICIDE),
    ("gracias por todo, solo quería despedirme de todos", CrisisKind.SUICIDE),
    ("спасибо за всё, хотел попрощаться со всеми", CrisisKind.SUICIDE),
    ("herkese veda etmek istedim, her şey için teşekkürler", CrisisKind.SUICIDE),
    (
        "he sent us a message saying sorry for everything and now he's not picking up",
        CrisisKind.SUICIDE,
    ),
    ("vsim bude krashche bez mene", CrisisKind.SUICIDE),
    ("luchshe by menya ne bylo", CrisisKind.SUICIDE),
    ("behtare ke nabasham", CrisisKind.SUICIDE),
    ("ahsan law ma kont mawgood", CrisisKind.SUICIDE),
    ("mon frère est en pleine psychose avec un couteau", CrisisKind.DANGER),
    (
        "er staan drie mannen beneden op me te wachten, ze willen me in elkaar slaan",
        CrisisKind.DANGER,
    ),
    ("a group of guys is waiting for me outside, they said they would stab me", CrisisKind.DANGER),
    ("un groupe de jeunes m'attend en bas, ils m'ont menacé de mort", CrisisKind.DANGER),
    ("mi madre se cayó y no responde", CrisisKind.MEDICAL),
    ("annem düştü ve cevap vermiyor, dudakları mor", CrisisKind.MEDICAL),
    ("أبي وقع وما يرد", CrisisKind.MEDICAL),
    ("the neighbour is beating his wife again, i can hear her screaming", CrisisKind.VIOLENCE),
    ("he smashed her head against the wall last night", CrisisKind.VIOLENCE),
    ("мама зачиняє мене в шафі, коли я погано поводжуся", CrisisKind.CHILD),
    ("پدرم برای تنبیه منو توی کمد زندانی میکنه", CrisisKind.CHILD),
    ("дякую за все, хотіла попрощатися з усіма", CrisisKind.SUICIDE),
    ("je me suis encore coupée les bras hier soir", CrisisKind.SUICIDE),
    ("znowu się tnę, nie mogę przestać", CrisisKind.SUICIDE),
    ("دوباره خودمو زخمی کردم", CrisisKind.SUICIDE),
    ("син у психозі і тримає ніж", CrisisKind.DANGER),
    ("un grupo de chicos me está esperando abajo, me amenazaron de muerte", CrisisKind.DANGER),
    ("группа парней ждёт меня у подъезда, угрожали убить", CrisisKind.DANGER),
    ("bir grup adam aşağıda beni bekliyor, beni öldürmekle tehdit ettiler", CrisisKind.DANGER),
    ("پدرم افتاد و جواب نمیده، لباش کبود شده", CrisisKind.MEDICAL),
    ("aabahay wuu dhacay mana jawaabayo", CrisisKind.MEDICAL),
]

NOT_CRISES = [
    "we willen een cursus over suïcidepreventie voor onze vrijwilligers",
    "is there a suicide awareness workshop for teachers?",
    "mijn dochter houdt een spreekbeurt over zelfmoord bij dieren, waar vindt ze informatie",
    "vorig jaar heb ik huiselijk geweld gemeld bij de buren, hij is inmiddels weg en het is rustig",
    "dat proefwerk wiskunde, ik wil dood haha. is de bieb morgen open?",
    "my boss will kill me if i'm late again, is the tram running?",
    "mijn moeder is 84 en ik beheer haar bankzaken, hoe vraag ik bewindvoering aan?",
    "mijn zoontje heeft blauwe plekken van het voetballen, moet ik naar de huisarts?",
    "in de zomer slapen we soms op het balkon als het te warm is",
    "ik moet de fiets in de schuur zetten voor de storm",
    "the boy next door always has bruises, is there a way to report that anonymously",
    "ik slaap al maanden slecht, kan ik een slaapcursus volgen",
    "ik heb mijn oude kinderfiets weggegeven aan de buren",
    "mijn oma is 90 geworden, we geven een feest in het buurthuis",
    "bedankt voor alles, de aanvraag is rond",
    "ik snij mezelf vaak per ongeluk bij het koken, waar haal ik een ehbo-doos",
    "de kinderen spelen op het balkon, mag dat van de woningbouw?",
    "mi abuela tiene 85 años y yo le cobro la pensión, ¿necesito un poder notarial?",
    "meine Mutter ist 81, ich verwalte ihre Rente, wie bekomme ich eine Vollmacht?",
    "the kids are always hungry after football, where is the cheapest supermarket",
    "onze baby heeft eczeem en wondjes op zijn benen",
    "bedankt voor alles, jullie hoeven niet meer te bellen want ik heb een huis gevonden",
    "het is mijn laatste dag op het werk, ik wil iedereen gedag zeggen",
    "I think about jumping into the pool every summer",
    "opa moet een formulier tekenen anders krijgt hij geen toeslag",
    "the neighbours threatened to call the police about the noise, they are waiting outside",
    "een groep jongeren staat altijd buiten bij de supermarkt te roken",
    "als straf mag hij een week niet gamen",
    "mijn dochter moet voor straf haar kamer opruimen",
    "ik kras mezelf soms per ongeluk aan de rozenstruik",
    "waar kan ik mijn oude kleren weggeven?",
    "my boss will murder me if i'm late again, is the ring road open?",
    "mijn vader van 80 heeft zijn pinpas verloren, hoe blokkeer ik die?",
    "merci pour tout, au revoir",
    "znowu tnę koszty w firmie",
    "je me suis encore coupée en cuisinant",
    "знову різала овочі для салату",
    "mi hermano me está esperando abajo con el coche",
    "ممنون از همه چیز، خداحافظ",
    "дякую за все, до побачення",
]


@pytest.mark.parametrize(("text", "kind"), CRISES)
def test_sixth_round_families(text: str, kind: CrisisKind) -> None:
    assert kind in assess(text).kinds, text


@pytest.mark.parametrize("text", NOT_CRISES)
def test_sixth_round_near_misses(text: str) -> None:
    assert assess(text).kinds == (), text


@pytest.mark.parametrize(
    "text",
    [
        "als ik stout ben moet ik in de kast slapen",
        "my mum's boyfriend touches me and says i can't tell",
        "bin 13 und ritze mich wieder",
    ],
)
def test_sixth_round_young_writers(text: str) -> None:
    found = assess(text)
    assert found.kinds, text
    assert found.young, text
