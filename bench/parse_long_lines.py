"""Benchmark: reading one-line text files of 25 kB, 500 kB (the ceiling), 1 MB and 20 MB (issue 11, finding 16).

Two kinds of line, both without a single line break: minutes-like Swedish prose (items, decisions,
contacts with e-mail and phone, an abbreviation, stray emphasis marks) and random words. Each file is
read with `extract()` as an upload is, with the Stockholm areas in the gazetteer. A file over the text
limit (MAX_TEXT_CHARS) is refused with a Swedish message; the time to refuse is what is measured then.
Target: every case, parsed or refused, in under 10 s. Uses its own in-memory database.

    .venv/bin/python bench/parse_long_lines.py [--sizes 25000,500000,1000000,20000000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tryggsam.config.settings.test")
os.environ["DATABASE_URL"] = "sqlite://:memory:"  # never touch a developer's database

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from tryggsam.documents.errors import UnreadableDocument  # noqa: E402
from tryggsam.documents.extract import extract  # noqa: E402
from tryggsam.places.importers import import_geojson, load_district_areas  # noqa: E402


def minutes_line(n: int) -> str:
    parts, length, i = [], 0, 0
    while length < n:
        part = (
            f"Punkt {i % 40 + 1}. Rådet gick igenom läget vid torget i Farsta och vid Kista galleria vecka {i % 52 + 1}. "
            f"Fältgruppen har varit ute {i % 7 + 1} kvällar och rådet beslutade att fortsätta arbetet. "
            f"Kontakt: Lena Holm{i}, lena.holm{i}@exempel.se, 08-555 {i % 90 + 10} {i % 80 + 10}. "
            f"Vandring i Hägersten och **viktigt {i} __obs "
        )
        parts.append(part)
        length += len(part)
        i += 1
    return "".join(parts)[:n]


def random_words(n: int) -> str:
    rnd = random.Random(7)
    vocabulary = [
        "och",
        "att",
        "det",
        "som",
        "en",
        "på",
        "är",
        "för",
        "med",
        "inte",
        "den",
        "har",
        "ett",
        "om",
        "var",
        "men",
        "kan",
        "ska",
        "vid",
        "torget",
        "polisen",
        "skolan",
        "Fältgruppen",
        "Rådet",
        "Beslut",
        "trygghet",
        "kväll",
        "natt",
        "ungdomar",
        "Farsta",
        "Skärholmen",
        "Rinkeby",
    ]
    words, length = [], 0
    while length < n:
        word = rnd.choice(vocabulary)
        words.append(word)
        length += len(word) + 1
    return " ".join(words)[:n]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="25000,500000,1000000,20000000")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    geo = ROOT.parent / "shared" / "data" / "geo"
    if geo.exists():
        import_geojson(geo / "stockholm_stadsdelar_simplified.geo.json", level="district")
        load_district_areas(geo / "stockholm_stadsdelsomraden_membership.csv")
    with tempfile.TemporaryDirectory() as folder:
        for size in (int(s) for s in args.sizes.split(",")):
            for name, make in (("minutes", minutes_line), ("random_words", random_words)):
                path = Path(folder) / f"{name}_{size}.txt"
                path.write_bytes(make(size).encode()[:size])
                started = time.perf_counter()
                try:
                    result = extract(path)
                    outcome = f"parsed ({len(result['items'])} items, {len(result['places'])} places)"
                except UnreadableDocument as exc:
                    outcome = f"refused: {exc.message}"
                seconds = time.perf_counter() - started
                print(json.dumps({"input": name, "bytes": size, "seconds": round(seconds, 2), "outcome": outcome},
                                 ensure_ascii=False), flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
