"""Passwords are hashed with Argon2id at OWASP's minimum; hashes made with Django's heavier defaults
still verify and are re-hashed at the next login."""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher, check_password, make_password
from django.test import override_settings

from tryggsam.accounts.hashers import Argon2idHasher

OURS = ["tryggsam.accounts.hashers.Argon2idHasher"]


@override_settings(PASSWORD_HASHERS=OURS)
def test_new_hashes_use_argon2id_at_owasp_minimum() -> None:
    encoded = make_password("Ett-rätt-lösenord-9")
    assert encoded.startswith("argon2$argon2id$")
    params = Argon2idHasher().decode(encoded)
    assert (params["memory_cost"], params["time_cost"], params["parallelism"]) == (19456, 2, 1)


@override_settings(PASSWORD_HASHERS=OURS)
def test_a_hash_with_djangos_defaults_verifies_and_is_updated() -> None:
    old = Argon2PasswordHasher().encode("Ett-rätt-lösenord-9", Argon2PasswordHasher().salt())
    assert Argon2PasswordHasher().decode(old)["memory_cost"] == 102400
    updated: list[str] = []
    assert check_password("Ett-rätt-lösenord-9", old, setter=lambda raw: updated.append(make_password(raw)))
    assert len(updated) == 1 and Argon2idHasher().decode(updated[0])["memory_cost"] == 19456
    assert not check_password("fel", old)
