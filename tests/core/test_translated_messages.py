"""Every message a user reads goes through gettext (issue 14, item 5): the English catalogue can only
translate what `makemessages` finds, and it finds `_("…")`, never an f-string.

The test reads the code (AST) of tryggsam/ and lists each raised error, each `messages.*` call and
each form error whose message is a string literal, an f-string, or a literal glued or formatted into
one, without gettext around it. Errors that only a developer reads are allowed by their class (a
ValueError a caller must not make, a setting that is wrong) or, one by one, in ALLOWED with a reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "tryggsam"

GETTEXT = {
    "_",
    "gettext",
    "gettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
    "format_lazy",
}
# Raised for a programmer, never shown to a user: the class → why.
DEVELOPER_ERRORS = {
    "ValueError": "a call the code must never make (a form or a selector checks the input first)",
    "TypeError": "a call the code must never make",
    "KeyError": "a call the code must never make",
    "LookupError": "a call the code must never make",
    "RuntimeError": "a state the code must never reach",
    "AssertionError": "a state the code must never reach",
    "NotImplementedError": "a method a subclass must write",
    "AttributeError": "a call the code must never make",
    "ImproperlyConfigured": "a wrong setting, read by whoever deploys",
    "TemplateSyntaxError": "a template the code must never hold, refused when it is read",
    "SystemExit": "the settings loader stopping on a wrong TRYGGSAM_SETTINGS, read by whoever deploys",
    "RegisterError": "the processing declarations in the code disagree with the models: a developer fixes the code",
}
# messages.<level>(request, message) and form.add_error(field, message): the message is the 2nd argument.
MESSAGE_CALLS = {"debug", "info", "success", "warning", "error", "add_message"}
# (path relative to tryggsam/, the literal's first words as written, quote included) → why a person
# never reads it.
ALLOWED: dict[tuple[str, str], str] = {
    # The streaming reader's decode errors repeat json.loads' own (English) messages word for word, with
    # the same line and column; the police import wraps both alike in its Swedish message.
    ("incidents/json_stream.py", "'Expecting"): "json.loads' own message, wrapped in Swedish by the caller",
    ("incidents/json_stream.py", '"Expecting'): "json.loads' own message, wrapped in Swedish by the caller",
    ("incidents/json_stream.py", "'Extra data"): "json.loads' own message, wrapped in Swedish by the caller",
}


def _untranslated(node: ast.expr | None) -> bool:
    """A message that makemessages cannot see: a literal, an f-string, or a literal put together with
    something else (+, %, .format) outside gettext."""
    if node is None:
        return False
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and bool(node.value.strip())
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.IfExp):
        return _untranslated(node.body) or _untranslated(node.orelse)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return _untranslated(node.left)  # `_("… %(x)s …") % {...}`: the values are not messages
    if isinstance(node, ast.BinOp):
        return _untranslated(node.left) or _untranslated(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _untranslated(node.func.value)
    if isinstance(node, ast.Dict):
        return any(_untranslated(v) for v in node.values)
    if isinstance(node, (ast.List, ast.Tuple)):
        return any(_untranslated(v) for v in node.elts)
    return False


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _message(call: ast.Call, position: int) -> ast.expr | None:
    if len(call.args) > position:
        return call.args[position]
    keyword = next((k for k in call.keywords if k.arg in {"message", "msg", "detail"}), None)
    return keyword.value if keyword else None


def _raised_message(exc: ast.expr) -> ast.expr | None:
    if not isinstance(exc, ast.Call) or _name(exc.func) in DEVELOPER_ERRORS:
        return None
    name = _name(exc.func)
    if name == "HttpError":  # ninja: HttpError(status, message)
        return _message(exc, 1)
    return _message(exc, 0)


def _called_message(call: ast.Call) -> ast.expr | None:
    func = call.func
    if not isinstance(func, ast.Attribute):
        return None
    if func.attr in MESSAGE_CALLS and _name(func.value) == "messages":
        return _message(call, 2 if func.attr == "add_message" else 1)
    if func.attr == "add_error":
        return _message(call, 1)
    return None


def _words(node: ast.expr) -> str:
    text = ast.unparse(node)
    return text[:60]


def untranslated_messages() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        relative = str(path.relative_to(PACKAGE))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            message = None
            if isinstance(node, ast.Raise) and node.exc is not None:
                message = _raised_message(node.exc)
            elif isinstance(node, ast.Call):
                message = _called_message(node)
            if message is None or not _untranslated(message):
                continue
            if any(relative == path_ and _words(message).startswith(start) for path_, start in ALLOWED):
                continue
            found.append(f"{relative}:{node.lineno}: {_words(message)}")
    return found


def test_messages__every_user_facing_message_goes_through_gettext():
    found = untranslated_messages()
    assert found == [], "messages outside gettext (wrap them in _(), with %(name)s for values):\n" + "\n".join(found)


def test_scanner__finds_what_it_looks_for():
    """The scanner itself: each untranslated form is caught, each translated one passes."""
    caught = [
        'raise ServiceError("Inte tillåtet")',
        'raise CommandError(f"Filen {path} finns inte")',
        'raise ValidationError({"date": "Fel datum"})',
        'raise HttpError(400, "Fel")',
        'messages.error(request, f"{label}: {error}")',
        'messages.error(request, f"{label}: {error}" if label else error)',
        'form.add_error(None, "Fel")',
        'raise ServiceError("Importen avbröts: " + reason)',
        'raise ServiceError("Fel: %s" % reason)',
    ]
    passed = [
        'raise ServiceError(_("Inte tillåtet"))',
        'raise CommandError(_("Filen %(path)s finns inte") % {"path": path})',
        'raise ValueError(f"bad {x}")',
        "messages.error(request, refusal_text(exc))",
        'raise HttpError(400, _("Fel"))',
        "raise PermissionDenied",
    ]
    for source in caught + passed:
        node = ast.parse(source).body[0]
        inner = node.exc if isinstance(node, ast.Raise) else node.value  # type: ignore[attr-defined]
        message = _raised_message(inner) if isinstance(node, ast.Raise) and inner else None
        if isinstance(inner, ast.Call) and not isinstance(node, ast.Raise):
            message = _called_message(inner)
        assert _untranslated(message) == (source in caught), source
