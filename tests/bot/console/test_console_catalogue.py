"""Content editors keep the catalogue in the console: what they change is what residents
find, mistakes are shown next to the field, and nothing is lost or half-saved."""

from __future__ import annotations

import html
import re

import pytest

from tests.bot.console_client import csrf_token, sign_in


@pytest.fixture
def editor(console, logins):
    sign_in(console, "eline", logins["eline"].password)
    return console


def form_fields(html: str) -> dict[str, object]:
    """What the browser would post for this edit page, unchanged."""
    form = html[html.index('<form method="post" action="/console/catalogue/') :]
    form = form[: form.index("</form>")]
    fields: dict[str, object] = {}
    for match in re.finditer(r"<input ([^>]*)>", form):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', match.group(1)))
        name = attrs.get("name")
        if not name:
            continue
        if attrs.get("type") == "checkbox":
            if " checked" in match.group(1):
                fields.setdefault(name, []).append(attrs.get("value", "on"))  # type: ignore[union-attr]
            continue
        fields[name] = _unescape(attrs.get("value", ""))
    for match in re.finditer(r'<textarea [^>]*name="(\w+)"[^>]*>(.*?)</textarea>', form, re.S):
        fields[match.group(1)] = _unescape(match.group(2))
    for match in re.finditer(r'<select [^>]*name="(\w+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', match.group(2))
        fields[match.group(1)] = chosen.group(1) if chosen else ""
    return fields


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


def provision_id(app, name_part: str = "Klusdienst Centrum") -> str:
    return next(p.id for p in app.catalogue.provisions() if name_part in p.name)


@pytest.fixture
def target(staff_app):
    return provision_id(staff_app)


def test_the_list_shows_provisions_and_filters_them(editor, staff_app):
    page = editor.get("/console/catalogue")
    assert page.status_code == 200
    assert "Buurthuis De Linde" in page.text
    assert "Volgende" in page.text  # more than one page
    stale = editor.get("/console/catalogue?status=stale")
    expected = len(staff_app.catalogue.stale(staff_app.today()))
    assert f"{expected} voorziening" in stale.text
    one_type = editor.get("/console/catalogue?type=voedselbank&status=all")
    assert "Voedselbank" in one_type.text
    assert "Wijkteam Centrum" not in one_type.text
    searched = editor.get("/console/catalogue?q=wijkteam+centrum")
    assert "Wijkteam Centrum" in searched.text
    assert "Wijkteam Oost" not in searched.text


def test_odd_filters_do_not_break_the_list(editor):
    for query in ("page=-3", "page=abc", "status=<script>", "q=" + "x" * 5000, "district=nowhere"):
        response = editor.get(f"/console/catalogue?{query}")
        assert response.status_code == 200, query
        assert "<script>" not in response.text


def test_an_edit_shows_up_in_the_residents_search_and_the_history(editor, staff_app, target):
    page = editor.get(f"/console/catalogue/{target}")
    fields = form_fields(page.text)
    fields["keywords"] = f"{fields['keywords']}, dakgootreiniging".strip(", ")
    saved = editor.post(f"/console/catalogue/{target}", data=fields, follow_redirects=False)
    assert saved.status_code == 303, saved.text[:2000]
    assert saved.headers["location"] == f"/console/catalogue/{target}?saved=1"
    assert [r.provision.id for r in staff_app.catalogue.search("dakgootreiniging")] == [target]
    history = editor.get(f"/console/catalogue/{target}/history")
    assert "Eline (redactie)" in history.text
    assert "dakgootreiniging" in history.text


