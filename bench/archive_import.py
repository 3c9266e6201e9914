"""Benchmark of `import_archive` (issue 13, item 8): a folder of generated minutes imported by one
`manage.py import_archive` process, with the Stockholm areas loaded so that places are resolved.

Set-up (not timed): a fresh SQLite file in a temporary folder (migrations, the 117 districts and their
district areas from `../shared/data/geo`), and N minutes of about two pages written here from our own
words (a mix of .txt, .md, .docx and .pdf; each a different council meeting naming districts, people,
items, decisions and the next meeting). The command runs with production settings and a byte-code
cache of its own (as an installed system has; this workplace sets PYTHONDONTWRITEBYTECODE), first once
on an empty folder (the start-up alone), then on the N documents. Wall-clock and CPU seconds of the
command's process are both given: on a shared machine the CPU figure is the steadier one.

Also timed in this process: `extract()` of one generated two-page document as .txt and as .pdf with
the places resolved (median of 20 reads after a warm-up; target < 50 ms) and what loading the place
index costs the first time.

    .venv/bin/python bench/archive_import.py [--documents 200]

Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tryggsam.core.swedish import MONTH_NAMES  # noqa: E402  (after the path is set)

FIRST = ["Karin", "Jonas", "Sara", "Olle", "Amina", "Per", "Leila", "Mats", "Eva", "Tobias", "Nora", "Ali"]
LAST = ["Ahl", "Berg", "Lind", "Svensson", "Holm", "Nyqvist", "Ek", "Falk", "Strand", "Sjöberg", "Dahl"]
ROLES = ["Ordförande", "Kommunpolis", "Rektor", "Fältassistent", "Räddningstjänsten", "Bostadsbolaget", "Sekreterare"]
TOPICS = [
    ("Lägesbild", "Polisen och förvaltningen redogjorde för läget under hösten. Anmälningarna om skadegörelse har minskat vid {place} men ungdomar samlas fortfarande sent vid centrum."),
    ("Trygghetsvandring", "Vandringen i {place} visade trasig belysning längs gångvägen och buskage som skymmer sikten vid busshållplatsen."),
    ("Skolan", "Skolan berättade om rastvärdar och om samarbetet med fältgruppen. Föräldravandringar planeras i {place} under lovet."),
    ("Bostadsområdet", "Bostadsbolaget har bytt lås i tre trapphus i {place} och städat källarförråd efter klagomål från boende."),
    ("Insatser", "Fältgruppen har varit ute fler kvällar i {place}. Räddningstjänsten rapporterade färre bränder i soprum än förra året."),
    ("Medborgarlöftet", "Arbetet med löftet i {place} följs upp. Polisen har haft fler synliga pass och kommunen har anordnat aktiviteter på fredagskvällar."),
]  # fmt: skip


def minutes_text(n: int, places: list[str], rng: random.Random) -> tuple[str, list[tuple[str, str]]]:
    """Minutes of about two pages (some 4 000 characters) for meeting `n`: unique date and forum."""
    year, month, day = 2015 + n // 120, n // 10 % 12 + 1, n % 10 * 2 + 3
    forum = f"Trygghetsrådet i {places[n % len(places)]}"
    people = [(f"{rng.choice(FIRST)} {rng.choice(LAST)}", role) for role in rng.sample(ROLES, 6)]
    lines = [f"Minnesanteckningar {forum}", "", f"Datum: {day} {MONTH_NAMES[month - 1]} {year} kl. 13.00-15.00"]
    lines += [f"Plats: Förvaltningens lokaler i {places[(n + 1) % len(places)]}", "", "Närvarande:"]
    lines += [f"{name}, {role}" for name, role in people]
    lines.append("")
    for number, (heading, text) in enumerate(rng.sample(TOPICS, 5), start=1):
        lines += [f"{number}. {heading}", ""]
        for k in range(3):
            lines.append(text.format(place=places[(n + number + k) % len(places)]) + f" Mötet noterade punkt {number}.")
        lines.append("")
    lines += ["6. Beslut", "", "Rådet beslutade att fortsätta vandringarna och att följa upp belysningen."]
    lines += ["", "7. Nästa möte", "", f"Nästa möte är den {day + 1} {MONTH_NAMES[month % 12]} {year} kl. 13.00."]
    return "\n".join(lines) + "\n", people


def write_documents(folder: Path, count: int, places: list[str]) -> dict[str, int]:
    from docx import Document
    from weasyprint import HTML

    rng = random.Random(13)
    kinds = {".txt": 0, ".md": 0, ".docx": 0, ".pdf": 0}
    for n in range(count):
        text, _people = minutes_text(n, places, rng)
        suffix = [".txt", ".txt", ".md", ".docx", ".pdf"][n % 5]
        path = folder / f"protokoll_{n:03d}{suffix}"
        if suffix in {".txt", ".md"}:
            path.write_text(text, encoding="utf-8")
        elif suffix == ".docx":
            document = Document()
            for line in text.splitlines():
                document.add_paragraph(line)
            document.save(str(path))
        else:
            paragraphs = "".join(f"<p>{line or '&nbsp;'}</p>" for line in text.splitlines())
            HTML(string=f"<html><head><meta charset='utf-8'></head><body>{paragraphs}</body></html>").write_pdf(path)
        kinds[suffix] += 1
    return kinds


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _command(env: dict[str, str], *args: str) -> tuple[float, float, str]:
    """(wall-clock seconds, CPU seconds, output) of one manage.py command in its own process."""
    began, cpu = time.perf_counter(), _child_cpu()
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    elapsed, cpu = time.perf_counter() - began, _child_cpu() - cpu
    if done.returncode != 0:
        raise SystemExit(f"{args[0]} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return elapsed, cpu, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="Set up in this folder and keep it (to profile the command).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tryggsam-archive-bench-") as tmp:
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=False)
            tmp = str(args.keep)
        work = Path(tmp)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(
            TRYGGSAM_SETTINGS="production",
            DJANGO_SETTINGS_MODULE="tryggsam.config.settings.production",
            SECRET_KEY=secrets.token_urlsafe(64),
            ALLOWED_HOSTS="localhost",
            DATABASE_URL=f"sqlite:///{work / 'bench.sqlite3'}",
            MEDIA_ROOT=str(work / "media"),
            PYTHONPYCACHEPREFIX=str(work / "pycache"),
            TRYGGSAM_REQUIRE_2FA="0",
        )
        os.environ.update({k: v for k, v in env.items() if k != "PYTHONPYCACHEPREFIX"})
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
        geo = Path(settings.SHARED_DIR) / "data" / "geo"
        from tryggsam.places.importers import import_geojson, load_district_areas
        from tryggsam.places.models import Area, AreaLevel

        import_geojson(geo / "stockholm_stadsdelar_simplified.geo.json", level="district")
        load_district_areas(geo / "stockholm_stadsdelsomraden_membership.csv")
        places = sorted(Area.objects.filter(level=AreaLevel.DISTRICT).values_list("name", flat=True))

        folder, empty = work / "arkiv", work / "tom"
        folder.mkdir()
        empty.mkdir()
        kinds = write_documents(folder, args.documents, places)

        # Parsing alone, in this process, places resolved.
        from tryggsam.documents.extract import extract
        from tryggsam.places import gazetteer

        started = time.perf_counter()
        gazetteer.current_gazetteer()
        index_s = time.perf_counter() - started
        parse_ms, parse_cpu_ms = {}, {}
        for name in ("protokoll_000.txt", "protokoll_004.pdf", "protokoll_003.docx"):
            extract(folder / name)
            times, cpu_times = [], []
            for _ in range(20):
                began, cpu = time.perf_counter(), time.process_time()
                extract(folder / name)
                times.append(time.perf_counter() - began)
                cpu_times.append(time.process_time() - cpu)
            parse_ms[name.rsplit(".", 1)[1]] = round(statistics.median(times) * 1000, 1)
            parse_cpu_ms[name.rsplit(".", 1)[1]] = round(statistics.median(cpu_times) * 1000, 1)

        _command(env, "import_archive", str(empty))  # writes the byte-code cache once
        startups = [_command(env, "import_archive", str(empty)) for _ in range(3)]
        startup_s, startup_cpu_s = min(s[0] for s in startups), min(s[1] for s in startups)
        total_s, total_cpu_s, out = _command(env, "import_archive", str(folder))
        saved = sum(1 for line in out.splitlines() if ": sparad" in line)
        from tryggsam.documents.models import ImportedDocument

        with_places = sum(1 for d in ImportedDocument.objects.all() if (d.extracted or {}).get("places"))
    print(
        json.dumps(
            {
                "documents": args.documents,
                "formats": kinds,
                "saved": saved,
                "saved_with_places": with_places,
                "command_s": round(total_s, 2),
                "command_cpu_s": round(total_cpu_s, 2),
                "documents_per_s": round(args.documents / total_s, 1),
                "documents_per_cpu_s": round(args.documents / total_cpu_s, 1),
                "startup_s": round(startup_s, 2),
                "startup_cpu_s": round(startup_cpu_s, 2),
                "cpu_ms_per_document_after_startup": round((total_cpu_s - startup_cpu_s) / args.documents * 1000, 1),
                "place_index_first_load_s": round(index_s, 3),
                "parse_2_pages_ms": parse_ms,
                "parse_2_pages_cpu_ms": parse_cpu_ms,
                "load_average": round(os.getloadavg()[0], 1),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
