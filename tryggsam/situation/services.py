"""Writes of the situation picture that users make: subscribing to the e-mailed situation report."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from tryggsam.accounts.actors import Person
from tryggsam.audit.services import audit_create, audit_delete
from tryggsam.core.errors import ServiceError
from tryggsam.places.models import Area
from tryggsam.situation.models import ReportFrequency, ReportSubscription


def _check(frequency: str) -> None:
    if frequency not in ReportFrequency.values:
        raise ServiceError(_("Välj ett område och hur ofta rapporten ska komma."))


@transaction.atomic
def report_subscription_start(*, actor: Person, area: Area, frequency: str) -> tuple[ReportSubscription, bool]:
    """Subscribe the actor (a signed-in person, always for themself) to the report of `area`.
    Returns the subscription and whether it is new; subscribing twice changes nothing."""
    _check(frequency)
    existing = ReportSubscription.objects.filter(user=actor, area=area, frequency=frequency).first()
    if existing is not None:
        return existing, False
    subscription = ReportSubscription(user=actor, area=area, frequency=frequency)
    subscription.full_clean()
    subscription.save()
    audit_create(actor=actor, obj=subscription)
    return subscription, True


@transaction.atomic
def report_subscription_stop(*, actor: Person, area: Area, frequency: str) -> bool:
    """End the actor's own subscription; returns whether there was one."""
    _check(frequency)
    subscription = ReportSubscription.objects.filter(user=actor, area=area, frequency=frequency).first()
    if subscription is None:
        return False
    audit_delete(actor=actor, obj=subscription)
    subscription.delete()
    return True
