"""The effect study's page and its form; the measure's page shows the result through a page section
(`sections.py`)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from tryggsam.accounts import permissions
from tryggsam.accounts.http import AuthenticatedHttpRequest
from tryggsam.casework.models import Measure
from tryggsam.casework.selectors import measure_for
from tryggsam.core.post_views import form_saved
from tryggsam.effects import selectors, services
from tryggsam.effects.forms import EffectStudyForm
from tryggsam.effects.models import Granularity


def _readable_measure(request: AuthenticatedHttpRequest, pk: int) -> Measure:
    measure = measure_for(request.user, pk)
    if not permissions.can_view_effect_study(request.user, measure):
        raise PermissionDenied
    return measure


@login_required
@require_GET
def study_detail(request: AuthenticatedHttpRequest, measure_id: int) -> HttpResponse:
    measure = _readable_measure(request, measure_id)
    return render(
        request,
        "effects/study.html",
        {
            "measure": measure,
            "effect": selectors.effect_of(request.user, measure),
            "can_edit_effect": permissions.can_edit_effect_study(request.user, measure),
            "nav": "forums",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def study_edit(request: AuthenticatedHttpRequest, measure_id: int) -> HttpResponse:
    measure = _readable_measure(request, measure_id)
    if not permissions.can_edit_effect_study(request.user, measure):
        raise PermissionDenied
    study = selectors.study_of(request.user, measure)
    initial = (
        {
            "comparison_areas": list(study.comparison_areas.all()),
            "categories": list(study.categories.all()),
            "granularity": study.granularity,
            "before_periods": study.before_periods,
            "after_periods": study.after_periods,
        }
        if study is not None
        else {"granularity": Granularity.MONTH, "before_periods": 12, "after_periods": 12}
    )
    form = EffectStudyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if form_saved(
            form,
            lambda: services.effect_study_save(
                actor=request.user,
                measure=measure,
                comparison_areas=data["comparison_areas"],
                categories=data["categories"],
                granularity=data["granularity"],
                before_periods=data["before_periods"],
                after_periods=data["after_periods"],
            ),
        ):
            return redirect("effects:study", measure_id=measure.pk)
    return render(request, "effects/edit.html", {"measure": measure, "form": form, "nav": "forums"})
