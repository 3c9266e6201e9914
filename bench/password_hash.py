"""CPU per login spent on the password hash: Django's Argon2 defaults against ours (accounts/hashers.py).

    .venv/bin/python bench/password_hash.py [--rounds 10]

Prints the median CPU milliseconds of one verification (what a login costs) for each parameter set.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tryggsam.config.settings.development")

import django

django.setup()

from django.contrib.auth.hashers import Argon2PasswordHasher  # noqa: E402

from tryggsam.accounts.hashers import Argon2idHasher  # noqa: E402


def cpu_ms_per_verify(hasher: Argon2PasswordHasher, rounds: int) -> float:
    encoded = hasher.encode("Ett-lösenord-för-mätning-7", hasher.salt())
    samples = []
    for _ in range(rounds):
        start = time.process_time()
        assert hasher.verify("Ett-lösenord-för-mätning-7", encoded)
        samples.append((time.process_time() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=10)
    rounds = parser.parse_args().rounds
    for label, hasher in (("Django's Argon2 defaults", Argon2PasswordHasher()), ("TryggSam (OWASP)", Argon2idHasher())):
        print(
            f"{label:26} m={hasher.memory_cost} KiB t={hasher.time_cost} p={hasher.parallelism}: "
            f"{cpu_ms_per_verify(hasher, rounds):.0f} CPU ms per login"
        )


if __name__ == "__main__":
    main()
