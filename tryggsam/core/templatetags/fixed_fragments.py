"""`{% fixed_fragment nav=nav signed_in=user.is_authenticated %}…{% endfixed_fragment %}`: a piece of
a template rendered once per process for each value of its arguments (and language, script prefix and
URLconf), then handed out as the same string. For the parts of the base template that every page
renders alike: the menu (fifteen `{% fixed_url %}` and a dozen `{% translate %}` per request), the
stylesheet links, the language choice and the error texts for the browser.

The fragment sees nothing of the page's context but its arguments, so whatever it shows of a request,
a user or a record is missing from it rather than handed to the next reader; its arguments must be
plain values (str, int, bool, None). A `{% block %}` or `{% csrf_token %}` inside is refused when the
template is read. Changed settings (tests) empty every fragment.
"""

from __future__ import annotations

from typing import Any
from weakref import WeakSet

from django import template
from django.core.signals import setting_changed
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.template.defaulttags import CsrfTokenNode
from django.template.loader_tags import BlockNode
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

# Bounded: the arguments are a page's menu key and a flag, a handful of values. Past this the
# fragment is rendered every time rather than kept.
MAX_VARIANTS = 64
_PLAIN = (str, int, bool, type(None))
_nodes: WeakSet[FixedFragmentNode] = WeakSet()


class FixedFragmentNode(template.Node):
    # Holds no block (refused below): `{% extends %}`, which looks for blocks on every render, need
    # not walk it.
    child_nodelists = ()

    def __init__(self, nodelist: NodeList, arguments: dict[str, FilterExpression]):
        self.nodelist = nodelist
        self.arguments = arguments
        self.rendered: dict[tuple[Any, ...], SafeString] = {}
        _nodes.add(self)

    def render(self, context: template.Context) -> str:
        values = {name: expression.resolve(context) for name, expression in self.arguments.items()}
        for name, value in values.items():
            if not isinstance(value, _PLAIN):
                raise TypeError(f"fixed_fragment: {name} must be a plain value, not {type(value).__name__}")
        key = (get_language(), get_script_prefix(), get_urlconf(), context.autoescape, *sorted(values.items()))
        output = self.rendered.get(key)
        if output is None:
            with context.render_context.push():
                output = mark_safe(self.nodelist.render(context.new(values)))
            if len(self.rendered) < MAX_VARIANTS:
                self.rendered[key] = output
        return output


@register.tag
def fixed_fragment(parser: Parser, token: Token) -> FixedFragmentNode:
    bits = token.split_contents()[1:]
    arguments: dict[str, FilterExpression] = {}
    for bit in bits:
        name, equals, expression = bit.partition("=")
        if not equals or not name.isidentifier() or name in arguments:
            raise template.TemplateSyntaxError(f"fixed_fragment takes name=value arguments, not {bit!r}")
        arguments[name] = parser.compile_filter(expression)
    nodelist = parser.parse(("endfixed_fragment",))
    parser.delete_first_token()
    for refused in (BlockNode, CsrfTokenNode, FixedFragmentNode):
        if nodelist.get_nodes_by_type(refused):
            raise template.TemplateSyntaxError(f"fixed_fragment cannot hold a {refused.__name__}")
    return FixedFragmentNode(nodelist, arguments)


def forget_fragments(**_kwargs: Any) -> None:
    for node in _nodes:
        node.rendered.clear()


setting_changed.connect(forget_fragments)
