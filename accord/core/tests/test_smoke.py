from django.urls import reverse


def test_home_requires_sign_in(client, db):
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert reverse("accounts:sign-in") in response["Location"]


def test_home_shows_party(client, make_user):
    user = make_user("KAZ", roles=["auditor"])
    client.force_login(user)
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert "Kazakhstan" in response.content.decode()