def test_saving_the_form_unchanged_changes_nothing(editor, staff_app, target):
    before = staff_app.catalogue.entry(target)
    fields = form_fields(editor.get(f"/console/catalogue/{target}").text)
    editor.post(f"/console/catalogue/{target}", data=fields)
    after = staff_app.catalogue.entry(target)
    assert after is not None
    assert before is not None
    assert after.version == before.version
    assert after.service == before.service


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("postcode", "1234", "Postcode</a>: Vul een Nederlandse postcode in, zoals 4101 AB."),
        ("opening_hours", "ma 14:00-12:00", "Een sluitingstijd komt vóór de openingstijd."),
        ("opening_hours", "maandag de hele dag", "Schrijf dagen en tijden zo:"),
        ("name", "", "Naam</a>: Vul dit in."),
        ("name", "X", "Naam</a>: Te kort: schrijf minstens 2 tekens."),
        ("cost_amount", "gratis", "Vul een bedrag in euro in, zoals 2,50."),
    ],
)
def test_a_mistake_is_shown_next_to_its_field_and_nothing_is_saved(
    editor, staff_app, target, field, value, message
):
    before = staff_app.catalogue.entry(target)
    assert before is not None
    fields = form_fields(editor.get(f"/console/catalogue/{target}").text)
    fields[field] = value
    response = editor.post(f"/console/catalogue/{target}", data=fields)
    assert response.status_code == 422
    assert f'id="{field}-problem"' in response.text or f"{field}-problem" in response.text
    assert message in html.unescape(response.text)
    # Said in Dutch with the field's label, never pydantic's English with a column name.
    assert "String should" not in response.text
    assert "name:" not in response.text
    # What the editor typed is still there to fix; the heading still names the provision.
    assert f'value="{value}"' in response.text or value == ""
    assert f"<h1>{html.escape(before.service.name)}</h1>" in response.text
    assert staff_app.catalogue.entry(target) == before


def test_a_forged_form_is_refused_and_changes_nothing(editor, staff_app, target):
    before = staff_app.catalogue.entry(target)
    fields = form_fields(editor.get(f"/console/catalogue/{target}").text)
    fields["name"] = "Overgenomen"
    fields["csrf_token"] = "forged"
    response = editor.post(f"/console/catalogue/{target}", data=fields)
    assert response.status_code == 403
    assert "verlopen" in response.text
    assert staff_app.catalogue.entry(target) == before


def test_two_editors_at_once_do_not_overwrite_each_other(editor, staff_app, target):
    first = form_fields(editor.get(f"/console/catalogue/{target}").text)
    second = dict(first)
    first["summary"] = "De eerste versie van de samenvatting."
    second["summary"] = "De tweede versie van de samenvatting."
    assert editor.post(f"/console/catalogue/{target}", data=first).status_code == 200
    conflict = editor.post(f"/console/catalogue/{target}", data=second)
    assert conflict.status_code == 409
    assert "Iemand anders heeft deze voorziening gewijzigd" in conflict.text
    entry = staff_app.catalogue.entry(target)
    assert entry is not None
    assert entry.service.summary == "De eerste versie van de samenvatting."


def test_a_double_submit_is_one_change(editor, staff_app, target):
    fields = form_fields(editor.get(f"/console/catalogue/{target}").text)
    fields["summary"] = "Een nieuwe samenvatting, twee keer verstuurd."
    editor.post(f"/console/catalogue/{target}", data=fields)
    editor.post(f"/console/catalogue/{target}", data=fields)
    updates = [c for c in staff_app.catalogue.history(target) if c.action == "update"]
    assert len(updates) == 1


def test_a_new_provision_from_a_copy(editor, staff_app, target):
    fields = form_fields(editor.get(f"/console/catalogue/new?copy={target}").text)
    assert fields["id"] == ""
    fields["id"] = "klussendienst-nieuwbouw"
    fields["name"] = "Klussendienst Nieuwbouw"
    created = editor.post("/console/catalogue/new", data=fields, follow_redirects=False)
    assert created.status_code == 303, created.text[:2000]
    assert staff_app.catalogue.provision("klussendienst-nieuwbouw") is not None
    again = editor.post("/console/catalogue/new", data=fields)
    assert again.status_code == 422
    assert "Er is al een voorziening met deze id." in again.text


def test_retire_hides_it_from_residents_and_restore_brings_it_back(editor, staff_app, target):
    page = editor.get(f"/console/catalogue/{target}")
    version = form_fields(page.text)["version"]
    token = csrf_token(page.text)
    editor.post(
        f"{'/console/catalogue/' + target}/retire", data={"csrf_token": token, "version": version}
    )
    assert staff_app.catalogue.provision(target) is None
    page = editor.get(f"/console/catalogue/{target}")
    assert "Inwoners zien deze voorziening niet meer." in page.text
    assert "Weer tonen aan inwoners" in page.text
    assert target not in editor.get("/console/catalogue").text
    assert target in editor.get("/console/catalogue?status=retired").text
    version = form_fields(page.text)["version"]
    editor.post(
        f"/console/catalogue/{target}/restore", data={"csrf_token": token, "version": version}
    )
    assert staff_app.catalogue.provision(target) is not None


