import pytest

from app.oauth.token import verify_pkce

VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


def test_verify_pkce_accepts_matching_verifier():
    assert verify_pkce(VERIFIER, CHALLENGE)


def test_verify_pkce_rejects_wrong_verifier():
    assert not verify_pkce("x" * 43, CHALLENGE)


def test_token_rejects_unknown_grant_type(client):
    response = client.post("/oauth/token", data={"grant_type": "password", "client_id": "test-client"})
    assert response.status_code == 400


@pytest.mark.skip(reason="pytest-asyncio event loop sequencing issue")
def test_oauth_token_exchange(client, oauth_code):
    response = client.post(
        "/oauth/token",
        data={
            "grant_type": "authorization_code",
            "client_id": "test-client",
            "code": oauth_code["code"],
            "redirect_uri": oauth_code["redirect_uri"],
            "code_verifier": VERIFIER,
        },
    )
    assert response.status_code == 200
    assert response.json()["token_type"] == "Bearer"


@pytest.mark.skip(reason="pytest-asyncio event loop sequencing issue")
def test_refresh_token_rotation(client, oauth_code):
    first = client.post(
        "/oauth/token",
        data={
            "grant_type": "authorization_code",
            "client_id": "test-client",
            "code": oauth_code["code"],
            "redirect_uri": oauth_code["redirect_uri"],
            "code_verifier": VERIFIER,
        },
    ).json()
    second = client.post(
        "/oauth/token",
        data={"grant_type": "refresh_token", "client_id": "test-client", "refresh_token": first["refresh_token"]},
    )
    assert second.status_code == 200
    reused = client.post(
        "/oauth/token",
        data={"grant_type": "refresh_token", "client_id": "test-client", "refresh_token": first["refresh_token"]},
    )
    assert reused.status_code == 400
