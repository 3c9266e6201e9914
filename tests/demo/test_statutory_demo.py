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
