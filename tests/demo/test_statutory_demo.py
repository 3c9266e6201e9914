"""The demo's lägesbild: generated from the demo's data with its written sections, as PDF pages that
can be looked at (written to a folder when TRYGGSAM_SAVE_PAGES names one)."""

import io
import os
from pathlib import Path

import pypdfium2
from docx import Document

from tryggsam.accounts.models import User
from tryggsam.statutory.models import DocumentKind, StatutoryDocument
from tryggsam.statutory.render import document_docx, document_pdf
from tryggsam.statutory.selectors import content_for


def _pages(pdf: bytes, prefix: str = "page") -> list[str]:
    document = pypdfium2.PdfDocument(pdf)
    texts = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    folder = os.environ.get("TRYGGSAM_SAVE_PAGES")
    if folder:
        for i in range(len(document)):
            document[i].render(scale=1.2).to_pil().save(Path(folder, f"{prefix}-{i + 1}.png"))
    return texts


def test_demo_statutory__situation_draft_renders_with_sections_figures_and_sources(demo):
    document = StatutoryDocument.objects.get(kind=DocumentKind.SITUATION)
    coordinator = User.objects.get(email__startswith="samordnare@")
    snapshot = content_for(coordinator, document)
    keys = [s["key"] for s in snapshot["sections"]]
    assert keys[0] == "summary" and "crime" in keys and "risk_factors" in keys and keys[-1] == "conclusions"
    text = " ".join(_pages(document_pdf(snapshot)))
    for expected in ("Sammanfattning", "Brottslighet", "Risk- och skyddsfaktorer", "Slutsatser", "Källa:"):
        assert expected in text
    assert "TODO" not in text
    docx_text = "\n".join(p.text for p in Document(io.BytesIO(document_docx(snapshot))).paragraphs)
    assert "Källa:" in docx_text and "Slutsatser" in docx_text


def test_demo_statutory__action_plan_follow_up_and_public_version_render(demo):
    from django.contrib.auth.models import AnonymousUser
    from django.utils import timezone

    from tryggsam.statutory.services import document_create

    document = StatutoryDocument.objects.get(kind=DocumentKind.SITUATION)
    coordinator = User.objects.get(email__startswith="samordnare@")
    public = " ".join(_pages(document_pdf(content_for(AnonymousUser(), document)), "public"))
    assert "Offentlig version" in public and "Intern" not in public
    year = timezone.localdate().year
    for kind, expected in ((DocumentKind.ACTION_PLAN, "Åtgärder"), (DocumentKind.FOLLOW_UP, "Vad som gjordes")):
        made = document_create(actor=coordinator, kind=kind, forum=document.forum, year=year)
        text = " ".join(_pages(document_pdf(content_for(coordinator, made)), kind))
        assert expected in text and "Källa:" in text


def test_demo_statutory__the_analysis_cycle_is_in_the_documents(demo):
    """The cycle's partnership (its causes, goal and effect study in the demo) reaches the council's
    documents: causes in the lägesbild, goals in the åtgärdsplan, goals and effects in the yearly
    follow-up — and the public version of the follow-up has no effect estimate."""
    from django.contrib.auth.models import AnonymousUser
    from django.utils import timezone

    from tryggsam.statutory.services import document_create

    lagesbild = StatutoryDocument.objects.get(kind=DocumentKind.SITUATION)
    coordinator = User.objects.get(email__startswith="samordnare@")
    situation = content_for(coordinator, lagesbild)
    keys = [s["key"] for s in situation["sections"]]
    assert "causes" in keys and keys.index("causes") < keys.index("conclusions")
    causes = next(s for s in situation["sections"] if s["key"] == "causes")
    assert any(b["type"] == "bullets" and b["items"] for b in causes["blocks"])

    year = timezone.localdate().year
    plan = document_create(actor=coordinator, kind=DocumentKind.ACTION_PLAN, forum=lagesbild.forum, year=year)
    assert "goals" in [s["key"] for s in content_for(coordinator, plan)["sections"]]

    follow_up = document_create(actor=coordinator, kind=DocumentKind.FOLLOW_UP, forum=lagesbild.forum, year=year)
    members = content_for(coordinator, follow_up)
    member_keys = [s["key"] for s in members["sections"]]
    assert {"goals", "effects"} <= set(member_keys)
    effects = next(s for s in members["sections"] if s["key"] == "effects")
    verdicts = {row[2] for b in effects["blocks"] if b["type"] == "table" for row in b["rows"]}
    assert verdicts & {"minskade", "ökade", "kan inte avgöras"}
    text = " ".join(_pages(document_pdf(members), "follow-up"))
    assert "Åtgärdernas effekt" in text and "Mål och indikatorer" in text
    assert "effects" not in [s["key"] for s in content_for(AnonymousUser(), follow_up)["sections"]]
