"""The register of processing (registerförteckning, GDPR art. 30), generated from the models.

`DECLARATIONS` says, per model that holds personal data, why it is processed, on what legal basis,
about whom, and for how long; `NOT_PERSONAL` gives the reason for every field that looks personal but
is not. `build_register` checks both against the models (a misspelt field raises) and
`undeclared_personal_fields` lists what neither covers, so a new personal field cannot slip in
unnoticed. Nothing here reads the database: the register follows the code and the settings only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import translation
from django.utils.translation import gettext

from tryggsam.privacy.processing_declarations import (
    DECLARATIONS,
    NOT_PERSONAL,
    Declaration,
    PersonalField,
    Retention,
    Text,
    retention_months,
)

__all__ = ["DECLARATIONS", "NOT_PERSONAL", "Declaration", "PersonalField", "Retention", "Text", "retention_months"]

COMMAND = "python manage.py processing_register"
DEFAULT_OUTPUT = "docs/processing-register.md"

# Field-name words that suggest a person (split on "_"); relations are judged by their target instead.
PERSONAL_WORDS = frozenset(
    {"name", "phone", "telefon", "email", "epost", "mail", "reporter", "ip", "author", "recipient", "actor"}
    | {"participants", "responsible", "contact"}
)


class RegisterError(Exception):
    """The declarations do not match the models."""


@dataclass(frozen=True)
class FieldEntry:
    name: str
    label: str
    kind: str
    what: str
    why: str
    retention: str  # empty: the model's retention


@dataclass(frozen=True)
class ModelEntry:
    label: str
    verbose_name: str
    purpose: str
    legal_basis: str
    subjects: str
    retention: str
    fields: tuple[FieldEntry, ...]


@dataclass(frozen=True)
class Register:
    models: tuple[ModelEntry, ...]
    without_personal_data: tuple[tuple[str, str], ...]
    reviewed: tuple[tuple[str, str, str], ...]


# Third-party tables that hold personal data of the project's own (the two-factor devices).
DECLARED_THIRD_PARTY = frozenset({"otp_totp.TOTPDevice"})


def project_models() -> list[type[models.Model]]:
    """Every concrete model of the project's own apps (tryggsam.*), sorted by label."""
    found = [
        m
        for m in apps.get_models()
        if m._meta.app_config.name.startswith("tryggsam.") or m._meta.label in DECLARED_THIRD_PARTY
    ]
    return sorted(found, key=lambda m: m._meta.label)


def forward_fields(model: type[models.Model]) -> dict[str, models.Field]:
    meta = model._meta
    return {f.name: f for f in [*meta.fields, *meta.many_to_many]}


def looks_personal(field: models.Field) -> bool:
    if field.is_relation:
        return field.related_model is get_user_model()
    if isinstance(field, models.EmailField | models.GenericIPAddressField | models.TextField):
        return True
    if isinstance(field, models.FileField | models.JSONField):
        return True
    return bool(PERSONAL_WORDS & set(field.name.lower().split("_")))


def _model(label: str) -> type[models.Model]:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError) as exc:
        raise RegisterError(f"{label}: ingen sådan modell") from exc


def validate(
    declarations: Mapping[str, Declaration] = DECLARATIONS,
    not_personal: Mapping[str, Mapping[str, Text]] = NOT_PERSONAL,
) -> None:
    """Raise RegisterError when a declared model or field does not exist, or a field is both."""
    for label, names in [*((k, d.fields) for k, d in declarations.items()), *not_personal.items()]:
        existing = forward_fields(_model(label))
        for name in names:
            if name not in existing:
                raise RegisterError(f"{label}.{name}: fältet finns inte i modellen")
    for label, declaration in declarations.items():
        both = set(declaration.fields) & set(not_personal.get(label, {}))
        if both:
            raise RegisterError(f"{label}.{sorted(both)[0]}: deklarerat både som personuppgift och inte")


def undeclared_personal_fields(
    declarations: Mapping[str, Declaration] = DECLARATIONS,
    not_personal: Mapping[str, Mapping[str, Text]] = NOT_PERSONAL,
) -> list[str]:
    """Fields of project models that look personal but are neither declared nor explained."""
    missing = []
    for model in project_models():
        label = model._meta.label
        declaration = declarations.get(label)
        covered = set(declaration.fields if declaration else ()) | set(not_personal.get(label, {}))
        missing += [f"{label}.{n}" for n, f in forward_fields(model).items() if looks_personal(f) and n not in covered]
    return missing


def _text(value: Retention) -> str:
    return str(value() if callable(value) else value)


def _explicit(verbose_name: Text, default: str) -> str:
    """The verbose name when the code gives one, empty when it is Django's default (English) name."""
    return "" if str(verbose_name) == default else str(verbose_name)


def _model_name(model: type[models.Model]) -> str:
    meta = model._meta
    return str(meta.verbose_name) if "verbose_name" in meta.original_attrs else ""


