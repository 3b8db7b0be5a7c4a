from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accord.core.audit import record_view
from accord.core.errors import Conflict
from tests.markedapp import selectors, services


class DossierForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(max_length=200)
    body = forms.CharField(required=False, widget=forms.Textarea)


@login_required
def dossier_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "markedapp/list.html",
        {"dossiers": selectors.dossier_list(actor=request.user)[:50]},
    )


@login_required
def dossier_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = selectors.dossier_get(actor=request.user, pk=pk)
    record_view(actor=request.user, obj=dossier)
    return render(request, "markedapp/detail.html", {"dossier": dossier})


@login_required
def dossier_edit(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = selectors.dossier_get(actor=request.user, pk=pk)
    form = DossierForm(
        request.POST or None,
        initial={"version": dossier.version, "title": dossier.title, "body": dossier.body},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.dossier_update(
                actor=request.user, dossier=dossier, version=data.pop("version"), **data
            )
        except Conflict as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("dossier-detail", pk=dossier.pk)
    return render(
        request,
        "markedapp/edit.html",
        {"dossier": dossier, "form": form},
        status=409 if form.non_field_errors() else 200,
    )
