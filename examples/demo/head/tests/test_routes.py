import pytest


def test_health(client):
    assert client.get("/health").status_code == 200


@pytest.mark.skip
def test_search(client):
    assert client.get("/items/search?q=a").status_code == 200
