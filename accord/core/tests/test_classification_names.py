"""Configurable classification names (`ACCORD_CLASSIFICATION_NAMES`): shown on pages, in
the API and in form choices, in English and Russian; levels not configured keep their
translated defaults; stored values and order never change; a bad setting is reported by
`accord check` and never breaks a page; migrations never see a change."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.core import checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from accord.core.checks import check_classification_names
from accord.core.classification import parse_names
from accord.core.models import Classification, Party, Release
from accord.expertise import services
from accord.expertise.forms import SystemForm
from accord.expertise.models import WeaponSystem

NAMES = {"1": {"en": "Official", "ru": "Для служебного пользования"}, "SECRET": "Top Secret X"}
OFFICIAL_RU = "Для служебного пользования"


def russian_default(msgid: str) -> str:
    with translation.override("ru"):
        return gettext(msgid)


@pytest.fixture
def configured(settings: Any) -> dict:
    settings.ACCORD_CLASSIFICATION_NAMES = NAMES
    return NAMES


@pytest.fixture
def system(make_user: Any) -> Any:
    user = make_user("RUS", roles=["legal_adviser"], username="rus.names")
    system = services.system_register(
        actor=user,
        designation="Names Test System (fictional)",
        category="novel_munition",
        classification=Classification.RESTRICTED,
        release=Release.OWNER,
    )
    system.actor = user
    return system


def test_defaults_without_configuration() -> None:
    with translation.override("en"):
        assert [str(label) for label in Classification.labels] == [
            "Unclassified",
            "Restricted",
            "Confidential",
            "Secret",
        ]
    with translation.override("ru"):
        assert str(Classification.RESTRICTED.label) == russian_default("Restricted")
    assert russian_default("Restricted") != "Restricted"  # the catalogue translates it


def test_configured_names_in_english_and_russian(configured: dict) -> None:
    with translation.override("en"):
        assert str(Classification.RESTRICTED.label) == "Official"
        assert str(Classification.SECRET.label) == "Top Secret X"  # one name for all languages
        assert str(Classification.CONFIDENTIAL.label) == "Confidential"  # not configured
    with translation.override("ru"):
        assert str(Classification.RESTRICTED.label) == OFFICIAL_RU
        assert str(Classification.SECRET.label) == "Top Secret X"
        assert str(Classification.CONFIDENTIAL.label) == russian_default("Confidential")


def test_a_language_not_given_keeps_the_translated_default(settings: Any) -> None:
    settings.ACCORD_CLASSIFICATION_NAMES = '{"2": {"en": "Sensitive"}}'  # JSON, as from env
    with translation.override("en"):
        assert str(Classification.CONFIDENTIAL.label) == "Sensitive"
    with translation.override("ru"):
        assert str(Classification.CONFIDENTIAL.label) == russian_default("Confidential")


def test_values_and_order_do_not_change(configured: dict) -> None:
    assert list(Classification.values) == [0, 1, 2, 3]
    assert Classification.UNCLASSIFIED < Classification.RESTRICTED < Classification.SECRET


def test_override_settings_is_read_at_render_time() -> None:
    with translation.override("en"):
        label = Classification.RESTRICTED.label
        with override_settings(ACCORD_CLASSIFICATION_NAMES={"RESTRICTED": "Limited"}):
            assert str(label) == "Limited"
        assert str(label) == "Restricted"


def test_no_active_language_gives_the_untranslated_default(configured: dict) -> None:
    with translation.override(None):
        assert str(Classification.RESTRICTED.label) == "Restricted"


@pytest.mark.django_db
def test_makemigrations_sees_no_change_when_names_are_configured(configured: dict) -> None:
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


class PlainSystemForm(forms.ModelForm):
    class Meta:
        model = WeaponSystem
        fields = ("classification",)


@pytest.mark.django_db
def test_form_choices_show_the_configured_name(configured: dict) -> None:
    forms_built = [SystemForm(clearance=3, others=Party.objects.none()), PlainSystemForm()]
    for form in forms_built:
        field = form.fields["classification"]
        with translation.override("en"):
            choices = {value: str(label) for value, label in field.choices}
            assert choices[1] == "Official"
            assert choices[2] == "Confidential"
        with translation.override("ru"):
            choices = {value: str(label) for value, label in field.choices}
            assert choices[1] == OFFICIAL_RU
            assert choices[2] == russian_default("Confidential")


@pytest.mark.django_db
def test_page_shows_the_configured_name(client: Any, system: Any, configured: dict) -> None:
    client.force_login(system.actor)
    url = reverse("expertise:system", args=[system.pk])
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Official" in english
    russian = client.get(url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert OFFICIAL_RU in russian
    form_page = client.get(reverse("expertise:system-new"), HTTP_ACCEPT_LANGUAGE="ru")
    body = form_page.content.decode()
    assert OFFICIAL_RU in body
    assert russian_default("Confidential") in body  # unconfigured level, default translation


@pytest.mark.django_db
def test_api_shows_the_configured_name(api_client: Any, system: Any, configured: dict) -> None:
    client = api_client(system.actor)
    url = reverse("expertise-api:system-detail", kwargs={"pk": system.pk})
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").json()
    assert (english["classification"], english["classification_label"]) == (1, "Official")
    russian = client.get(url, HTTP_ACCEPT_LANGUAGE="ru").json()
    assert russian["classification_label"] == OFFICIAL_RU


@pytest.mark.django_db
def test_a_bad_setting_never_breaks_a_page(client: Any, system: Any, settings: Any) -> None:
    settings.ACCORD_CLASSIFICATION_NAMES = '{"1": {"en": '  # broken JSON
    client.force_login(system.actor)
    response = client.get(reverse("expertise:system", args=[system.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Restricted" in response.content.decode()


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ('{"1": ', "is not valid JSON"),
        ("[1, 2]", "must be a mapping"),
        ({"7": "Cosmic"}, "unknown level '7'"),
        ({"TOP": "Cosmic"}, "unknown level 'TOP'"),
        ({"1": {"de": "Amtlich"}}, "unknown language 'de'"),
        ({"1": {"en": " "}}, "needs a non-empty name"),
        ({"1": ""}, "needs a non-empty name"),
        ({"1": 5}, "needs a non-empty name"),
    ],
)
@pytest.mark.django_db
def test_bad_settings_are_reported_by_the_check(settings: Any, raw: Any, problem: str) -> None:
    settings.ACCORD_CLASSIFICATION_NAMES = raw
    errors = check_classification_names()
    assert errors and all(isinstance(e, checks.Error) for e in errors)
    assert all(e.id == "accord.E002" for e in errors)
    assert any(problem in e.msg for e in errors), [e.msg for e in errors]
    with pytest.raises(SystemCheckError, match=r"accord\.E002"):
        call_command("check", verbosity=0)


@pytest.mark.parametrize("raw", [None, "", {}, NAMES, '{"0": "Open", "3": {"ru": "Особо"}}'])
def test_good_settings_pass_the_check(settings: Any, raw: Any) -> None:
    settings.ACCORD_CLASSIFICATION_NAMES = raw
    assert check_classification_names() == []
    assert parse_names(raw)[1] == []
