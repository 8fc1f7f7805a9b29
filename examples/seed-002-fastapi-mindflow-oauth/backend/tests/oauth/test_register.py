import pytest


def test_register_public_client(client):
    response = client.post(
        "/oauth/register",
        json={"client_name": "CLI", "redirect_uris": ["https://cli.test/callback"]},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["token_endpoint_auth_method"] == "none"
    assert body["client_id"]


def test_register_rejects_empty_redirect_uris(client):
    response = client.post("/oauth/register", json={"client_name": "CLI", "redirect_uris": []})
    assert response.status_code == 422


@pytest.mark.xfail(reason="pytest-asyncio event loop sequencing issue")
def test_registered_client_can_start_authorization(client, test_user):
    reg = client.post("/oauth/register", json={"client_name": "CLI", "redirect_uris": ["https://cli.test/cb"]})
    client_id = reg.json()["client_id"]
    response = client.get(
        "/oauth/authorize",
        params={
            "client_id": client_id,
            "redirect_uri": "https://cli.test/cb",
            "response_type": "code",
            "code_challenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            "user_id": str(test_user.id),
        },
    )
    assert response.status_code == 200
    assert "wants to access your MindFlow account" in response.text
