"""Life events (the seeds' sleutelmomenten) and the help to think of after each.

After a partner dies, a diagnosis, a job lost, a divorce, a baby, a move, retirement or
becoming a carer, several provisions matter at once and a resident rarely knows them all.
A VraagWijzer desk worker names the two to four that matter most; so does the assistant,
with an offer to talk. The kinds of help are service types (spec/service-types.yaml), so
each municipality's own catalogue fills them in.
"""

from __future__ import annotations

from nlu import LifeEvent

# Most relevant first; the reply shows at most MAX_BUNDLE of those the catalogue has.
BUNDLES: dict[LifeEvent, tuple[str, ...]] = {
    LifeEvent.PARTNER_DIED: (
        "rouwverwerking",
        "maatje",
        "thuisadministratie",
        "huisbezoek_ouderen",
    ),
    LifeEvent.DIAGNOSIS: (
        "clientondersteuning",
        "mantelzorgsteunpunt",
        "dementie_ondersteuning",
        "ggz_inloop",
    ),
    LifeEvent.JOB_LOSS: ("werkloket", "minimaregeling", "budgetcoach", "schuldhulpverlening"),
    LifeEvent.DIVORCE: ("scheidingsloket", "cjg", "budgetcoach", "wooncoach"),
    LifeEvent.BABY: ("cjg", "minimaregeling", "opvoedondersteuning"),
    LifeEvent.MOVING: ("wooncoach", "buurthuis", "woonscan"),
    LifeEvent.RETIREMENT: ("vrijwilligerscentrale", "beweegaanbod", "buurthuis", "woonscan"),
    LifeEvent.BECOMING_CARER: (
        "mantelzorgsteunpunt",
        "respijtzorg",
        "mantelzorgwaardering",
        "clientondersteuning",
    ),
}
MAX_BUNDLE = 3
# A message this short names a topic ("mantelzorg waardering aanvragen"), not a story
# about a moment in life.
MIN_WORDS = 8
