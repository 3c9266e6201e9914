import pytest
from django.urls import reverse

from tryggsam.core.errors import PermissionDeniedError
from tryggsam.plans import services

pytestmark = pytest.mark.django_db

FIELDS = {
    "goal": "Torget är tryggt dygnet runt",
    "purpose": "Fler vuxna ögon på kvällarna",
    "target_group": "Boende och handlare",
    "measure": "Samordnad kvällsnärvaro",
    "responsible": "Förvaltningen och polisen",
    "forum_text": "Arbetsgruppen för centrummiljö",
    "activities": ["Kvällsvandringar", "Belysningsinventering"],
    "police_contact": "Kommunpolisen",
    "police_commitment": "Delta i vandringarna",
    "district_contact": "Trygghetsstrategen",
    "district_commitment": "Sammankalla gruppen",
    "other_actors": "Fastighetsägare",
    "funding": "Var part bär sina kostnader",
    "communication": "Via stadsdelens webb",
    "follow_up": "Vid varje rådsmöte",
}


def test_focus_area__every_field_shown_on_plan_page(client, coordinator):
    plan = services.plan_create(actor=coordinator, title="Plan för tryggare centrum", classification="open")
    services.focus_area_create(actor=coordinator, plan=plan, name="Torget", **FIELDS)
    html = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    for value in FIELDS.values():
        for text in value if isinstance(value, list) else [value]:
            assert text in html


def test_plan_create__member_refused(police_member):
    with pytest.raises(PermissionDeniedError):
        services.plan_create(actor=police_member, title="Egen plan")


def test_internal_plan__hidden_from_anonymous(client, coordinator):
    plan = services.plan_create(actor=coordinator, title="Intern plan")
    assert client.get(reverse("plans:detail", args=[plan.pk])).status_code == 404
    assert "Intern plan" not in client.get(reverse("plans:list")).content.decode()
