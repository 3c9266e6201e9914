"""After approval: the minutes are sent to the people who were called, and may be published.

What "published" means: the public version (`minutes_context(public=True)`), read as an anonymous
visitor, whatever the meeting's classification. It holds only what is open:
- only minutes of a meeting in an open forum can be published (the public version names the forum);
- only agenda items classified open (each item has its own classification, by default the
  meeting's; whoever runs the meeting may open an item) and, within them, only the decisions,
  links, partnership descriptions and work-table rows that are open themselves;
- the attendance, place and contact of a meeting that is not open are left out, the link to a
  digital meeting always;
- the situation summary follows the public picture's rule (counts under 3 are not given);
- the version says that items were left out (how many, never which)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Actor, Person
from tryggsam.audit.writes import update_audited
from tryggsam.core.errors import ServiceError, require
from tryggsam.core.mail import send_after_commit
from tryggsam.meetings.minutes import minutes_filename, render_minutes
from tryggsam.meetings.models import Meeting


def _require_approved(actor: Actor, meeting: Meeting) -> None:
    require(
        permissions.can_distribute_minutes(actor, meeting),
        _("Bara ordföranden eller en samordnare får skicka och publicera protokollet."),
    )
    if not meeting.is_approved:
        raise ServiceError(_("Protokollet måste vara justerat först."))


@transaction.atomic
def minutes_send(*, actor: Person, meeting: Meeting) -> int:
    """E-mail the approved minutes (PDF) to everyone called who has an address, after the commit;
    each recipient gets the version they may read. Returns the number of messages."""
    _require_approved(actor, meeting)
    messages = []
    with translation.override(settings.LANGUAGE_CODE):
        for attendance in meeting.attendances.select_related("user").exclude(user=None):
            user = attendance.user
            if not user or not user.email or not user.is_active:
                continue
            pdf = render_minutes(meeting, user, fmt="pdf")
            message = EmailMessage(
                subject=_("Justerat protokoll: %(meeting)s") % {"meeting": meeting},
                body=_("Här är det justerade protokollet från mötet %(meeting)s.") % {"meeting": meeting},
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[user.email],
            )
            message.attach(minutes_filename(meeting, "pdf"), pdf, "application/pdf")
            messages.append(message)
    update_audited(
        obj=meeting,
        actor=actor,
        fields={"sent_at": timezone.now()},
        note=_("Skickat till %(n)d deltagare") % {"n": len(messages)},
    )
    send_after_commit(messages)
    return len(messages)


@transaction.atomic
def minutes_publish(*, actor: Person, meeting: Meeting) -> Meeting:
    _require_approved(actor, meeting)
    if not permissions.can_publish_minutes(meeting):
        raise ServiceError(
            _("Forumet är inte öppet, så protokollet kan inte publiceras. Dela det med deltagarna i stället.")
        )
    return update_audited(
        obj=meeting, actor=actor, fields={"published_at": timezone.now()}, note=_("Protokollet publicerat")
    )


def published_minutes(meeting: Meeting, fmt: str) -> bytes:
    """The public version, as anyone may read it."""
    if meeting.published_at is None or not permissions.can_publish_minutes(meeting):
        raise ServiceError(_("Protokollet är inte publicerat."))
    return render_minutes(meeting, AnonymousUser(), fmt=fmt, public=True)
