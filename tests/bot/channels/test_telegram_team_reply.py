"""Issue 15 on Telegram: a resident who chose "Hier in de chat" reads the district team's
answer in Telegram, and the team reads the resident's reply on the ticket page. Through
the real channel (python-telegram-bot) and the fake Bot API, and the console's own page."""

from __future__ import annotations

import asyncio

from fastapi.testclient import TestClient

from bot.web.app import create_app
from tests.bot.channels.test_telegram import CHAT, STORY, press, replies_after, say, texts_of
from tests.bot.console_client import as_user, csrf_token
from tests.bot.telegram_helpers import run


def test_the_team_answers_a_chat_referral_in_telegram(staff_app, fake, logins):
    with TestClient(create_app(staff_app), raise_server_exceptions=False) as console:
        team = as_user(console, logins, "team-lindenhof")

        def team_does(reference: str, action: str, **data: str) -> int:
            page = team.get(f"/console/tickets/{reference}")
            return team.post(
                f"/console/tickets/{reference}/{action}",
                data={"csrf_token": csrf_token(page.text), **data},
                follow_redirects=False,
            ).status_code

        async def scenario(channel):
            await say(fake, STORY, expect="Vindt u dat goed")
            await press(fake, "Ja, dat is goed", expect="Hier in de chat")
            await press(fake, "Hier in de chat", expect="postcode")
            await say(fake, "4121 AB", expect="noemen")
            await press(fake, "Overslaan", expect="Zal ik het versturen")
            await press(fake, "Versturen", expect="cliëntondersteuner")
            (ticket,) = staff_app.tickets.list("wt-lindenhof")

            # Picked up: the resident reads that, and nothing about contact.
            before = len(fake.sent(CHAT))
            assert await asyncio.to_thread(team_does, ticket.reference, "claim") == 303
            picked = await replies_after(fake, before, expect="opgepakt")
            assert "Wijkteam Lindenhof heeft uw vraag" in texts_of(picked)
            assert "contact met u gehad" not in texts_of(picked)

            # The team's answer arrives in Telegram, as a person's message.
            before = len(fake.sent(CHAT))
            status = await asyncio.to_thread(
                team_does,
                ticket.reference,
                "reply",
                text="Goedemiddag, ik ben van het wijkteam. Mag ik u dinsdag bellen?",
                form_id="t1",
            )
            assert status == 303
            answer = await replies_after(fake, before, expect="Mag ik u dinsdag bellen?")
            assert "Een medewerker of vrijwilliger schrijft:" in texts_of(answer)

            # The resident's reply shows on the ticket page.
            fake.text(CHAT, "Ja, dinsdagochtend is goed")
            for _ in range(100):
                page = await asyncio.to_thread(team.get, f"/console/tickets/{ticket.reference}")
                if "Ja, dinsdagochtend is goed" in page.text.split('id="chat"')[1]:
                    break
                await asyncio.sleep(0.05)
            else:
                raise AssertionError("the resident's reply is not on the ticket page")
            return ticket.reference

        reference = run(staff_app, fake, scenario)
    assert staff_app.tickets.get(reference).status.value == "contacted"