def test_mark_as_checked_sets_today_and_the_editor(editor, staff_app, target):
    page = editor.get(f"/console/catalogue/{target}")
    editor.post(
        f"/console/catalogue/{target}/checked",
        data={"csrf_token": csrf_token(page.text), "version": form_fields(page.text)["version"]},
    )
    entry = staff_app.catalogue.entry(target)
    assert entry is not None
    assert entry.service.last_reviewed == staff_app.today()
    assert entry.service.reviewed_by == "Eline (redactie)"
    assert target not in {e.id for e in staff_app.catalogue.stale(staff_app.today())}


def test_html_in_a_provision_is_shown_as_text(editor, staff_app, target):
    fields = form_fields(editor.get(f"/console/catalogue/{target}").text)
    fields["name"] = '<script>alert("x")</script> Klussen'
    editor.post(f"/console/catalogue/{target}", data=fields)
    listing = editor.get("/console/catalogue?q=klussen")
    assert "<script>alert" not in listing.text
    assert "&lt;script&gt;alert" in listing.text


def test_an_unknown_provision_is_a_plain_not_found(editor):
    response = editor.get("/console/catalogue/bestaat-niet")
    assert response.status_code == 404
    assert "Er is geen voorziening met dit id" in response.text


def test_domains_that_follow_the_kind_of_help_keep_following_it(editor, staff_app):
    target = next(
        e.service.id
        for e in staff_app.catalogue.entries()
        if e.service.domains is None and e.service.service_types == ["schuldhulpverlening"]
    )
    fields = form_fields(editor.get(f"/console/catalogue/{target}").text)
    assert fields["domains"] == ["money"]  # shown ticked
    fields["service_types"] = ["klussendienst"]
    assert editor.post(f"/console/catalogue/{target}", data=fields).status_code == 200
    entry = staff_app.catalogue.entry(target)
    assert entry is not None
    assert entry.service.domains is None
    assert entry.service.resolved_domains() == ["daily_living", "housing"]


def test_an_unchanged_form_with_several_groups_is_no_change(editor, staff_app):
    target = next(
        e.service.id for e in staff_app.catalogue.entries() if len(e.service.eligibility.groups) > 1
    )
    before = staff_app.catalogue.entry(target)
    fields = form_fields(editor.get(f"/console/catalogue/{target}").text)
    editor.post(f"/console/catalogue/{target}", data=fields)
    after = staff_app.catalogue.entry(target)
    assert after is not None
    assert before is not None
    assert after.version == before.version


def test_odd_characters_in_a_form_are_problems_not_errors(editor, staff_app, target):
    fields = form_fields(editor.get(f"/console/catalogue/{target}").text)
    for field, value in (("min_age", "²"), ("phone", "0" * 60), ("summary", "Hallo\x00daar")):
        odd = {**fields, field: value}
        response = editor.post(f"/console/catalogue/{target}", data=odd)
        assert response.status_code == 422, field


def test_the_list_also_finds_provisions_by_words_in_their_description(editor, staff_app):
    entry = next(e for e in staff_app.catalogue.entries() if not e.retired)
    word = next(
        w
        for w in entry.service.description.split()
        if len(w) > 8 and w.isalpha() and w.lower() not in entry.service.name.lower()
    )
    listing = editor.get(f"/console/catalogue?q={word}")
    assert html.escape(entry.service.name) in listing.text


def as_browser_sends(fields: dict[str, object]) -> dict[str, object]:
    """A browser sends a text area's line breaks as CRLF."""
    return {k: v.replace("\n", "\r\n") if isinstance(v, str) else v for k, v in fields.items()}


def test_an_unchanged_form_from_a_browser_is_no_change_and_no_history(editor, staff_app):
    target = next(
        e.service.id
        for e in staff_app.catalogue.entries()
        if "\n" in e.service.description.strip() and e.service.description_en
    )
    before = staff_app.catalogue.entry(target)
    assert before is not None
    fields = form_fields(editor.get(f"/console/catalogue/{target}").text)
    saved = editor.post(f"/console/catalogue/{target}", data=as_browser_sends(fields))
    assert saved.status_code == 200
    after = staff_app.catalogue.entry(target)
    assert after is not None
    assert after.version == before.version
    assert [c.action for c in staff_app.catalogue.history(target)] == []
    assert "gewijzigd" not in editor.get(f"/console/catalogue/{target}/history").text


