"""Password hashing at OWASP's recommended minimum for Argon2id (m = 19 MiB, t = 2, p = 1).

Django's own Argon2 defaults (100 MiB, 8 lanes) cost 0.3–1 s of CPU per login on a small host and
let a handful of simultaneous logins starve the server; OWASP's Password Storage Cheat Sheet names
19 MiB / 2 iterations / 1 lane as the minimum that still resists GPU cracking. The algorithm name
stays "argon2": hashes made with other parameters still verify, and Django re-hashes them with these
at the next successful login (`must_update`).
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
