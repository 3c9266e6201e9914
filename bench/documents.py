"""Benchmark of the document importer (extraction only, nothing is saved).

Prints one JSON line: documents per second for text (the four seed documents) and for PDF (a generated
two-page minutes), without and with the Stockholm areas in the gazetteer (place lookup dominates the
text figure), and the time to read and parse a generated 20-page PDF (target: under 1 s). Uses its own
in-memory database.

    .venv/bin/python bench/documents.py [--seconds 3]
"""

from __future__ import annotations

import argparse
import json
import os
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

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from weasyprint import HTML  # noqa: E402

from tryggsam.documents.extract import extract  # noqa: E402
from tryggsam.places.importers import import_geojson, load_district_areas  # noqa: E402

PEOPLE = [("Karin Ahl", "Ordförande"), ("Jonas Berg", "Kommunpolis"), ("Sara Lind", "Rektor"), ("Olle Svensson", "Räddningstjänsten")]  # fmt: skip
PARAGRAPH = (
    "Under perioden har rådet följt läget vid torget och stationen. Partnerna rapporterar färre anmälningar om "
    "skadegörelse men fler om ungdomar som samlas sent på kvällarna, och fältgruppen har varit ute oftare. "
)


def minutes_html(pages: int) -> str:
    """Minutes of roughly `pages` A4 pages: attendees, numbered items with prose, and a work table."""
    parts = ["<html><head><meta charset='utf-8'><style>td{border:0.5pt solid #000;padding:2pt}</style></head><body>"]
    parts.append("<h1>Minnesanteckningar trygghetsrådet</h1><p>Datum: tisdag 8 oktober 2024 kl. 13.00-15.00</p>")
    parts.append(
        "<p>Närvarande:</p><table>" + "".join(f"<tr><td>{n}</td><td>{t}</td></tr>" for n, t in PEOPLE) + "</table>"
    )
    for item in range(1, pages * 2 + 1):
        parts.append(f"<h2>{item}. Punkt nummer {item}</h2>")
        parts.extend(f"<p>{PARAGRAPH * 3}</p>" for _ in range(2))
        if item % 2 == 0:
            parts.append("<h3>Platssamverkan Torget</h3><table>")
            parts.append(
                "<tr><td>Problemområde</td><td>Åtgärd/insats</td><td>Deltagare</td><td>Ansvarig</td><td>Status</td></tr>"
            )
            parts.extend(
                f"<tr><td>Problem {item}.{row}</td><td>Åtgärd med flera ord som bryts över rader</td>"
                f"<td>Polis, fält, skola</td><td>Samordnaren</td><td>Pågår</td></tr>"
                for row in range(4)
            )
            parts.append("</table>")
    parts.append("<h2>Nästa möte</h2><p>Nästa möte är den 3 december kl. 13.00-15.00.</p></body></html>")
    return "".join(parts)


CPU: dict[str, float] = {}  # the same figures per CPU second (steadier on a shared machine)


def rate(paths: list[Path], seconds: float, name: str = "") -> float:
    count, started, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - started < seconds:
        for path in paths:
            extract(path)
            count += 1
    if name:
        CPU[name] = round(count / (time.process_time() - cpu), 1)
    return count / (time.perf_counter() - started)


def _timed(path: Path) -> float:
    started, cpu = time.perf_counter(), time.process_time()
    extract(path)
    CPU["pdf_20_pages_cpu_s_with_gazetteer"] = round(
        min(CPU.get("pdf_20_pages_cpu_s_with_gazetteer", 1e9), time.process_time() - cpu), 3
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    call_command("migrate", verbosity=0, interactive=False)  # empty areas: the gazetteer finds nothing
    seeds = sorted((Path(settings.SHARED_DIR) / "seeds").glob("0*.txt"))
    with tempfile.TemporaryDirectory() as folder:
        short_pdf = Path(folder) / "kort.pdf"
        long_pdf = Path(folder) / "lang.pdf"
        HTML(string=minutes_html(2)).write_pdf(short_pdf)
        document = HTML(string=minutes_html(20)).render()
        document.write_pdf(long_pdf)
        extract(long_pdf)  # warm up imports
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            result = extract(long_pdf)
            timings.append(time.perf_counter() - started)
        text_rate = rate(seeds, args.seconds, "text_docs_per_cpu_s")
        pdf_rate = rate([short_pdf], args.seconds, "pdf_docs_per_cpu_s")
        geo = Path(settings.SHARED_DIR) / "data" / "geo"
        import_geojson(geo / "stockholm_stadsdelar_simplified.geo.json", level="district")
        load_district_areas(geo / "stockholm_stadsdelsomraden_membership.csv")
        report = {
            "text_docs_per_s": round(text_rate, 1),
            "pdf_docs_per_s": round(pdf_rate, 1),
            "text_docs_per_s_with_gazetteer": round(rate(seeds, args.seconds, "text_docs_per_cpu_s_with_gazetteer"), 1),
            "pdf_docs_per_s_with_gazetteer": round(
                rate([short_pdf], args.seconds, "pdf_docs_per_cpu_s_with_gazetteer"), 1
            ),
            "pdf_20_pages_s_with_gazetteer": round(min(_timed(long_pdf) for _ in range(3)), 3),
            "pdf_20_pages": len(document.pages),
            "pdf_20_pages_s": round(min(timings), 3),
            "pdf_20_pages_items": len(result["items"]),
            "pdf_20_pages_work_table_rows": sum(len(t["rows"]) for t in result["work_tables"]),
            **CPU,
            "load_average": round(os.getloadavg()[0], 1),
        }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
