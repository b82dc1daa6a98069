def test_landing_page_renders(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b'lang="da"' in response.data
