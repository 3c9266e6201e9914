"""`{% fixed_fragment %}`: a piece of the base template rendered once per process for each value of
its arguments and language, which sees nothing of the page but its arguments."""

import pytest
from django.conf import settings
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation

from tests.factories import user_with_role
from tryggsam.accounts.models import Role

LOAD = "{% load fixed_fragments i18n %}"


def _render(source: str, **context) -> str:
    return Template(LOAD + source).render(Context(context))


def test_fixed_fragment__sees_only_its_arguments():
    template = Template(LOAD + "{% fixed_fragment shown=shown %}[{{ shown }}|{{ secret }}]{% endfixed_fragment %}")
    assert template.render(Context({"shown": "a", "secret": "hemligt"})) == "[a|]"
    assert template.render(Context({"shown": "b", "secret": "annat"})) == "[b|]"
    assert template.render(Context({"shown": "a", "secret": "tredje"})) == "[a|]"


def test_fixed_fragment__is_rendered_once_per_argument_value_and_language():
    template = Template(LOAD + "{% fixed_fragment n=n %}{{ n }}{% translate 'Start' %}{% endfixed_fragment %}")
    node = next(n for n in template.nodelist if type(n).__name__ == "FixedFragmentNode")
    with translation.override("sv"):
        assert template.render(Context({"n": 1})) == "1Start"
        assert template.render(Context({"n": 2})) == "2Start"
        assert template.render(Context({"n": 1})) == "1Start"
    assert len(node.rendered) == 2
    with translation.override("en"):
        template.render(Context({"n": 1}))
    assert len(node.rendered) == 3


def test_fixed_fragment__refuses_what_belongs_to_one_request():
    with pytest.raises(TemplateSyntaxError):
        Template(LOAD + "{% fixed_fragment %}{% csrf_token %}{% endfixed_fragment %}")
    with pytest.raises(TemplateSyntaxError):
        Template(LOAD + "{% fixed_fragment %}{% block x %}{% endblock %}{% endfixed_fragment %}")
    with pytest.raises(TemplateSyntaxError):
        Template(LOAD + "{% fixed_fragment user %}{% endfixed_fragment %}")
    with pytest.raises(TypeError):
        _render("{% fixed_fragment who=user %}{% endfixed_fragment %}", user=object())


def test_fixed_fragment__changed_settings_empty_it(settings):
    template = Template(LOAD + "{% fixed_fragment %}x{% endfixed_fragment %}")
    node = next(n for n in template.nodelist if type(n).__name__ == "FixedFragmentNode")
    template.render(Context())
    assert node.rendered
    settings.TRYGGSAM_BASE_URL = "http://example.org"
    assert not node.rendered


@pytest.mark.django_db
def test_base_menu__follows_login_page_and_language(client, police):
    """The menu kept for one reader, page or language is not what another gets."""
    meetings, documents = 'href="/moten/"', 'href="/styrdokument/"'
    member = user_with_role(Role.MEMBER, police)
    client.force_login(member)
    signed_in = client.get("/konto/losenord/klart/").content.decode()
    assert meetings in signed_in and documents in signed_in
    client.logout()
    visitor = client.get("/konto/logga-in/").content.decode()
    assert meetings not in visitor and documents not in visitor
    places = client.get("/platser/").content.decode()
    assert 'href="/platser/" aria-current="page"' in places
    assert 'href="/platser/" aria-current="page"' not in visitor
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/konto/logga-in/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    swedish = client.get("/konto/logga-in/").content.decode()
    assert "Hoppa till innehållet" in swedish and "Hoppa till innehållet" not in english
    assert '<option value="sv" selected>' in swedish and '<option value="en" selected>' in english
