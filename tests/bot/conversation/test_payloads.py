"""Button payloads: one typed place builds and reads them, on an unchanged wire format."""

from __future__ import annotations

import pytest

from bot.conversation import payloads
from bot.conversation.payloads import BARE_KINDS, Payload, PayloadKind
from bot.conversation.states import State, is_handoff_state
from nlu import Act

# The exact strings stored with messages, sent as Telegram callback data and read by the
# widget and the evaluation tools. They must never change.
WIRE = {
    payloads.ASK_TEAM: "ask:team",
    payloads.ASK_PERSON: "ask:person",
    payloads.ASK_MELDING: "ask:melding",
    payloads.ASK_DISTRICT: "ask:district",
    payloads.CRISIS_SAFE: "crisis:safe",
    payloads.CRISIS_UNSAFE: "crisis:unsafe",
    payloads.FEEDBACK_YES: "feedback:yes",
    payloads.FEEDBACK_NO: "feedback:no",
    payloads.FORGET_YES: "forget:yes",
    payloads.FORGET_NO: "forget:no",
    payloads.HANDOFF_YES: "handoff:yes",
    payloads.HANDOFF_NO: "handoff:no",
    payloads.HANDOFF_PHONE: "handoff:phone",
    payloads.HANDOFF_EMAIL: "handoff:email",
    payloads.HANDOFF_CHAT: "handoff:chat",
    payloads.HANDOFF_VISIT: "handoff:visit",
    payloads.HANDOFF_STOP: "handoff:stop",
    payloads.HANDOFF_MORNING: "handoff:morning",
    payloads.HANDOFF_AFTERNOON: "handoff:afternoon",
    payloads.HANDOFF_EVENING: "handoff:evening",
    payloads.HANDOFF_ANY: "handoff:any",
    payloads.HANDOFF_UNKNOWN: "handoff:unknown",
    payloads.HANDOFF_SKIP: "handoff:skip",
    payloads.HANDOFF_SEND: "handoff:send",
    payloads.HANDOFF_CHANGE: "handoff:change",
    payloads.HANDOFF_CHANGE_CONTACT: "handoff:change-contact",
    payloads.HANDOFF_CHANGE_POSTCODE: "handoff:change-postcode",
    payloads.HANDOFF_CHANGE_NAME: "handoff:change-name",
    payloads.LOCATION: "location",
    payloads.RESTART: "restart",
    payloads.STATUS: "status",
    payloads.STOP: "stop",
    payloads.lang("en"): "lang:en",
    payloads.lang("nl"): "lang:nl",
    payloads.show("bijzondere-bijstand"): "show:bijzondere-bijstand",
    payloads.district("centrum"): "district:centrum",
    payloads.handoff_email("a@b.nl"): "handoff:email=a@b.nl",
}


@pytest.mark.parametrize(("payload", "wire"), list(WIRE.items()), ids=list(WIRE.values()))
def test_the_wire_strings_are_exactly_the_old_ones(payload: Payload, wire: str) -> None:
    assert payload.wire == wire
    assert str(payload) == wire
    assert Payload.parse(wire) == payload


def test_every_fixed_payload_of_the_module_is_pinned() -> None:
    constants = {v for v in vars(payloads).values() if isinstance(v, Payload)}
    assert constants <= set(WIRE)


@pytest.mark.parametrize("kind", list(PayloadKind))
@pytest.mark.parametrize("value", ["x", "yes", "email=a@b.nl", "a:b:c", "with space", ""])
def test_every_kind_round_trips(kind: PayloadKind, value: str) -> None:
    payload = Payload(kind, value)
    assert Payload.parse(payload.wire) == payload
    assert Payload.parse(str(payload)) == payload


def test_the_value_is_everything_after_the_first_colon() -> None:
    # As str.partition(":") read it: an address or id with a colon stays whole.
    assert Payload.parse("handoff:email=a:b@c.nl") == payloads.handoff_email("a:b@c.nl")
    assert Payload.parse("show:x:y") == payloads.show("x:y")
    assert Payload.parse("handoff:") == Payload(PayloadKind.HANDOFF, "")
    assert Payload.parse("lang:") == payloads.lang("")


def test_bare_kinds_also_read_with_a_colon() -> None:
    # The old reading looked at the kind only: "restart:x" restarted too.
    for kind in BARE_KINDS:
        assert Payload.parse(kind.value) == Payload(kind)
        assert Payload.parse(f"{kind.value}:") == Payload(kind)
        assert Payload.parse(f"{kind.value}:x") == Payload(kind, "x")


@pytest.mark.parametrize(
    "odd",
    [
        None,
        "",
        ":",
        "::",
        ":yes",
        "handoff",
        "lang",
        "show",
        "forget",
        "unknown:kind",
        "HANDOFF:yes",
        "Handoff:yes",
        " handoff:yes",
        "handoff :yes",
        "p:lang:en",
        "m12:0",
        "x" * 100_000,
        "handoff" * 10_000,
        "\x00",
        "ask\x00:team",
        "😀:😀",
        b"handoff:yes",
        42,
        ["handoff", "yes"],
    ],
)
def test_odd_input_is_no_payload_and_never_raises(odd: object) -> None:
    assert Payload.parse(odd) is None


def test_odd_values_of_a_known_kind_are_kept_as_sent() -> None:
    long = "handoff:" + "y" * 100_000
    parsed = Payload.parse(long)
    assert parsed is not None
    assert parsed.kind is PayloadKind.HANDOFF
    assert parsed.wire == long
    assert Payload.parse("lang:\x00") == payloads.lang("\x00")
    assert Payload.parse("handoff:yes ") != payloads.HANDOFF_YES


def test_payloads_are_frozen_and_hashable() -> None:
    with pytest.raises(AttributeError):
        payloads.HANDOFF_YES.value = "no"  # type: ignore[misc]
    assert {payloads.HANDOFF_YES, Payload(PayloadKind.HANDOFF, "yes")} == {payloads.HANDOFF_YES}
    assert PayloadKind.HANDOFF == "handoff"


def test_acts_compare_equal_to_the_strings_the_backends_give() -> None:
    assert Act.STOP == "stop"
    assert "deny" in {Act.STOP, Act.DENY}
    assert {a.value for a in Act} >= {
        "greet",
        "thank",
        "bye",
        "affirm",
        "deny",
        "stop",
        "bot_question",
        "ask_status",
        "out_of_scope",
        "chitchat",
        "unclear",
    }


def test_one_handoff_state_predicate() -> None:
    for state in State:
        assert is_handoff_state(state) == state.value.startswith("handoff")
        assert is_handoff_state(state.value) == state.value.startswith("handoff")
    assert not is_handoff_state("")
    assert not is_handoff_state("handoff")
