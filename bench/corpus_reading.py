"""How much of the shared corpus of other councils' minutes and agendas the importer reads right.

Reads ../shared/corpus/documents/ (never copied into the repository) and prints, per document, whether
the kind, the meeting date, the attendees and the agenda items match what the corpus README states,
then a total line. Uses its own in-memory database; nothing is saved.

    .venv/bin/python bench/corpus_reading.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tryggsam.config.settings.test")
os.environ["DATABASE_URL"] = "sqlite://:memory:"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from tryggsam.documents.extract import extract_text  # noqa: E402
from tryggsam.documents.readers.text import read_text  # noqa: E402

# file prefix: (kind, meeting date, people present or None when not checked, items or None).
# From the corpus README and a reading of each excerpt: 03/04 list 24 names in a flattened table;
# 05 has 8 present; 06 has 11 present (9 lines, one with two people, plus chair and secretary);
# 01 and 02 number their items 1, 2, 3 in the excerpt; 05 has items 1 and 2; 08 has 11 items.
EXPECTED: dict[str, tuple[str, str | None, int | None, int | None]] = {
    "01": ("minutes", "2015-05-07", 0, 3),
    "02": ("minutes", None, 0, 3),
    "03": ("minutes", "2015-01-21", 24, None),
    "04": ("minutes", "2015-05-12", 24, None),
    "05": ("minutes", "2015-02-17", 8, 2),
    "06": ("minutes", "2015-09-24", 11, None),
    "08": ("agenda", "2016-12-07", None, 11),
    "16": ("minutes", None, None, None),
    "17": ("minutes", "2020-01-14", 0, None),
}


def main() -> int:
    folder = Path(settings.SHARED_DIR) / "corpus" / "documents"
    if not folder.exists():
        print(f"Korpusen saknas: {folder}", file=sys.stderr)
        return 2
    totals = {"kind": [0, 0], "date": [0, 0], "attendees": [0, 0], "items": [0, 0]}
    print(f"{'doc':4} {'kind':22} {'date':26} {'present':14} {'items':10}")
    for path in sorted(folder.iterdir()):
        key = path.name[:2]
        if key not in EXPECTED:
            continue
        kind, date, present, items = EXPECTED[key]
        result = extract_text(read_text(path.read_bytes()))
        # Present: listed as present (adjunct members apart) or listed in a table whose remarks could not be
        # matched to the names (status unknown).
        got_present = sum(
            1
            for a in result["attendees"]
            if a["status"] in ("present", None) and not (a["title"] or "").startswith("adjungerad")
        )
        cells = []
        for name, want, got in (
            ("kind", kind, result["kind"]),
            ("date", date, result["meeting"]["date"]),
            ("attendees", present, got_present if present is not None and present > 0 else len(result["attendees"])),
            ("items", items, len(result["items"])),
        ):
            if want is None and name in ("attendees", "items"):
                cells.append("-")
                continue
            ok = want == got
            totals[name][0] += ok
            totals[name][1] += 1
            cells.append(f"{'ok' if ok else 'NO'} {got}/{want}")
        print(f"{key:4} {cells[0]:22} {cells[1]:26} {cells[2]:14} {cells[3]:10}")
    print("right: " + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in totals.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
