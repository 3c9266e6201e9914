"""What every import command prints, written once.

`--json` prints the result as one JSON object on stdout (letters as they are), for scripts; without it
the command prints Swedish lines for a person, each warning on its own line. A refused import stops
with one Swedish message and exit code 2, and has saved nothing (the importers write in one
transaction). Refusals are `CommandError`s, so code that calls a command catches them like Django's own.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, NoReturn

from django.core.management.base import CommandError, CommandParser, OutputWrapper
from django.utils.translation import gettext as _

EXIT_REFUSED = 2


def add_json_argument(parser: CommandParser) -> None:
    parser.add_argument("--json", action="store_true", help=_("Skriv resultatet som ett JSON-objekt."))


def write_result(
    stdout: OutputWrapper,
    *,
    as_json: bool,
    data: Mapping[str, Any],
    summary: str,
    warnings: Iterable[str] = (),
) -> None:
    """The result: `data` as one JSON object, or the Swedish `summary` and then one line a warning."""
    if as_json:
        stdout.write(json.dumps(data, ensure_ascii=False))
        return
    stdout.write(summary)
    for warning in warnings:
        stdout.write(_("Varning: %(warning)s") % {"warning": warning})


def refuse(message: str) -> NoReturn:
    """Stop the command: `message` (Swedish) on stderr, exit code 2. Call it before anything is saved,
    or after the import's transaction was rolled back."""
    raise CommandError(message, returncode=EXIT_REFUSED)


def refuse_import(errors: Iterable[str]) -> NoReturn:
    """Stop a refused import: what was wrong, one reason a line, and that nothing was saved."""
    refuse("\n".join([_("Importen avbröts, inget sparades:"), *errors]))
