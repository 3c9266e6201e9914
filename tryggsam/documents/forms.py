from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tryggsam.casework.models import MeasureStatus
from tryggsam.core.forms import ModelChoiceField
from tryggsam.core.personal_data.forms import PersonalDataGuardMixin
from tryggsam.documents.matching import CARRY_ON, CONFIRMED_STATUS, status_guess
from tryggsam.documents.staging import MAX_UPLOAD_BYTES
from tryggsam.forums.models import Forum

ACCEPTED = (".txt", ".md", ".docx", ".pdf", ".odt")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def clean(self, data: object, initial: object = None) -> list:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    documents = MultipleFileField(
        label=_("Filer"),
        widget=MultipleFileInput(attrs={"multiple": True, "accept": ",".join(ACCEPTED)}),
        help_text=_(
            "Protokoll, minnesanteckningar, åtgärdsplaner eller överenskommelser: .txt, .md, .docx, .pdf, .odt (högst 25 MB per fil)."
        ),
    )

    def clean_documents(self) -> list:
        files = self.cleaned_data["documents"]
        errors = []
        for upload in files:
            if not upload.name.lower().endswith(ACCEPTED):
                errors.append(_("%(name)s: filtypen kan inte läsas.") % {"name": upload.name})
            elif upload.size > MAX_UPLOAD_BYTES:
                errors.append(_("%(name)s: filen är större än 25 MB.") % {"name": upload.name})
        if errors:
            raise forms.ValidationError(errors)
        return files


class CorrectionForm(PersonalDataGuardMixin, forms.Form):
    """The top-level fields a coordinator most often corrects before saving. Personal data typed into
    a correction is masked without asking, as the import masks what it read (`documents.personal_data`)."""

    mask_silently = True

    token = forms.CharField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("Titel"), max_length=300, required=False)
    forum = forms.CharField(
        label=_("Forum"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"list": "archive-forums"}),
        help_text=_("Välj ett befintligt forum i listan, eller skriv ett nytt namn."),
    )
    date = forms.DateField(label=_("Mötesdatum"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("Start"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("Slut"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    location = forms.CharField(label=_("Plats"), max_length=300, required=False)

    def __init__(
        self,
        *args: Any,
        work_tables: list[dict] | None = None,
        forums: QuerySet[Forum] | None = None,
        kind: str | None = None,
        **kwargs: Any,
    ) -> None:
        """`work_tables` (the extracted ones) add one status choice per row with a status text: the
        guess read from the text is preselected when it is sure; otherwise 'no change'. `forums` (those
        the user may import into) add a choice of the forum the document belongs to; a meeting
        document (`kind`) without a forum read from it must be given one."""
        super().__init__(*args, **kwargs)
        self.kind = kind
        if forums is not None:
            self.fields["forum_choice"] = ModelChoiceField(
                label=_("Spara i forumet"),
                queryset=forums.order_by("name"),
                required=False,
                empty_label=_("– forumet som står i dokumentet –"),
                help_text=_("Välj forumet om dokumentet inte anger det, eller om det angivna är fel."),
            )
        self.status_rows: list[tuple[str, int, int]] = []
        self.carry_rows: list[tuple[str, int, int]] = []
        if any(table.get("rows") for table in work_tables or []):
            self.fields["carry_all"] = forms.BooleanField(
                label=_("Fortsätt arbeta med alla rader i dagens arbetstabeller"),
                required=False,
                help_text=_(
                    "Utan kryss sparas raderna från ett äldre dokument som historik per dokumentets datum "
                    "(avslutade problem) och dagens arbetstabeller ändras inte. Du kan också välja rad för rad."
                ),
            )
        for t, table in enumerate(work_tables or []):
            for r, row in enumerate(table.get("rows") or []):
                if (row.get("measure") or row.get("problem") or "").strip():
                    name = f"carry_{t}_{r}"
                    self.fields[name] = forms.BooleanField(
                        label=_("Fortsätt med ”%(row)s”") % {"row": (row.get("measure") or row.get("problem"))[:80]},
                        required=False,
                    )
                    self.carry_rows.append((name, t, r))
            for r, row in enumerate(table.get("rows") or []):
                text = (row.get("status") or "").strip()
                if not text or not (row.get("measure") or "").strip():
                    continue
                guess = status_guess(text)
                name = f"status_{t}_{r}"
                self.fields[name] = forms.ChoiceField(
                    label=_("Status för ”%(measure)s”") % {"measure": row["measure"][:80]},
                    choices=[("", _("Ingen ändring")), *MeasureStatus.choices],
                    required=False,
                    initial=guess.status or "",
                    help_text=(
                        _("Texten ”%(text)s” tolkas som %(status)s. Ändra om det är fel.")
                        % {"text": text[:120], "status": guess.label.lower()}
                        if guess.sure
                        else _(
                            "Texten ”%(text)s” säger inte säkert vilken status åtgärden har; välj en, annars ändras den inte."
                        )
                        % {"text": text[:120]}
                    ),
                )
                self.status_rows.append((name, t, r))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            self.kind in ("minutes", "agenda")
            and "forum_choice" in self.fields
            and not cleaned.get("forum_choice")
            and not (cleaned.get("forum") or "").strip()
        ):
            self.add_error(
                "forum_choice", _("Dokumentet anger inget forum som kändes igen; välj forumet mötet hölls i.")
            )
        return cleaned

    def apply(self, data: dict) -> dict:
        """The extracted data with the corrections applied, and each confirmed status on its row."""
        c = self.cleaned_data
        tables = [
            dict(table, rows=[dict(row) for row in table.get("rows") or []]) for table in data.get("work_tables") or []
        ]
        for name, t, r in self.status_rows:
            if t < len(tables) and r < len(tables[t]["rows"]):
                tables[t]["rows"][r][CONFIRMED_STATUS] = c.get(name) or None
        for name, t, r in self.carry_rows:
            if t < len(tables) and r < len(tables[t]["rows"]):
                tables[t]["rows"][r][CARRY_ON] = bool(c.get("carry_all") or c.get(name))
        data = {**data, "work_tables": tables}
        meeting = dict(data.get("meeting") or {})
        meeting.update(
            {
                "date": c["date"].isoformat() if c["date"] else None,
                "start": c["start"].strftime("%H:%M") if c["start"] else None,
                "end": c["end"].strftime("%H:%M") if c["end"] else None,
                "location": c["location"] or None,
            }
        )
        chosen = c.get("forum_choice")
        return {
            **data,
            "title": c["title"] or None,
            "forum": chosen.name if chosen else (c["forum"] or None),
            "forum_id": chosen.pk if chosen else None,
            "meeting": meeting,
        }
