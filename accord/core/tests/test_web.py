"""The web toolkit (`accord.core.web`): what a page shows when a service refuses."""

import json

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.test import RequestFactory

from accord.core.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    ServiceError,
    ValidationFailed,
)
from accord.core.models import Party
from accord.core.web import (
    Done,
    ReleasedToField,
    add_service_errors,
    attempt,
    page_not_found,
    perform,
    permission_denied,
)


class TitleForm(forms.Form):
    title = forms.CharField(max_length=20)


def _request(path="/somewhere/"):
    request = RequestFactory().post(path)
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _messages(request):
    return [str(m) for m in get_messages(request)]


def _raise(exc):
    def call():
        raise exc

    return call


def test_a_done_call_returns_its_value_and_queues_the_success_message():
    request = _request()
    outcome = attempt(request, None, lambda: 42, success="Saved.")
    assert outcome.ok and outcome.done is Done.OK and outcome.value == 42
    assert _messages(request) == ["Saved."]
    assert perform(_request(), None, lambda: None) is Done.OK


def test_an_invalid_form_is_not_sent_to_the_service():
    called = []
    form = TitleForm({"title": ""})
    assert perform(_request(), form, lambda: called.append(1)) is Done.INVALID
    assert called == []
    assert "title" in form.errors


def test_validation_errors_go_onto_the_form_fields_or_the_form():
    form = TitleForm({"title": "ok"})
    failed = ValidationFailed({"title": ["Taken."], "elsewhere": ["Not possible."]})
    request = _request()
    assert perform(request, form, _raise(failed)) is Done.INVALID
    assert form.errors["title"] == ["Taken."]
    assert form.non_field_errors() == ["Not possible."]
    assert _messages(request) == []


def test_without_a_form_refusals_become_messages():
    request = _request()
    failed = ValidationFailed({"title": ["Taken."], "other": ["Too late."]})
    assert perform(request, None, _raise(failed)) is Done.REFUSED
    assert _messages(request) == ["Taken.", "Too late."]
    request = _request()
    assert perform(request, None, _raise(Conflict())) is Done.REFUSED
    assert _messages(request) == [str(Conflict.default_message)]


def test_a_refusal_is_a_message_or_a_form_error_as_the_page_asks():
    request = _request()
    form = TitleForm({"title": "ok"})
    assert perform(request, form, _raise(PermissionDenied("No."))) is Done.REFUSED
    assert _messages(request) == ["No."] and not form.errors
    request = _request()
    form = TitleForm({"title": "ok"})
    done = perform(request, form, _raise(Conflict("Stale.")), refusal_on_form=True)
    assert done is Done.INVALID
    assert form.non_field_errors() == ["Stale."] and _messages(request) == []


def test_not_found_passes_on_so_a_hidden_record_answers_404():
    with pytest.raises(NotFound):
        perform(_request(), None, _raise(NotFound()))
    with pytest.raises(PermissionDenied):
        perform(_request(), None, _raise(PermissionDenied()), passes=(NotFound, PermissionDenied))


def test_a_page_may_let_every_refusal_but_invalid_data_answer_its_own_page():
    form = TitleForm({"title": "ok"})
    with pytest.raises(Conflict):
        perform(_request(), form, _raise(Conflict()), passes=(ServiceError,))
    failed = ValidationFailed({"title": ["Taken."]})
    assert perform(_request(), form, _raise(failed), passes=(ServiceError,)) is Done.INVALID
    assert form.errors["title"] == ["Taken."]


def test_add_service_errors_takes_a_mapping_or_an_error():
    form = TitleForm({"title": "ok"})
    form.is_valid()
    add_service_errors(form, {"title": ["A."]})
    add_service_errors(form, ValidationFailed(message="Whole form."))
    add_service_errors(form, Conflict("Changed."))
    assert form.errors["title"] == ["A."]
    assert form.non_field_errors() == ["Whole form.", "Changed."]


@pytest.mark.django_db
def test_released_to_field_defaults():
    field = ReleasedToField()
    assert str(field.label) == "Released to" and field.required is False
    assert list(field.queryset) == []
    field.queryset = Party.objects.filter(code="ARM")
    assert [p.code for p in field.clean([Party.objects.get(code="ARM").pk])] == ["ARM"]


@pytest.mark.django_db
def test_404_and_403_pages_answer_json_under_the_api_only():
    api = page_not_found(RequestFactory().get("/api/v1/nowhere/"), None)
    assert api.status_code == 404 and api["Content-Type"] == "application/json"
    assert json.loads(api.content) == {"code": "not_found", "detail": "Not found."}
    denied = permission_denied(RequestFactory().get("/api/v1/x/"), None)
    assert denied.status_code == 403
    assert json.loads(denied.content)["code"] == "permission_denied"
    request = RequestFactory().get("/nowhere/")
    request.user = None
    page = page_not_found(request, None)
    assert page.status_code == 404 and b"<html" in page.content.lower()
