"""What the register of processing says about each model (see `register`): the declarations of
personal data per model (purpose, legal basis, data subjects, retention, fields) and the reasons
why fields that look personal are not. Kept apart from the generator so each stays readable."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

Text = str | Promise
Retention = Text | Callable[[], Text]


@dataclass(frozen=True)
class PersonalField:
    what: Text
    why: Text
    retention: Retention | None = None  # None: the model's retention


@dataclass(frozen=True)
class Declaration:
    purpose: Text
    legal_basis: Text
    subjects: Text
    retention: Retention
    fields: Mapping[str, PersonalField]


def retention_months() -> int:
    # Read exactly as tryggsam.privacy.retention.retention_cutoff reads it.
    return int(getattr(settings, "TRYGGSAM_RETENTION_MONTHS", 24))


def _incident_purge() -> str:
    months = retention_months()
    return ngettext(
        "%(months)d månad efter händelsen; sedan töms fältet av det dagliga jobbet purge_expired "
        "(TRYGGSAM_RETENTION_MONTHS).",
        "%(months)d månader efter händelsen; sedan töms fältet av det dagliga jobbet purge_expired "
        "(TRYGGSAM_RETENTION_MONTHS).",
        months,
    ) % {"months": months}


PUBLIC_INTEREST = _("Allmänt intresse / myndighetsutövning (art. 6.1 e)")
STAFF = _("Användare: anställda hos kommunen, polisen och samverkansparterna")
KEPT = _("Gallras inte i systemet; arkiveras enligt kommunens dokumenthanteringsplan.")


def _incident_title_purge() -> str:
    return _(
        "Trygghetsvandringars rubrik (med iakttagelsen): %(rule)s Andra rubriker (kategori, plats, polisens rubrik) finns kvar."
    ) % {"rule": _incident_purge()}


def _incident_point_purge() -> str:
    return _("Avrundas till tre decimaler (omkring 100 m) vid samma gallring: %(rule)s") % {"rule": _incident_purge()}


def _tip_email_purge() -> str:
    days = int(getattr(settings, "TRYGGSAM_TIP_EMAIL_DAYS", 30))
    return ngettext(
        "E-postadressen töms %(days)d dag efter att tipset avslutats (godkänt eller avfärdat), eller när "
        "händelsen passerar gallringsfristen, av det dagliga jobbet purge_expired (TRYGGSAM_TIP_EMAIL_DAYS).",
        "E-postadressen töms %(days)d dagar efter att tipset avslutats (godkänt eller avfärdat), eller när "
        "händelsen passerar gallringsfristen, av det dagliga jobbet purge_expired (TRYGGSAM_TIP_EMAIL_DAYS).",
        days,
    ) % {"days": days}


def _walk_guest_purge() -> str:
    months = retention_months()
    return ngettext(
        "Gästen (namnet) tas bort %(months)d månad efter vandringens datum av det dagliga jobbet "
        "purge_expired (TRYGGSAM_RETENTION_MONTHS); inbjudna användare finns kvar.",
        "Gästen (namnet) tas bort %(months)d månader efter vandringens datum av det dagliga jobbet "
        "purge_expired (TRYGGSAM_RETENTION_MONTHS); inbjudna användare finns kvar.",
        months,
    ) % {"months": months}


def _meeting_guest_purge() -> str:
    months = retention_months()
    return ngettext(
        "För gäster utan konto ersätts namnet med ”Gäst” och titeln töms %(months)d månad efter mötets datum "
        "av det dagliga jobbet purge_expired (TRYGGSAM_RETENTION_MONTHS); raden finns kvar, så protokollet "
        "visar lika många närvarande. Användarnas namn och titlar finns kvar.",
        "För gäster utan konto ersätts namnet med ”Gäst” och titeln töms %(months)d månader efter mötets datum "
        "av det dagliga jobbet purge_expired (TRYGGSAM_RETENTION_MONTHS); raden finns kvar, så protokollet "
        "visar lika många närvarande. Användarnas namn och titlar finns kvar.",
        months,
    ) % {"months": months}


NOT_PURGED = _("Gallras inte: finns kvar efter lagringstiden för fritexten.")
CREATED_BY = PersonalField(_("Användaren som skapade posten"), _("Spårbarhet: vem som lade in uppgiften"))
FREE_TEXT = _("Fritext; kan innehålla uppgifter om enskilda, t.ex. namn")

DECLARATIONS: dict[str, Declaration] = {
    "accounts.User": Declaration(
        purpose=_("Inloggning och behörighet, kontaktuppgifter mellan samverkansparterna"),
        legal_basis=PUBLIC_INTEREST,
        subjects=STAFF,
        retention=_(
            "Så länge personen ingår i samverkan; när hen lämnar tar en administratör bort uppgifterna med "
            "`manage.py erase_user` (kontot blir anonymt; namn i protokollens närvarolistor och i "
            "granskningsloggen finns kvar). Ingen automatisk gallring."
        ),
        fields={
            "email": PersonalField(_("E-postadress, också användarnamn"), _("Inloggning, kallelser och påminnelser")),
            "full_name": PersonalField(_("Namn"), _("Visas i protokoll, åtgärder och granskningslogg")),
            "title": PersonalField(_("Titel"), _("Visas i kallelser och närvarolistor")),
            "phone": PersonalField(_("Telefonnummer"), _("Kontakt mellan samverkansparterna")),
            "password": PersonalField(_("Lösenordets hash, aldrig lösenordet i klartext"), _("Inloggning")),
            "last_login": PersonalField(_("Senaste inloggning"), _("Säkerhet och uppföljning av konton")),
            "date_joined": PersonalField(_("När kontot skapades"), _("Uppföljning av konton")),
        },
    ),
    "accounts.Membership": Declaration(
        purpose=_("Vilken organisation en användare företräder och med vilken roll (behörighet)"),
        legal_basis=PUBLIC_INTEREST,
        subjects=STAFF,
        retention=_("Så länge medlemskapet finns; tas bort med kontot."),
        fields={
            "user": PersonalField(_("Användaren"), _("Behörighet")),
            "role": PersonalField(_("Roll i organisationen"), _("Behörighet")),
        },
    ),
    "accounts.EnrolmentCode": Declaration(
        purpose=_("Bekräfta att den som aktiverar tvåstegsverifiering har tillgång till kontots e-post"),
        legal_basis=_("Allmänt intresse (art. 6.1 e) och säkerhetskravet i art. 32"),
        subjects=STAFF,
        retention=_(
            "Tills nästa kod begärs eller kontot tas bort; koden gäller några minuter och sparas bara som en "
            "kontrollsumma."
        ),
        fields={
            "user": PersonalField(_("Användaren"), _("Skicka koden till rätt konto")),
        },
    ),
    "otp_totp.TOTPDevice": Declaration(
        purpose=_("Tvåstegsverifiering vid inloggning"),
        legal_basis=_("Allmänt intresse (art. 6.1 e) och säkerhetskravet i art. 32"),
        subjects=STAFF,
        retention=_("Tills tvåstegsverifieringen stängs av eller kontot tas bort."),
        fields={
            "user": PersonalField(_("Användaren"), _("Koppla appen till kontot")),
            "key": PersonalField(_("Hemlig nyckel för engångskoder"), _("Kontrollera engångskoder")),
            "last_t": PersonalField(_("Senast använda kod (tidssteg)"), _("Hindra att en kod används två gånger")),
        },
    ),
    "audit.AuditEvent": Declaration(
        purpose=_("Spårbarhet: vem som ändrade eller läste vad och när"),
        legal_basis=_("Allmänt intresse (art. 6.1 e), säkerhet och ansvarsskyldighet (art. 5.2 och 32)"),
        subjects=_("Användare, och personer som förekommer i de ändrade uppgifterna"),
        retention=_(
            "Gallras inte: granskningshändelser kan varken ändras eller tas bort genom applikationen. "
            "Tas en användare bort töms `vem`, men `vem (text)` finns kvar."
        ),
        fields={
            "actor": PersonalField(_("Användaren som gjorde ändringen eller läsningen"), _("Spårbarhet")),
            "actor_label": PersonalField(_("Användarens namn eller e-postadress som text"), _("Spårbarhet")),
            "object_repr": PersonalField(
                _("Postens namn, t.ex. en persons namn eller början av en fritext"), _("Spårbarhet")
            ),
            "changes": PersonalField(
                _(
                    "Fältens värden före och efter, vid skapande alla fält, också fritext och rapportör (händelsernas fritext bara som längd och fingeravtryck)"
                ),
                _("Spårbarhet"),
            ),
            "note": PersonalField(_("Kommentar"), _("Spårbarhet")),
        },
    ),
    "casework.Problem": Declaration(
        purpose=_("Problemorienterat arbete: problem på platser och vad som görs åt dem"),
        legal_basis=PUBLIC_INTEREST,
        subjects=_("Användare; personer som beskrivs i fritext"),
        retention=KEPT,
        fields={
            "description": PersonalField(FREE_TEXT, _("Beskriva problemet")),
            "closed_reason": PersonalField(FREE_TEXT, _("Säga varför problemet avslutades")),
            "created_by": CREATED_BY,
        },
    ),
    "casework.Measure": Declaration(
        purpose=_("Problemorienterat arbete: åtgärder, ansvariga och deltagare"),
        legal_basis=PUBLIC_INTEREST,
        subjects=_("Användare och andra deltagare i åtgärder"),
        retention=KEPT,
        fields={
            "description": PersonalField(FREE_TEXT, _("Beskriva åtgärden")),
            "participants_text": PersonalField(_("Deltagare som fritext, ofta namn"), _("Vilka som deltar")),
            "responsible_user": PersonalField(_("Ansvarig person"), _("Vem som ska följa upp; får påminnelser")),
            "responsible_text": PersonalField(_("Sammankallande/ansvarig som fritext"), _("Vem som ansvarar")),
            "created_by": CREATED_BY,
        },
    ),
    "casework.FollowUp": Declaration(
        purpose=_("Uppföljning av åtgärder"),
        legal_basis=PUBLIC_INTEREST,
        subjects=_("Användare; personer som beskrivs i fritext"),
        retention=KEPT,
        fields={
            "text": PersonalField(FREE_TEXT, _("Vad som hänt med åtgärden")),
            "author": PersonalField(_("Användaren som skrev uppföljningen"), _("Spårbarhet")),
            "created_by": CREATED_BY,
        },
    ),
    "casework.ReminderSent": Declaration(
        purpose=_("Att samma påminnelse inte skickas två gånger"),
        legal_basis=PUBLIC_INTEREST,
        subjects=STAFF,
        retention=_("Gallras inte; tas bort med åtgärden eller mottagarens konto."),
        fields={"recipient": PersonalField(_("Mottagaren av påminnelsen"), _("Skicka varje påminnelse en gång"))},
    ),
    "causes.Cause": Declaration(
        purpose=_("Orsaksanalys: orsaker till ett problem eller fokusområde"),
        legal_basis=PUBLIC_INTEREST,
        subjects=_("Personer som beskrivs i fritext"),
        retention=KEPT,
        fields={"description": PersonalField(FREE_TEXT, _("Beskriva orsaken"))},
    ),
    "causes.Evidence": Declaration(
        purpose=_("Orsaksanalys: underlag för en orsak, med källa"),
        legal_basis=PUBLIC_INTEREST,
        subjects=_("Personer som beskrivs i fritext eller nämns som källa"),
        retention=KEPT,
        fields={
            "text": PersonalField(FREE_TEXT, _("Beskriva underlaget")),
            "source": PersonalField(_("Källa, ibland en person"), _("Visa var underlaget kommer ifrån")),
        },
    ),
    "documents.ImportedDocument": Declaration(
        purpose=_("Föra in gamla protokoll och planer från arkivet, med originalet som källa"),
        legal_basis=PUBLIC_INTEREST,
        subjects=_("Användare; personer som nämns i de importerade dokumenten (t.ex. närvarande)"),
        retention=KEPT,
        fields={
            "file": PersonalField(
                _("Originalfilen, med namn på deltagare och ansvariga"), _("Källa till det importerade")
            ),
            "extracted": PersonalField(_("Utläst innehåll: närvarande, punkter och tabeller"), _("Granska importen")),
            "imported_by": PersonalField(_("Användaren som importerade"), _("Spårbarhet")),
            "created_by": CREATED_BY,
        },
    ),
    "documents.ImportBatch": Declaration(
        purpose=_("Visa förloppet för en import av många arkivfiler"),
        legal_basis=PUBLIC_INTEREST,
        subjects=STAFF,
        retention=_("Gallras inte i systemet."),
        fields={"created_by": PersonalField(_("Användaren som startade importen"), _("Spårbarhet"))},
    ),
    "forums.Forum": Declaration(
        purpose=_("Samverkansstrukturen: råd, arbetsgrupper och platssamverkan"),
        legal_basis=PUBLIC_INTEREST,
        subjects=STAFF,
        retention=KEPT,
        fields={"created_by": CREATED_BY},
    ),
    "forums.ForumMember": Declaration(
        purpose=_("Vilka som ingår i ett forum och med vilken roll; kallelser"),
        legal_basis=PUBLIC_INTEREST,
        subjects=STAFF,
        retention=_("Så länge personen är medlem i forumet; tas bort med kontot."),
        fields={
            "user": PersonalField(_("Medlemmen"), _("Kallelser och behörighet")),
            "title": PersonalField(_("Titel i forumet"), _("Visas i kallelser och protokoll")),
        },
    ),
    "forums.SafetyWalk": Declaration(
        purpose=_("Trygghetsvandringar med invånare och parter"),
        legal_basis=PUBLIC_INTEREST,
        subjects=_("Deltagare i vandringen, även invånare"),
        retention=KEPT,
        fields={
            "participants": PersonalField(_("Deltagare som fritext, ofta namn"), _("Vilka som deltog")),
            "summary": PersonalField(FREE_TEXT, _("Sammanfatta vandringen")),
            "created_by": CREATED_BY,
        },
    ),
    "forums.WalkInvitee": Declaration(
        purpose=_("Vilka som bjöds in till en trygghetsvandring; visas på vandringen och i dess rapport"),
        legal_basis=PUBLIC_INTEREST,
        subjects=_("Användare i samverkan och inbjudna gäster, t.ex. boende"),
        retention=KEPT,
        fields={
            "user": PersonalField(_("Inbjuden användare"), _("Vilka som bjöds in")),
            "guest_name": PersonalField(
                _("Gästens namn och inget annat (ingen e-post, inget telefonnummer)"),
                _("Vilka som bjöds in"),
                _walk_guest_purge,
            ),
        },
    ),
    "forums.Finding": Declaration(
        purpose=_("Iakttagelser från trygghetsvandringar, som kan bli problem och händelser"),
        legal_basis=PUBLIC_INTEREST,
        subjects=_("Personer som beskrivs i fritext eller syns på foton"),
        retention=KEPT,
        fields={
            "text": PersonalField(FREE_TEXT, _("Beskriva iakttagelsen")),
            "photo": PersonalField(
                _("Foto av platsen; kan visa personer eller fordon. Sparas utan bildfilens metadata (EXIF, position)."),
                _("Visa vad vandringen såg"),
            ),
        },
    ),
    "incidents.TipSubmission": Declaration(
        purpose=_("Begränsa hur många tips som skickas från en adress per timme"),
        legal_basis=PUBLIC_INTEREST,
        subjects=_("Invånare som skickar tips"),
        retention=_("Raderas efter en timme, när nästa tips kommer in."),
        fields={
            "address": PersonalField(
                _("Avsändarens IP-adress som nyckelad hash (adressen sparas inte)"),
                _("Räkna tips per adress"),
            ),
        },
    ),
    "incidents.TipReceipt": Declaration(
        purpose=_("Ge invånare som tipsat ett referensnummer och, om de vill, besked om vad som hände med tipset"),
        legal_basis=_("Samtycke (art. 6.1 a) för e-postadressen, som är frivillig; allmänt intresse för svaret"),
        subjects=_("Invånare som skickar tips och lämnar sin e-postadress"),
        retention=_tip_email_purge,
        fields={
            "email": PersonalField(
                _("Tipsarens e-postadress (frivillig)"), _("Skicka besked om tipset"), _tip_email_purge
            ),
            "answer": PersonalField(
                _("Svaret till tipsaren (fritext; formuläret ber om att personuppgifter maskeras)"),
                _("Visa tipsaren vad som hände med tipset"),
                KEPT,
            ),
        },
    ),
    "incidents.Incident": Declaration(
        purpose=_("Lägesbilden: händelser och iakttagelser per område och period"),
        legal_basis=_(
            "Allmänt intresse / myndighetsutövning (art. 6.1 e); fritexten kan innehålla uppgifter om "
            "lagöverträdelser (art. 10)"
        ),
        subjects=_("Rapportörer (användare); personer som beskrivs i händelser och tips"),
        retention=_("Händelsen (kategori, tid, område) finns kvar för statistiken; se fälten."),
        fields={
            "title": PersonalField(
                _("Rubrik: kategori och plats, polisens rubrik, eller vandringens rubrik och iakttagelse"),
                _("Visa händelsen i listor"),
                _incident_title_purge,
            ),
            "description": PersonalField(
                _("Fritext från partner, polisens sammanfattning, tips (maskerat) eller iakttagelse"),
                _("Förstå vad som hänt"),
                _incident_purge,
            ),
            "lat": PersonalField(
                _("Latitud; en punkt kan peka ut en bostad"), _("Karta och hotspots"), _incident_point_purge
            ),
            "lon": PersonalField(
                _("Longitud; en punkt kan peka ut en bostad"), _("Karta och hotspots"), _incident_point_purge
            ),
            "reporter": PersonalField(_("Användaren som rapporterade"), _("Frågor om rapporten"), _incident_purge),
            "created_by": PersonalField(
                _("Användaren som skapade posten (vid partnerrapport samma som rapportören)"),
                _("Spårbarhet"),
                _incident_purge,
            ),
            "dismissal_reason": PersonalField(
                _("Skälet att avfärda ett tips (fritext; formuläret ber om att personuppgifter maskeras)"),
                _("Visa varför tipset inte räknas"),
                KEPT,
            ),
        },
    ),
    "meetings.Meeting": Declaration(
        purpose=_("Möten och protokoll i råd och arbetsgrupper"),
        legal_basis=PUBLIC_INTEREST,
        subjects=STAFF,
        retention=KEPT,
        fields={
            "chair": PersonalField(_("Ordförande"), _("Protokollet")),
            "secretary": PersonalField(_("Sekreterare"), _("Protokollet")),
            "approved_by": PersonalField(_("Den som justerade protokollet"), _("Protokollet")),
            "created_by": CREATED_BY,
        },
    ),
    "meetings.Attendance": Declaration(
        purpose=_("Kallelser och närvaro i protokollet"),
        legal_basis=PUBLIC_INTEREST,
        subjects=_("Användare och gäster utan konto"),
        retention=_(
            "Raden gallras inte i systemet; arkiveras med protokollet. Namnet finns kvar om användarens konto "
            "tas bort; gästers namn gallras (se fälten)."
        ),
        fields={
            "user": PersonalField(_("Användaren, om personen har konto"), _("Kallelse och närvaro")),
            "name": PersonalField(
                _("Namn, kopierat från kontot eller angivet för en gäst"), _("Protokollet"), _meeting_guest_purge
            ),
            "title": PersonalField(
                _("Titel"),
                _("Protokollet"),
                _("Töms för gäster utan konto vid samma gallring som namnet; användarnas titlar finns kvar."),
            ),
            "status": PersonalField(_("Kallad, närvarande, frånvarande eller anmält förhinder"), _("Protokollet")),
        },
    ),
    "meetings.AgendaItem": Declaration(
        purpose=_("Dagordning och anteckningar i protokollet"),
        legal_basis=PUBLIC_INTEREST,
        subjects=_("Personer som nämns i anteckningarna"),
        retention=KEPT,
        fields={"notes": PersonalField(FREE_TEXT, _("Protokollets anteckningar"))},
    ),
    "meetings.Decision": Declaration(
        purpose=_("Beslut i protokollet"),
        legal_basis=PUBLIC_INTEREST,
        subjects=_("Personer som nämns i besluten"),
        retention=KEPT,
        fields={"text": PersonalField(FREE_TEXT, _("Protokollets beslut"))},
    ),
    "plans.ActionPlan": Declaration(
        purpose=_("Den gemensamma åtgärdsplanen"),
        legal_basis=PUBLIC_INTEREST,
        subjects=STAFF,
        retention=KEPT,
        fields={"created_by": CREATED_BY},
    ),
    "plans.FocusArea": Declaration(
        purpose=_("Den gemensamma åtgärdsplanen: ansvariga och kontaktpersoner per fokusområde"),
        legal_basis=PUBLIC_INTEREST,
        subjects=_("Kontaktpersoner och ansvariga hos polisen, förvaltningen och parterna"),
        retention=KEPT,
        fields={
            "responsible": PersonalField(_("Ansvarig, person eller organisation, som fritext"), _("Vem som ansvarar")),
            "police_contact": PersonalField(_("Polisens kontaktperson"), _("Vem man vänder sig till")),
            "district_contact": PersonalField(_("Förvaltningens kontaktperson"), _("Vem man vänder sig till")),
        },
    ),
    "plans.PlanFollowUp": Declaration(
        purpose=_("Uppföljningen av en beslutad plan eller ett medborgarlöfte"),
        legal_basis=PUBLIC_INTEREST,
        subjects=STAFF,
        retention=KEPT,
        fields={
            "recorded_by": PersonalField(_("Användaren som registrerade uppföljningen"), _("Spårbarhet")),
            "summary": PersonalField(FREE_TEXT, _("Sammanfatta uppföljningen")),
        },
    ),
    "plans.PlanFollowUpEntry": Declaration(
        purpose=_("Vad som gjorts per löfte eller aktivitet vid en uppföljning"),
        legal_basis=PUBLIC_INTEREST,
        subjects=_("Personer som nämns i fritexten"),
        retention=KEPT,
        fields={"text": PersonalField(FREE_TEXT, _("Beskriva vad som gjordes"))},
    ),
    "priorities.PriorityList": Declaration(
        purpose=_("Rådets beslutade prioriteringar av områden per tertial eller kvartal"),
        legal_basis=PUBLIC_INTEREST,
        subjects=STAFF,
        retention=KEPT,
        fields={"created_by": CREATED_BY},
    ),
    "priorities.PriorityEntry": Declaration(
        purpose=_("Rådets motivering till ett prioriterat område"),
        legal_basis=PUBLIC_INTEREST,
        subjects=_("Personer som nämns i fritexten"),
        retention=KEPT,
        fields={"justification": PersonalField(FREE_TEXT, _("Motivera prioriteringen"))},
    ),
    "goals.Goal": Declaration(
        purpose=_("Mål med indikatorer för fokusområden och problem"),
        legal_basis=PUBLIC_INTEREST,
        subjects=STAFF,
        retention=KEPT,
        fields={"created_by": CREATED_BY},
    ),
    "goals.ManualReading": Declaration(
        purpose=_("Värden för ett måls indikator som förs in för hand"),
        legal_basis=PUBLIC_INTEREST,
        subjects=STAFF,
        retention=KEPT,
        fields={"created_by": CREATED_BY},
    ),
    "situation.ReportSubscription": Declaration(
        purpose=_("Skicka lägesrapporten per e-post"),
        legal_basis=PUBLIC_INTEREST,
        subjects=STAFF,
        retention=_("Tills användaren avslutar prenumerationen eller kontot tas bort."),
        fields={"user": PersonalField(_("Mottagaren"), _("Skicka rapporten"))},
    ),
    "api.ApiToken": Declaration(
        purpose=_("Partners system anropar API:t som sin organisation; vem som skapade nyckeln"),
        legal_basis=PUBLIC_INTEREST,
        subjects=STAFF,
        retention=_("Nyckeln finns kvar efter att den återkallats, så att loggen kan förklaras. Ingen gallring."),
        fields={
            "created_by": CREATED_BY,
            "last_used_at": PersonalField(_("När nyckeln senast användes"), _("Uppföljning av nycklar")),
        },
    ),
    "statutory.StatutoryDocument": Declaration(
        purpose=_("Lägesbild, åtgärdsplan och årlig uppföljning enligt lag (2023:196)"),
        legal_basis=_(
            "Rättslig förpliktelse (art. 6.1 c): lag (2023:196) om kommuners ansvar för brottsförebyggande arbete"
        ),
        subjects=_("Ansvariga för åtgärder och personer som nämns i rådets texter"),
        retention=KEPT,
        fields={
            "created_by": CREATED_BY,
            "summary": PersonalField(FREE_TEXT, _("Rådets sammanfattning")),
            "risk_factors": PersonalField(FREE_TEXT, _("Rådets text om risk- och skyddsfaktorer")),
            "conclusions": PersonalField(FREE_TEXT, _("Rådets slutsatser")),
            "snapshot": PersonalField(
                _("Den beslutade versionen: åtgärdernas ansvariga och uppföljningstexter som de var vid beslutet"),
                _("Ett beslutat dokument ändras inte i efterhand"),
            ),
            "public_snapshot": PersonalField(
                _("Den offentliga versionen: bara öppna uppgifter, ansvariga som de står i öppna åtgärder"),
                _("Publicering av det beslutade dokumentet"),
            ),
        },
    ),
}

PLACE_NAME = _("Namn på ett område eller en plats, inte en person")
ORGANISATION = _("En organisation, inte en person")
PLAN_TEXT = _("Planens text om mål och arbetssätt, skrivs om organisationer och platser")

NOT_PERSONAL: dict[str, dict[str, Text]] = {
    "accounts.Organisation": {"name": ORGANISATION, "short_name": ORGANISATION},
    "otp_totp.TOTPDevice": {"name": _("Appens namn i TryggSam, alltid samma text")},
    "casework.Problem": {"categories": _("Koder för händelsekategorier")},
    "casework.Measure": {"responsible_organisation": ORGANISATION},
    "crimestats.CrimeStatistic": {"area_name": PLACE_NAME},
    "crimestats.StatisticsImport": {"file_name": _("Namnet på en fil med publicerad statistik")},
    "crimestats.SurveyResult": {"area_name": PLACE_NAME},
    "documents.ImportBatch": {
        "log": _("Filnamn och utfall per fil, inte dokumentens innehåll"),
        "created_forums": _("Namnen på de forum som importen skapade"),
    },
    "documents.ImportedDocument": {
        "original_name": _("Arkivfilens namn, t.ex. forum och datum"),
        "summary": _("Antal sparade poster per typ"),
    },
    "forums.Forum": {
        "name": _("Forumets namn"),
        "purpose": _("Forumets syfte"),
        "description": _("Beskrivning av forumet"),
    },
    "forums.SafetyWalk": {"route": _("Vandringens väg som koordinater, inte en persons position")},
    "api.ApiToken": {
        "principal": _("Nyckelns eget systemkonto (api-…@api.invalid), ingen person"),
        "name": _("Namnet på systemet eller leverantören som använder nyckeln"),
        "scopes": _("Vad nyckeln får göra (läsa, rapportera, ändra)"),
    },
    "forums.Programme": {
        "name": _("Programmets namn"),
        "short_name": _("Programmets namn"),
        "description": _("Beskrivning av programmet"),
        "responsible_organisation": ORGANISATION,
    },
    "forums.ProgrammeDelivery": {
        "note": _("Anteckning om genomförandet i en skola"),
        "delivered_by": _("Organisation eller funktion som genomförde programmet"),
    },
    "incidents.IncidentCategory": {"name": _("Kategorins namn")},
    "places.Area": {"name": PLACE_NAME, "folded_name": PLACE_NAME, "geometry": _("Områdets gräns (GeoJSON)")},
    "places.AreaAlias": {"name": PLACE_NAME, "folded_name": PLACE_NAME},
    "plans.ActionPlan": {"introduction": PLAN_TEXT},
    "plans.FocusArea": {
        "name": _("Fokusområdets namn"),
        **dict.fromkeys(
            [
                "goal",
                "purpose",
                "target_group",
                "measure",
                "police_commitment",
                "district_commitment",
                "other_actors",
                "funding",
                "communication",
                "follow_up",
            ],
            PLAN_TEXT,
        ),
        "activities": _("Lista över prioriterade aktiviteter"),
    },
    "plans.PlanFollowUpEntry": {"activity": _("En av löftets aktiviteter, som i planen")},
    "goals.Goal": {"text": PLAN_TEXT},
    "goals.ManualReading": {"source": _("Källan till värdet (en undersökning, en rapport)")},
}
