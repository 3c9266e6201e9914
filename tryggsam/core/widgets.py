"""Select widgets that write their options in Python instead of through one template include per
option.

Django renders every `<option>` with `select_option.html` and `attrs.html`; an area choice of 190
options cost the situation page about a third of its CPU, a forum's member form a tenth of the work
table's. These widgets write exactly the HTML of Django's templates (a test compares them); whatever
they do not know (another template, another renderer, labels that are neither text nor lazy text) goes
the template way.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

_DEFAULT_RENDERERS = (type(None), DjangoTemplates)  # they read Django's own widget templates
_SELECT = "django/forms/widgets/select.html"
_OPTION = "django/forms/widgets/select_option.html"


def _attrs(attrs: dict[str, Any]) -> str:
    """attrs.html: ` name="value"`, a bare ` name` for True, nothing for False."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(f" {conditional_escape(name)}")
        if value is not True:
            out.append(f'="{conditional_escape(_as_s(value))}"')
    return "".join(out)


def _text(label: Any) -> Any:
    """A label as the template prints it: a lazy translation (`gettext_lazy`, e.g. TextChoices labels) as
    its text in the active language, text as it is (safe text stays safe)."""
    return str(label) if isinstance(label, Promise) else label


def _as_s(value: Any) -> Any:
    """The `stringformat:'s'` filter: safe text stays safe, anything else becomes text."""
    return value if isinstance(value, SafeString) else str(value)


class _OptionsInPython:
    template_name: Any
    option_template_name: Any

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        if (
            type(renderer) not in _DEFAULT_RENDERERS
            or self.template_name != _SELECT
            or self.option_template_name != _OPTION
        ):
            return super().render(name, value, attrs, renderer)  # type: ignore[misc]
        widget = self.get_context(name, value, attrs)["widget"]  # type: ignore[attr-defined]
        groups = widget["optgroups"]
        if not all(isinstance(o["label"], str | Promise) for _, options, _ in groups for o in options):
            return super().render(name, value, attrs, renderer)  # type: ignore[misc]
        out = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in groups:
            if group_name:
                out.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in options:
                out.append(
                    f'\n  <option value="{conditional_escape(_as_s(option["value"]))}"{_attrs(option["attrs"])}>'
                    f"{conditional_escape(_text(option['label']))}</option>\n"  # the template ends with a newline
                )
            if group_name:
                out.append("\n  </optgroup>")
        out.append("\n</select>")
        return mark_safe("".join(out))  # every value above is escaped


class Select(_OptionsInPython, forms.Select):
    pass


class SelectMultiple(_OptionsInPython, forms.SelectMultiple):
    pass
