from django import forms
from django.utils.translation import gettext_lazy as _

from tryggsam.documents.staging import MAX_UPLOAD_BYTES
from tryggsam.privacy.forms import PersonalDataGuardMixin

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

    def apply(self, data: dict) -> dict:
        """The extracted data with the corrections applied."""
        c = self.cleaned_data
        meeting = dict(data.get("meeting") or {})
        meeting.update(
            {
                "date": c["date"].isoformat() if c["date"] else None,
                "start": c["start"].strftime("%H:%M") if c["start"] else None,
                "end": c["end"].strftime("%H:%M") if c["end"] else None,
                "location": c["location"] or None,
            }
        )
        return {**data, "title": c["title"] or None, "forum": c["forum"] or None, "meeting": meeting}
