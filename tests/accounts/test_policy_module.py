"""Every rule of who may see and do what lives in accounts/permissions.py: nothing outside it compares
roles, ranks or superuser flags, and no service treats "no user" as the system that skips every check.
A table of patterns, grepped over the code: a new role comparison outside the policy fails here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "tryggsam"
POLICY = {"tryggsam/accounts/permissions.py", "tryggsam/accounts/actors.py"}

# (name, pattern): each is a decision about access that belongs in the policy module.
FORBIDDEN = [
    ("role compared", re.compile(r"\.role\s*(==|!=|\bin\b|\bnot in\b)|(==|!=)\s*Role\.|Role\.[A-Z_]+\s*(==|!=)")),
    ("role listed for a check", re.compile(r"\bin \(\s*Role\.|\bin \[\s*Role\.")),
    ("role rank", re.compile(r"\bROLE_RANK\b")),
    ("roles read by hand", re.compile(r"\broles_by_organisation\(")),
    (
        "superuser or staff flag of the actor",
        re.compile(
            r"getattr\([^)]*\"is_(superuser|staff)\"|\b(user|actor|acting_user|request\.user)\.is_(superuser|staff)\b(?!\s*=[^=])"
        ),
    ),
    ("superuser or staff in a template", re.compile(r"\{%[^%]*\bis_(superuser|staff)\b")),
    ("no user means the system", re.compile(r"\b(actor|acting_user) is (not )?None\b")),
    ("permission asked past the predicates", re.compile(r"\.has_perm\(")),
]

# (path, pattern name): places that touch these names without deciding access, and why.
ALLOWED = {
    ("tryggsam/demo/loader.py", "superuser or staff flag of the actor"),  # sets the demo administrator's flags
}


def _sources() -> list[Path]:
    files = [*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.html")]
    return sorted(p for p in files if "migrations" not in p.parts)


def _hits(name: str, pattern: re.Pattern[str]) -> list[str]:
    found = []
    for path in _sources():
        relative = path.relative_to(ROOT).as_posix()
        if relative in POLICY or (relative, name) in ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if pattern.search(line):
                found.append(f"{relative}:{number}: {line.strip()}")
    return found


@pytest.mark.parametrize(("name", "pattern"), FORBIDDEN, ids=[name for name, _ in FORBIDDEN])
def test_policy_module__no_access_rule_outside_permissions(name, pattern):
    assert _hits(name, pattern) == [], f"{name} outside accounts/permissions.py: ask a predicate there instead"


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("role compared", "if membership.role == Role.ADMIN:"),
        ("role compared", "if user.role in (Role.MEMBER, Role.COORDINATOR):"),
        ("role rank", "permissions.ROLE_RANK[Role(role)] >= 2"),
        ("roles read by hand", "for org, role in permissions.roles_by_organisation(user).items():"),
        ("superuser or staff flag of the actor", 'if getattr(user, "is_superuser", False):'),
        ("superuser or staff flag of the actor", "if request.user.is_staff:"),
        ("superuser or staff in a template", "{% if user.is_superuser %}"),
        ("superuser or staff flag of the actor", "user.is_staff == True"),
        ("no user means the system", "if actor is not None and not permissions.can_view(actor, x):"),
    ],
)
def test_policy_module__patterns_catch_what_they_name(name, line):
    pattern = dict(FORBIDDEN)[name]
    assert pattern.search(line)


def test_policy_module__meetings_has_no_second_policy_module():
    assert not (PACKAGE / "meetings" / "policy.py").exists()
