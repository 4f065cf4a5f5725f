"""The names of what the daily roll-ups count (``InsightCount.measure`` and its ``key``).

Every measure counts conversations of one day (the day it started) in one district, or
referrals of one day (by their own events); a conversation counts once per key.
"""

from __future__ import annotations

# Conversations with at least one message from the resident; key "".
CONVERSATIONS = "conversations"
# Key: a living domain id (../shared/spec/domains.yaml); a conversation may have several.
DOMAIN = "domain"
# Key: the most serious route the conversation took: crisis, referral, answer or other.
ROUTE = "route"
ROUTES = ("answer", "referral", "crisis", "other")
# Key: the language of the resident's first message (ISO 639-1).
LANGUAGE = "language"
# Key: web or telegram.
CHANNEL = "channel"
# Key: a provision id: shown on a card; then "Dit helpt me" and "Dit past niet" on it.
SHOWN = "shown"
HELPFUL = "helpful"
UNFIT = "unfit"
# Key: a theme (bot/insights/themes.py): a question no provision fitted, or "Dit past niet".
UNMET = "unmet"
# Key: "theme|phrase": a masked two-word phrase of such a question, shown only when at
# least VRAAGWIJZER_INSIGHTS_MIN_COUNT conversations of the period share it.
UNMET_PHRASE = "unmet_phrase"
# A volunteer took the conversation over; key "".
TAKEOVER = "takeover"
# Key: the crisis kind (nlu CrisisKind), or "unspecified".
CRISIS = "crisis"

# Referrals, by the district of the ticket; key: the team id, unless said otherwise.
REF_CREATED = "ref_created"
REF_ACCEPTED = "ref_accepted"  # first taken up ("Opgepakt") that day
REF_CONTACTED = "ref_contacted"  # first contact with the resident recorded that day
REF_CLOSED = "ref_closed"  # key "team|outcome"
REF_LATE = "ref_late"  # made that day, and not contacted by the due date
REF_REROUTED = "ref_rerouted"  # sent on to another team that day (key: the team it left)
# Key "team|hours": first contacted that day, within at most that many hours of being
# made (the bucket's upper bound, "more" for longer).
REF_FIRST_CONTACT = "ref_first_contact"
FIRST_CONTACT_HOURS = (4, 8, 24, 48, 72, 120, 240)
MORE = "more"

SEP = "|"