def test_the_history_shows_the_words_that_changed_and_nothing_else(editor, staff_app, target):
    entry = staff_app.catalogue.entry(target)
    assert entry is not None
    fields = form_fields(editor.get(f"/console/catalogue/{target}").text)
    words = str(fields["description"]).split(" ")
    old_word = words[3]
    words[3] = "vriendelijke"
    fields["description"] = " ".join(words)
    editor.post(f"/console/catalogue/{target}", data=as_browser_sends(fields))
    page = editor.get(f"/console/catalogue/{target}/history").text
    struck = re.findall(r"<del>(.*?)</del>", page, re.S)
    added = re.findall(r"<ins>(.*?)</ins>", page, re.S)
    assert [html.unescape(s) for s in struck] == [old_word]
    assert added == ["vriendelijke"]
    assert "<dt>Wat het biedt</dt>" in page
    # The English text, untouched, is not in the history.
    assert "Wat het biedt, in het Engels" not in page
    assert page.count("<dt>") == 1


def test_a_change_of_line_endings_alone_is_not_shown_as_a_change(editor, staff_app, target):
    """A history entry recorded before line endings were evened out shows nothing: no
    "gewijzigd" for a save that changed nothing one can see."""
    entry = staff_app.catalogue.entry(target)
    assert entry is not None
    crlf = entry.service.model_copy(
        update={"description": entry.service.description.replace("\n", "\r\n") + "\r\n "}
    )
    if crlf.description == entry.service.description:
        crlf = entry.service.model_copy(update={"description": entry.service.description + "  "})
    staff_app.catalogue.save(crlf, changed_by="Oude versie", expected_version=entry.version)
    page = editor.get(f"/console/catalogue/{target}/history").text
    assert "Oude versie" not in page


def test_the_editors_search_puts_what_residents_find_first(editor):
    page = editor.get("/console/catalogue?q=schuldhulp").text
    rows = re.findall(r'<td data-label="Naam"><a href="/console/catalogue/([^"]+)"', page)
    assert rows[0] == "schuldhulp-kredietbank"
    assert len(rows) > 1
    assert "beste treffer eerst" in page


def test_the_retire_button_says_what_it_does(editor, target):
    page = editor.get(f"/console/catalogue/{target}").text
    assert "Niet meer tonen</button>" in page
    assert 'class="danger"' not in page
    assert "Stoppen" not in page


def test_the_preview_shows_the_residents_card_and_b1_hints(editor, staff_app, target):
    page = editor.get(f"/console/catalogue/{target}").text
    entry = staff_app.catalogue.entry(target)
    assert entry is not None
    # The card as the chat shows it, from the stored values, with the widget's words.
    card = page[page.index('id="preview-card"') :]
    assert html.escape(entry.service.name) in card
    assert "Meer informatie" in card
    assert "<details" in card
    assert "<details open" not in card

    fields = form_fields(page)
    fields["name"] = "Klusjes aan huis"
    fields["summary"] = "Hulp bij kleine klussen."
    fields["cost"] = "fixed"
    fields["cost_amount"] = "2,50"
    fields["cost_unit"] = "per klus"
    fields["phone"] = "0344 55 12 34"
    fields["description"] = (
        "De gemeente gaat eerst indiceren. Daarna wordt u door een vrijwilliger geholpen."
    )
    preview = editor.post("/console/catalogue/new/preview", data=fields)
    assert preview.status_code == 200
    text = html.unescape(preview.text)
    assert "Klusjes aan huis" in text
    assert "Hulp bij kleine klussen." in text
    assert "€ 2,50 per klus" in text or "€\xa02,50 per klus" in text
    assert "0344 55 12 34" in text
    assert "“indiceren” is een moeilijk woord. Schrijf bijvoorbeeld: “bepalen welke hulp" in text
    assert "Lijdende vorm (“wordt … geholpen”)" in text
    # Nothing was saved by looking.
    assert staff_app.catalogue.entry(target) == entry


def test_a_form_with_problems_still_shows_its_hints_and_a_preview(editor, staff_app, target):
    fields = form_fields(editor.get(f"/console/catalogue/{target}").text)
    fields["postcode"] = "12"
    fields["audience"] = "Voor inwoners met een maatwerkvoorziening van de gemeente."
    page = editor.post(f"/console/catalogue/{target}", data=fields)
    assert page.status_code == 422
    assert 'id="audience-hints"' in page.text
    assert "hulp die bij u past" in html.unescape(page.text)
    assert 'aria-describedby="audience-hints"' in page.text
