"""The province view: ranking and completeness, always reflecting the latest data."""

from __future__ import annotations

from web_helpers import login


def _completeness(client, headers, period):
    body = client.get(f"/api/province/ranking?period={period}", headers=headers).json()
    return {row["commune"]: (row["reported"], row["total"]) for row in body["completeness"]}


def test_completeness_follows_new_values(client, world, token_for):
    province = token_for("tinh")
    before = _completeness(client, province, world.period)
    assert before == {"Xã Bên Cạnh": (0, 2), "Xã Thử Nghiệm": (0, 2)}
    put = client.put(f"/api/indicators/{world.ind_a_office}/values/{world.period}", json={"value": 85},
                     headers=token_for("vanphong.a"))
    assert put.status_code == 200
    after = _completeness(client, province, world.period)
    assert after["Xã Thử Nghiệm"] == (1, 2)
    assert after["Xã Bên Cạnh"] == (0, 2)


def test_province_page_lists_communes_and_links_to_their_dashboards(client, world):
    login(client, "tinh")
    page = client.get(f"/province?period={world.period}")
    assert page.status_code == 200
    assert f"/dashboard?commune={world.commune_a}" in page.text
    assert f"/dashboard?commune={world.commune_b}" in page.text
    drill = client.get(f"/dashboard?commune={world.commune_b}&period={world.period}")
    assert drill.status_code == 200 and "Xã Bên Cạnh" in drill.text


def test_commune_users_cannot_open_the_province_view(client, world, token_for):
    assert client.get("/api/province/ranking", headers=token_for("lanhdao.a")).status_code == 403
    login(client, "vanphong.a")
    assert client.get("/province").status_code == 403


def test_province_user_pins_a_catalogue_indicator_on_his_view(client, world):
    import re

    from web_helpers import csrf_of

    login(client, "tinh")
    page = client.get(f"/province?period={world.period}")
    options = re.findall(r'<option value="(\d+)"', page.text.split('name="catalogue"', 1)[1].split("</select>", 1)[0])
    assert options, "the catalogue is offered"
    client.post("/pins", data={"csrf_token": csrf_of(page.text), "kind": "catalogue", "ref_id": options[0],
                               "back": "/province"})
    pinned = client.get(f"/province?period={world.period}").text
    assert "Chỉ tiêu đã ghim" in pinned
    assert f"/province?catalogue={options[0]}" in pinned
