"""Staff passwords are hashed with argon2id at its recommended cost. The in-process tests
lower the cost (tests/conftest.py), so this is checked in a process of its own."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow

PROGRAM = """
from bot.staff.accounts import hash_password, verify_password
stored = hash_password("een lang wachtwoord")
assert verify_password(stored, "een lang wachtwoord")
assert not verify_password(stored, "een ander wachtwoord")
print(stored)
"""


def test_passwords_are_hashed_with_argon2id_at_its_recommended_cost():
    ran = subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, text=True, timeout=60, check=True
    )
    stored = ran.stdout.strip()
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$"), stored
    assert "een lang wachtwoord" not in stored
