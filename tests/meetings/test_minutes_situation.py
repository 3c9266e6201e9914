import datetime as dt
import io

from django.utils import timezone
from docx import Document

from tests.factories import AreaFactory
from tryggsam.incidents.models import Incident, IncidentSource
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.meetings.minutes import render_minutes
from tryggsam.situation.rollups import add_incidents


def test_minutes__situation_summary_in_the_situation_item(meeting, coordinator, council):
    area = AreaFactory(name="Norrviken", level="district_area", geometry="")
    council.area = area
    council.save()
    robbery = ensure_default_categories()["robbery"]
    for days in (3, 10, 20):
        incident = Incident.objects.create(
            source=IncidentSource.PARTNER_REPORT,
            occurred_at=timezone.make_aware(dt.datetime.combine(meeting.date - dt.timedelta(days=days), dt.time(21))),
            district_area=area,
        )
        incident.categories.add(robbery)
        add_incidents([(incident, [robbery.pk])])
    html = render_minutes(meeting, coordinator, fmt="html").decode()
    assert "Lägesbild för Norrviken de senaste 90 dagarna före mötet" in html
    assert "Rån i Norrviken ökade från 0 till 3" in html
    doc = Document(io.BytesIO(render_minutes(meeting, coordinator, fmt="docx")))
    assert any("Rån i Norrviken ökade från 0 till 3" in p.text for p in doc.paragraphs)
