"""The actor is typed (issue 14): a parameter or attribute that holds a user is annotated with the names
of `tryggsam/accounts/actors.py` (`Person`, `Reader`) or, below accounts, Django's `AbstractBaseUser`,
never `Any` or `object`, so that mypy checks what is done with it. The scan reads the source, so a new
`user: Any` anywhere under tryggsam/ fails here before review has to find it."""

import ast
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from tryggsam.accounts.http import signed_in
from tryggsam.accounts.models import User

PACKAGE = Path(__file__).resolve().parents[2] / "tryggsam"

# Names that hold a user (or a collection of users): actor, user, acting_user, responsible_user,
# reader, viewer, author, person and their plurals.
ACTOR_NAME = re.compile(r"^(actor|user|reader|viewer|author|person|\w+_user|\w+_actor)s?$")
UNTYPED = {"Any", "object"}


def _is_untyped(annotation: ast.expr) -> bool:
    """True if the annotation is, or contains, `Any` or `object` (`Any | None`, `Iterable[Any]`,
    `typing.Any`, the string "Any")."""
    for node in ast.walk(annotation):
        if isinstance(node, ast.Name) and node.id in UNTYPED:
            return True
        if isinstance(node, ast.Attribute) and node.attr == "Any":
            return True
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            try:
                parsed = ast.parse(node.value, mode="eval").body
            except SyntaxError:
                continue
            if _is_untyped(parsed):
                return True
    return False


def untyped_actors(source: str, filename: str = "<source>") -> list[str]:
    """`file:line name: annotation` for every parameter or annotated variable/attribute named like a
    user whose annotation is `Any` or `object`."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        named: list[tuple[str, ast.expr, int]] = []
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            a = node.args
            params = [*a.posonlyargs, *a.args, *a.kwonlyargs, *(p for p in (a.vararg, a.kwarg) if p is not None)]
            named = [(p.arg, p.annotation, p.lineno) for p in params if p.annotation is not None]
        elif isinstance(node, ast.AnnAssign):
            target = node.target
            name = target.id if isinstance(target, ast.Name) else getattr(target, "attr", "")
            named = [(name, node.annotation, node.lineno)]
        for name, annotation, line in named:
            if ACTOR_NAME.match(name) and _is_untyped(annotation):
                found.append(f"{filename}:{line} {name}: {ast.unparse(annotation)}")
    return found


def test_no_user_is_typed_any_in_tryggsam():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        found += untyped_actors(path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE.parent)))
    assert found == [], "Type these with Person/Reader (accounts/actors.py) or AbstractBaseUser:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "source",
    [
        "def f(user: Any) -> None: ...",
        "def f(*, actor: Any = None) -> None: ...",
        "def f(*, acting_user: Any | None = None) -> None: ...",
        "def f(reader: typing.Any) -> None: ...",
        "def f(person: 'Any') -> None: ...",
        "def f(users: Iterable[Any]) -> None: ...",
        "async def f(viewer: object) -> None: ...",
        "class A:\n    actor: Any\n",
        "def f():\n    user: Any = request.user\n",
        "class F:\n    def __init__(self, *args: Any, responsible_user: Any, **kwargs: Any) -> None: ...",
    ],
)
def test_the_scan_finds_an_untyped_user(source):
    assert len(untyped_actors(source)) == 1


@pytest.mark.parametrize(
    "source",
    [
        "def f(user: Reader, obj: Any) -> None: ...",
        "def f(*, actor: Person | None = None, **fields: Any) -> None: ...",
        "def f(actor: AbstractBaseUser | AnonymousUser | None) -> None: ...",
        "def f(users: Iterable[Person]) -> None: ...",
        "def f(user) -> None: ...",
        "def f(owner: Any, decided_by: str) -> None: ...",
    ],
)
def test_the_scan_leaves_typed_users_and_other_names_alone(source):
    assert untyped_actors(source) == []


def test_signed_in_gives_the_person_and_refuses_the_anonymous_visitor(rf):
    request = rf.get("/")
    request.user = person = User(email="someone@example.org")
    assert signed_in(request) is person
    request.user = AnonymousUser()
    with pytest.raises(PermissionDenied):
        signed_in(request)
