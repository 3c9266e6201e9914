"""The personal-data guard on imported documents (issue 6).

Every text that an import can store goes through `tryggsam.core.personal_data.guard` once the document has been
read: personal identity and coordination numbers, private phone numbers and private e-mail addresses are
replaced by the guard's mask, and every place where something was masked gets one Swedish warning saying
where and what kind ("Punkt 4: personnummer maskerat"), never the data itself. The guard decides what is
private; organisation e-mail domains and switchboard numbers pass as they do in forms.

One deliberate exception: the contact details a document publishes under its own contact label
("Kontakt:", "Handläggare:" …) are the officials who answer for it, and are kept as read. Contacts the
parser only picked up elsewhere in the text are guarded like everything else. The original file is kept
as it is (that is its purpose); the database only ever holds the masked texts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Sequence
from typing import Any

from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tryggsam.core.personal_data.guard import Finding, FindingKind, find_personal_data, mask
from tryggsam.documents.parsing.focus_areas import FIELD_NAMES


def _masked_phrase(kind: str, n: int) -> str:
    phrases: dict[str, Callable[[int], str]] = {
        FindingKind.PERSONAL_IDENTITY_NUMBER: lambda n: ngettext(
            "personnummer maskerat", "%(n)d personnummer maskerade", n
        ),
        FindingKind.COORDINATION_NUMBER: lambda n: ngettext(
            "samordningsnummer maskerat", "%(n)d samordningsnummer maskerade", n
        ),
        FindingKind.PHONE: lambda n: ngettext("telefonnummer maskerat", "%(n)d telefonnummer maskerade", n),
        FindingKind.EMAIL: lambda n: ngettext("e-postadress maskerad", "%(n)d e-postadresser maskerade", n),
    }
    return phrases[kind](n) % {"n": n}


def _column_labels() -> dict[str, str]:
    return {
        "problem": _("problemområde"),
        "measure": _("åtgärd/insats"),
        "participants": _("deltagare"),
        "responsible": _("sammankallande/ansvarig"),
        "status": _("status/uppföljning"),
    }


class _Masker:
    """Masks texts and remembers, per place, how many findings of each kind were masked."""

    def __init__(self) -> None:
        self.found: dict[str, Counter[str]] = {}

    def text(self, value: Any, place: str) -> Any:
        if not isinstance(value, str):
            return value
        findings: list[Finding] = find_personal_data(value)
        if not findings:
            return value
        self.found.setdefault(place, Counter()).update(f.kind for f in findings)
        return mask(value, findings)

    def nested(self, value: Any, place: str) -> Any:
        """Any shape of lists and dicts, every string in it under the one `place`."""
        if isinstance(value, list):
            return [self.nested(v, place) for v in value]
        if isinstance(value, dict):
            return {k: self.nested(v, place) for k, v in value.items()}
        return self.text(value, place)

    def warnings(self) -> list[str]:
        order = list(FindingKind.values)
        messages = []
        for place, counts in self.found.items():
            found = ", ".join(_masked_phrase(kind, counts[kind]) for kind in order if counts[kind])
            messages.append(f"{place}: {found}")
        return messages


def _mask_all(data: dict[str, Any], *, published_contact_fields: Sequence[Collection[str]] | None) -> dict[str, Any]:
    m = _Masker()
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key == "warnings":
            continue
        if key == "title":
            out[key] = m.text(value, _("Titel"))
        elif key == "organisation":
            out[key] = m.text(value, _("Organisation"))
        elif key == "forum":
            out[key] = m.text(value, _("Forum"))
        elif key == "meeting" and isinstance(value, dict):
            places = {"location": _("Mötesplats"), "chair": _("Ordförande")}
            out[key] = {k: m.text(v, places.get(k, _("Mötesuppgifter"))) for k, v in value.items()}
        elif key == "attendees" and isinstance(value, list):
            out[key] = [m.nested(a, _("Deltagare %(n)d") % {"n": n}) for n, a in enumerate(value, start=1)]
        elif key == "items" and isinstance(value, list):
            out[key] = [_item(m, item, n) for n, item in enumerate(value, start=1)]
        elif key == "decisions" and isinstance(value, list):
            out[key] = [m.text(d, _("Beslut %(n)d") % {"n": n}) for n, d in enumerate(value, start=1)]
        elif key == "work_tables" and isinstance(value, list):
            out[key] = [_work_table(m, table, n) for n, table in enumerate(value, start=1)]
        elif key == "focus_areas" and isinstance(value, list):
            out[key] = [_focus_area(m, area, n) for n, area in enumerate(value, start=1)]
        elif key == "next_meetings" and isinstance(value, list):
            out[key] = [m.nested(x, _("Kommande möte %(n)d") % {"n": n}) for n, x in enumerate(value, start=1)]
        elif key == "contacts" and isinstance(value, list):
            out[key] = value if published_contact_fields is None else _contacts(m, value, published_contact_fields)
        else:
            out[key] = m.nested(value, _("Övrigt (%(part)s)") % {"part": key})
    # Parser warnings may quote the document; they are stored too, so they are masked (without a warning).
    quiet = _Masker()
    warnings = [quiet.text(w, "") for w in data.get("warnings") or []]
    out["warnings"] = list(dict.fromkeys([*warnings, *m.warnings()]))
    return out


def _item(m: _Masker, item: Any, n: int) -> Any:
    if not isinstance(item, dict):
        return m.nested(item, _("Punkt %(n)s") % {"n": n})
    number = item.get("number") or n
    place = _("Punkt %(n)s") % {"n": number}
    heading_place = _("Punkt %(n)s, rubrik") % {"n": number}
    return {k: m.text(v, heading_place if k == "heading" else place) for k, v in item.items()}


def _work_table(m: _Masker, table: Any, n: int) -> Any:
    if not isinstance(table, dict):
        return m.nested(table, _("Arbetstabell %(n)d") % {"n": n})
    out = dict(table)
    out["partnership"] = m.text(table.get("partnership"), _("Arbetstabell %(n)d, platssamverkan") % {"n": n})
    name = _("Arbetstabell %(n)d") % {"n": n}
    if out["partnership"]:
        name = _("Arbetstabell %(n)d (%(partnership)s)") % {"n": n, "partnership": out["partnership"]}
    columns = _column_labels()
    rows = []
    for r, row in enumerate(table.get("rows") or [], start=1):
        cells = row.items() if isinstance(row, dict) else enumerate(row)
        masked = {
            column: m.nested(
                value,
                _("%(table)s, rad %(row)d, %(column)s")
                % {"table": name, "row": r, "column": columns.get(str(column), str(column))},
            )
            for column, value in cells
        }
        rows.append(masked if isinstance(row, dict) else list(masked.values()))
    out["rows"] = rows
    return out


def _focus_area(m: _Masker, area: Any, n: int) -> Any:
    if not isinstance(area, dict):
        return m.nested(area, _("Fokusområde %(n)d") % {"n": n})
    out = {"name": m.text(area.get("name"), _("Fokusområde %(n)d, namn") % {"n": n})} if "name" in area else {}
    name = _("Fokusområde %(n)d") % {"n": n}
    if out.get("name"):
        name = _("Fokusområde %(n)d (%(name)s)") % {"n": n, "name": out["name"]}
    for key, value in area.items():
        if key != "name":
            label = FIELD_NAMES.get(key, key)
            out[key] = m.nested(value, _("%(area)s, %(field)s") % {"area": name, "field": label})
    return out


def _contacts(m: _Masker, contacts: list[Any], published: Sequence[Collection[str]]) -> list[Any]:
    out = []
    for n, contact in enumerate(contacts, start=1):
        keep = published[n - 1] if n - 1 < len(published) else ()
        place = _("Kontaktuppgifter %(n)d") % {"n": n}
        if isinstance(contact, dict):
            out.append({k: v if k in keep else m.text(v, place) for k, v in contact.items()})
        else:
            out.append(m.nested(contact, place))
    return out


def mask_extracted(data: dict[str, Any], *, published_contact_fields: Sequence[Collection[str]]) -> dict[str, Any]:
    """The extraction with personal data masked and one warning per place added to `warnings`.

    `published_contact_fields[i]` are the fields of `contacts[i]` that the document gave in its own
    contact block; they are kept as read."""
    return _mask_all(data, published_contact_fields=published_contact_fields)


def mask_for_saving(data: dict[str, Any]) -> dict[str, Any]:
    """Guard an extraction again just before it is saved, for what the coordinator corrected in between.

    Data from `extract()` is already masked, so this adds nothing to it. The contacts are left as
    `extract()` guarded them: which of them the document published is known only while reading it."""
    return _mask_all(data, published_contact_fields=None)


def masked_file_name(name: str) -> tuple[str, str | None]:
    """A file name that is safe to store (the name of an upload can hold a personal identity number),
    with a warning if something was masked."""
    m = _Masker()
    masked = m.text(name, _("Filnamnet"))
    if masked == name:
        return name, None
    return get_valid_filename(masked) or "dokument", m.warnings()[0]