def _kind(field: models.Field) -> str:
    kind = type(field).__name__
    return f"{kind} → {field.related_model._meta.label}" if field.related_model else kind  # type: ignore[union-attr]


def build_register(
    declarations: Mapping[str, Declaration] = DECLARATIONS,
    not_personal: Mapping[str, Mapping[str, Text]] = NOT_PERSONAL,
) -> Register:
    """The register in the active language, with the fields' names, labels and types read from the models."""
    validate(declarations, not_personal)
    entries, without = [], []
    for model in project_models():
        label = model._meta.label
        declaration = declarations.get(label)
        if declaration is None:
            without.append((label, _model_name(model)))
            continue
        retention = _text(declaration.retention)
        fields = tuple(
            FieldEntry(
                name=name,
                label=_explicit(field.verbose_name, field.name.replace("_", " ")),
                kind=_kind(field),
                what=str(declaration.fields[name].what),
                why=str(declaration.fields[name].why),
                retention=_text(declaration.fields[name].retention or ""),
            )
            for name, field in forward_fields(model).items()
            if name in declaration.fields
        )
        entries.append(
            ModelEntry(
                label=label,
                verbose_name=_model_name(model),
                purpose=str(declaration.purpose),
                legal_basis=str(declaration.legal_basis),
                subjects=str(declaration.subjects),
                retention=retention,
                fields=fields,
            )
        )
    reviewed = sorted(
        (label, name, str(reason)) for label, names in not_personal.items() for name, reason in names.items()
    )
    return Register(models=tuple(entries), without_personal_data=tuple(without), reviewed=tuple(reviewed))


def _cell(value: str) -> str:
    return " ".join(value.split()).replace("|", "\\|")


def _lines(register: Register) -> Iterable[str]:
    yield "# " + gettext("Förteckning över behandlingar (registerförteckning)")
    yield ""
    yield "> " + gettext(
        "Genererad från modellerna av `%(command)s`. Redigera inte filen för hand: ändra deklarationerna i "
        "`tryggsam/privacy/register.py` och kör kommandot igen. `%(command)s --check` och testerna misslyckas "
        "när filen inte stämmer med modellerna."
    ) % {"command": COMMAND}
    yield ""
    yield gettext(
        "Förteckningen visar vilka personuppgifter varje modell i TryggSam innehåller, varför de behandlas, "
        "på vilken rättslig grund, vilka som berörs och hur länge uppgifterna sparas (art. 30 GDPR). Den omfattar "
        "projektets egna modeller (tryggsam.*); tabeller från ramverket och tredjepartspaket (sessioner, "
        "inloggningsförsök i django-axes, bakgrundsjobb i django-q) och säkerhetskopior ingår inte. Fritextfält "
        "där användare skriver om händelser, personer eller möten räknas som personuppgifter eftersom de kan "
        "innehålla namn. Lagringstiden för händelsernas fritext följer inställningen TRYGGSAM_RETENTION_MONTHS, "
        "här %(months)d månader."
    ) % {"months": retention_months()}
    for entry in register.models:
        yield ""
        title = f"{entry.verbose_name[:1].upper()}{entry.verbose_name[1:]} (`{entry.label}`)"
        yield "## " + (title if entry.verbose_name else f"`{entry.label}`")
        yield ""
        yield f"- **{gettext('Ändamål')}:** {entry.purpose}"
        yield f"- **{gettext('Rättslig grund')}:** {entry.legal_basis}"
        yield f"- **{gettext('Registrerade')}:** {entry.subjects}"
        yield f"- **{gettext('Lagringstid')}:** {entry.retention}"
        yield ""
        yield f"| {gettext('Fält')} | {gettext('Typ')} | {gettext('Vad')} | {gettext('Varför')} | {gettext('Hur länge')} |"
        yield "|---|---|---|---|---|"
        for f in entry.fields:
            yield (
                "| "
                + " | ".join(
                    _cell(v)
                    for v in [
                        f"`{f.name}` ({f.label})" if f.label else f"`{f.name}`",
                        f.kind,
                        f.what,
                        f.why,
                        f.retention or gettext("Se lagringstiden ovan."),
                    ]
                )
                + " |"
            )
    yield ""
    yield "## " + gettext("Modeller utan personuppgifter")
    yield ""
    yield from (f"- `{label}` ({name})" if name else f"- `{label}`" for label, name in register.without_personal_data)
    yield ""
    yield "## " + gettext("Granskade fält som inte är personuppgifter")
    yield ""
    yield f"| {gettext('Fält')} | {gettext('Varför inte')} |"
    yield "|---|---|"
    yield from (f"| `{label}.{name}` | {_cell(reason)} |" for label, name, reason in register.reviewed)


def render_markdown(language: str = "sv") -> str:
    """The register as Markdown, always the same for the same code and settings."""
    with translation.override(language):
        return "\n".join(_lines(build_register())) + "\n"
