"""What people read for the roll-ups' keys: a living domain's name, a language's name in
the reader's language, a team's and a provision's name. The page, the CLI and the JSON
endpoint use the same labels (the CLI and the endpoint in the default language)."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError

from bot.insights import measures as m
from bot.insights.report import Labeler
from bot.platform.i18n import Texts
from handoff import Directory
from knowledge_base import Catalogue
from knowledge_base import domains as living_domains


def labeler(texts: Texts, directory: Directory, catalogue: Catalogue) -> Labeler:
    gettext = texts.gettext
    routes = {
        "answer": gettext("Answered"),
        "referral": gettext("Referred to the district team"),
        "crisis": gettext("Crisis"),
        "other": gettext("Other"),
    }
    channels = {"web": gettext("Website"), "telegram": "Telegram"}
    crises = {
        "suicide": gettext("Suicidal thoughts"),
        "violence": gettext("Violence at home"),
        "medical": gettext("Medical emergency"),
        "child": gettext("Child in danger"),
        "elder": gettext("Abuse of an older person"),
        "danger": gettext("Acute danger"),
        "homeless": gettext("No roof tonight"),
        "unspecified": gettext("Not specified"),
    }
    known_domains = living_domains()
    in_english = texts.locale == "en"

    def label(measure: str, key: str) -> str:
        if measure == m.DOMAIN:
            found = known_domains.get(key)
            return (found.en if in_english else found.nl) if found else key
        if measure == m.ROUTE:
            return routes.get(key, key)
        if measure == m.CHANNEL:
            return channels.get(key, key)
        if measure == m.CRISIS:
            return crises.get(key, key)
        if measure == m.LANGUAGE:
            try:
                return Locale.parse(key).get_display_name(texts.locale) or key
            except (ValueError, UnknownLocaleError):
                return gettext("Unknown")
        if measure in (m.SHOWN, m.HELPFUL, m.UNFIT):
            provision = catalogue.provision(key)
            return provision.name if provision else key
        if measure.startswith("ref_"):
            team = directory.team(key)
            return team.name if team else key
        if measure in (m.CONVERSATIONS,):
            return gettext("Conversations")
        if measure == m.TAKEOVER:
            return gettext("Taken over by a volunteer")
        return key

    return label
