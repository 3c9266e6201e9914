"""`{% category_rows %}` writes the picture's table rows exactly as the template loop did."""

import pytest
from django.template import engines
from django.utils import translation

from tryggsam.incidents.models import IncidentCategory
from tryggsam.situation.selectors import CategoryRow, Change

# The loop of situation/picture.html before the tag, kept here as the reference.
LOOP = """{% load i18n %}<tbody>{% for row, points in sparklines %}<tr>
    <th scope="row">{{ row.category.name }}</th>
    <td class="number">{{ row.count|default_if_none:hidden_count }}</td>
    <td class="number">{{ row.previous.before|default_if_none:hidden_count }}{% if row.previous.significant %} <strong title="{% translate 'Signifikant förändring' %}">*</strong>{% endif %}</td>
    <td class="number">{{ row.last_year.before|default_if_none:hidden_count }}{% if row.last_year.significant %} <strong title="{% translate 'Signifikant förändring' %}">*</strong>{% endif %}</td>
    <td><svg class="sparkline" width="120" height="24" viewBox="0 0 120 24" role="img" aria-label="{% blocktranslate with c=row.category.name %}Trend för {{ c }}{% endblocktranslate %}: {{ row.trend|join:', ' }}"><polyline points="{{ points }}" fill="none" stroke="#0b5394" stroke-width="1.5"/></svg></td>
  </tr>{% empty %}<tr><td colspan="5" class="muted">{% translate "Inga händelser under perioden." %}</td></tr>{% endfor %}</tbody>"""

TAG = "{% load situation_table %}<tbody>{% category_rows sparklines hidden_count %}</tbody>"


def _rows():
    odd = IncidentCategory(pk=1, code="x", name='Skadegörelse & "klotter" <ute>')
    plain = IncidentCategory(pk=2, code="y", name="Stöld")
    return [
        (CategoryRow(odd, 1234, Change(1000, 0.001), Change(1300, 0.4), [5, 0, 12]), "0.0,23.0 60.0,1.0"),
        (CategoryRow(plain, None, Change(None, None), Change(7, None), [None, 4, None]), "0.0,23.0"),
        (CategoryRow(plain, 0, Change(0, 1.0), Change(3, 0.02), []), ""),
    ]


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("rows", [_rows(), []])
def test_category_rows__as_the_template_loop(rows, language):
    django_engine = engines["django"]
    context = {"sparklines": rows, "hidden_count": "<3"}
    with translation.override(language):
        expected = django_engine.from_string(LOOP).render(context)
        assert django_engine.from_string(TAG).render(context) == expected
    assert "&lt;3" in expected or not rows
