"""Form fields shared by the apps."""

from collections.abc import Callable, Iterator
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext as _

from tryggsam.core import widgets
from tryggsam.core.text import strip_control_characters, swedish_sort_key

MAX_ID = 2**63 - 1


def _in_range(value: Any) -> bool:
    text = str(value).strip()
    return text.isdigit() and 0 < int(text) <= MAX_ID


class _ChoiceIterator(forms.models.ModelChoiceIterator):
    """Django's options, read in one fetch instead of through `QuerySet.iterator()`: an option list is
    a few dozen rows shown whole, and on PostgreSQL `iterator()` opens a server-side cursor (DECLARE,
    FETCH, CLOSE: round trips for nothing). Iterates a copy, so the field's queryset keeps no rows."""

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class _ValuesChoiceIterator(forms.models.ModelChoiceIterator):
    """The options read as values (the id and the columns the label is made of), not as model
    instances: what a select shows of each row, without loading and building the whole row. Read in
    one fetch, not through `iterator()` (see `_ChoiceIterator`)."""

    def __iter__(self) -> Iterator[Any]:
        field: Any = self.field  # a ModelChoiceField of this module
        if field.empty_label is not None:
            yield ("", field.empty_label)
        columns = field.columns_read()
        label = field.label_from_values
        for pk, *values in self.queryset.values_list("pk", *columns):
            no_instance: Any = None  # no row was built; the widgets here write the value only
            yield (forms.models.ModelChoiceIteratorValue(pk, no_instance), label(*values))


class ModelChoiceField(forms.ModelChoiceField):
    """A model choice that refuses ids the database cannot hold, before asking it (a hostile
    '-99999999999999999999' would otherwise overflow SQLite's integer).

    With `option_columns` and `option_label` (the label from those columns' values, the same text as
    `label_from_instance`) its options are read as values, not model instances."""

    widget = widgets.Select
    iterator: type[forms.models.ModelChoiceIterator] = _ChoiceIterator
    option_columns: tuple[str, ...] = ()

    def __init__(
        self,
        *args: Any,
        option_columns: tuple[str, ...] = (),
        option_label: Callable[..., str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if option_label is not None:
            if self.to_field_name:
                raise ValueError("options read as values are chosen by id")
            self.option_columns = option_columns
            self.option_label = option_label
            self.iterator = _ValuesChoiceIterator

    def columns_read(self) -> tuple[str, ...]:
        """The columns an option's label is made from (`label_from_values` gets their values)."""
        return self.option_columns

    def label_from_values(self, *values: Any) -> str:
        return self.option_label(*values)

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if not _in_range(value):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    widget = widgets.SelectMultiple
    iterator = _ChoiceIterator

    def _check_values(self, value: Any) -> Any:
        for pk in value:
            if not _in_range(pk):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": str(pk)[:40]}
                )
        return super()._check_values(value)  # type: ignore[misc]


def _current_pks(value: Any) -> tuple[int, ...]:
    """The ids in a field's initial value: one object or id, or several (a list or queryset)."""
    if value is None or value == "":
        return ()
    values = value if isinstance(value, list | tuple | set) or hasattr(value, "model") else [value]
    pks = (getattr(v, "pk", v) for v in values)
    return tuple(int(str(pk)) for pk in pks if pk is not None and _in_range(pk))


class _ActiveOrCurrent:
    """Mixed into a model choice field whose model has `is_active`: it offers the active rows, and
    the row(s) the record being edited already names (the form's initial value), so that nobody picks
    a deactivated one anew while a record that names one keeps showing it and saves unchanged. Whatever
    queryset a form later gives the field is limited the same way; an inactive option is marked."""

    _current: tuple[int, ...] = ()
    _base_queryset: Any = None

    def _limited(self, queryset: Any) -> Any:
        if queryset is None:
            return None
        return queryset.filter(Q(is_active=True) | Q(pk__in=self._current))

    def _set_queryset(self, queryset: Any) -> None:
        self._base_queryset = queryset
        super()._set_queryset(self._limited(queryset))  # type: ignore[misc]

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)  # type: ignore[attr-defined]

    def __deepcopy__(self, memo: dict) -> Any:
        result = super().__deepcopy__(memo)  # type: ignore[misc]
        if self._base_queryset is not None:
            result.queryset = self._base_queryset.all()
        return result

    def get_bound_field(self, form: Any, field_name: str) -> Any:
        # Called once per form instance before the field is rendered or cleaned: the record's value.
        current = _current_pks(form.get_initial_for_field(self, field_name))
        if current != self._current:
            self._current = current
            self.queryset = self._base_queryset
        return super().get_bound_field(form, field_name)  # type: ignore[misc]

    def label_from_instance(self, obj: Any) -> str:
        label = super().label_from_instance(obj)  # type: ignore[misc]
        return label if getattr(obj, "is_active", True) else _("%(name)s (inaktiv)") % {"name": label}

    def columns_read(self) -> tuple[str, ...]:
        return (*super().columns_read(), "is_active")  # type: ignore[misc]

    def label_from_values(self, *values: Any) -> str:
        *columns, is_active = values
        label = super().label_from_values(*columns)  # type: ignore[misc]
        return label if is_active else _("%(name)s (inaktiv)") % {"name": label}


class ActiveModelChoiceField(_ActiveOrCurrent, ModelChoiceField):
    """A choice of an organisation (or another row with `is_active`) for a record: active ones, and the
    one the record already names."""


class ActiveModelMultipleChoiceField(_ActiveOrCurrent, ModelMultipleChoiceField):
    """Several such choices: the active rows and those the record already names."""


class _GroupedChoices(BaseChoiceIterator):
    """The options, read when the widget is rendered (not when the form class is defined): grouped
    by the field's `group` when there are several groups, otherwise the objects alone."""

    def __init__(self, field: "GroupedModelChoiceField") -> None:
        self.field = field

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        objects = sorted(self.field.queryset or [], key=lambda o: swedish_sort_key(self.field.label_from_instance(o)))
        groups: dict[str, list[tuple[Any, str]]] = {}
        for obj in objects:
            groups.setdefault(str(self.field.group(obj)), []).append((obj.pk, self.field.label_from_instance(obj)))
        names = self.field.order_groups(list(groups))
        for name in names:
            if len(names) > 1:
                yield (name, groups[name])
            else:
                yield from groups[name]


class GroupedModelChoiceField(ModelChoiceField):
    """A model choice whose options are grouped (optgroups) and sorted the Swedish way; subclasses
    or callers say how to group (`group`) and in which order the groups come (`order_groups`)."""

    def __init__(self, *args: Any, group: Callable[[Any], Any] = str, **kwargs: Any) -> None:
        self.group = group
        super().__init__(*args, **kwargs)

    def order_groups(self, names: list[str]) -> list[str]:
        return sorted(names, key=swedish_sort_key)

    def _get_choices(self) -> Any:
        return _GroupedChoices(self)

    choices = property(_get_choices, ModelChoiceField.choices.fset)  # type: ignore[union-attr,assignment]


class ControlCharacterFreeMixin:
    """Mix in before `forms.Form`: every text value the form cleans has its control characters
    removed (they are invisible, and the minutes' DOCX cannot hold them), before the form's own
    `clean()` (e.g. the personal-data guard) sees it. One mechanism for every free-text field."""

    cleaned_data: dict[str, Any]

    def _clean_fields(self) -> None:
        super()._clean_fields()  # type: ignore[misc]
        for name, value in list(self.cleaned_data.items()):
            if not isinstance(value, str):
                continue
            cleaned = strip_control_characters(value)
            field = self.fields.get(name)  # type: ignore[attr-defined]
            if value.strip() and not cleaned.strip() and field is not None and field.required:
                self.add_error(name, field.error_messages["required"])  # type: ignore[attr-defined]
            else:
                self.cleaned_data[name] = cleaned
