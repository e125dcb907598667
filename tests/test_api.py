"""The real app through FastAPI's TestClient, on real stores built by rasad.fixtures
(SQLite, and PostgreSQL when installed): reads, pagination, ingest, escaping, SQL safety."""

from __future__ import annotations

import csv
import io
import json

import pytest

from rasad.extract.contexts import load_yaml

PAYLOADS = ["' OR 1=1; --", '"; DROP TABLE documents; --', "1; SELECT pg_sleep(5)", "%_\\"]
XSS_TEXT = (
    "خبرگزاری مهر: <script>window.__xss = 1; alert(1)</script> وزیر امور خارجه ایران "
    'در تهران با "onmouseover=alert(1) x=" همتای بلاروسی خود دیدار و گفت‌وگو کرد.'
)


def test_api_documents_paginated(client) -> None:
    first = client.get("/api/documents", params={"_size": 2}).json()
    assert first["ok"] and first["total"] >= 3 and len(first["items"]) == 2
    second = client.get("/api/documents", params={"_size": 2, "_page": 2}).json()
    assert {d["id"] for d in first["items"]}.isdisjoint(d["id"] for d in second["items"])
    assert first["next_page"] == 2


@pytest.mark.parametrize("doc_id", ["004_da3d466a17c7a79f", "000_14dd7ec80a022bb4"])
def test_api_document_is_output_contract(client, doc_id: str) -> None:
    doc = client.get(f"/api/documents/{doc_id}").json()
    assert doc["id"] == doc_id
    for key in ("text", "sentences", "entities", "dates", "quotes", "events", "content_hash"):
        assert key in doc
    for ev in doc["events"]:
        start, end = ev["evidence"]
        assert 0 <= start < end <= len(doc["text"])


@pytest.mark.parametrize(
    "path",
    ["/api/events", "/api/events?country=IRN", "/api/quotes", "/api/sectors",
     "/api/dyads/IRN-BLR", "/api/search?q=ایران"],
)
def test_api_reads_answer_ok(client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.json()["ok"] is True


def test_api_dyad_timeline_in_date_order(client) -> None:
    data = client.get("/api/dyads/irn-blr").json()
    assert (data["a"], data["b"]) == ("IRN", "BLR")
    dates = [ev["date"] for ev in data["items"] if ev["date"]]
    assert dates == sorted(dates)
    for ev in data["items"]:
        countries = {(ev["source"] or {}).get("country"), (ev["target"] or {}).get("country")}
        assert countries <= {"IRN", "BLR", None}
        assert ev["evidence_text"]


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_api_export_streams(client, fmt: str) -> None:
    response = client.get("/api/export", params={"format": fmt})
    assert response.status_code == 200
    if fmt == "jsonl":
        ids = [json.loads(line)["id"] for line in response.text.splitlines()]
        assert "004_da3d466a17c7a79f" in ids
    else:
        rows = list(csv.reader(io.StringIO(response.text)))
        assert rows[0][:3] == ["document_id", "date", "type"]


@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), ({"Authorization": "Bearer wrong"}, 403), ({"Authorization": "Basic abc"}, 401)],
)
def test_api_ingest_needs_token(client, headers: dict, status: int) -> None:
    body = json.dumps({"id": "unauth", "text": XSS_TEXT}, ensure_ascii=False)
    response = client.post("/api/ingest", content=body.encode(), headers=headers)
    assert response.status_code == status
    assert client.get("/api/documents/unauth").status_code == 404


@pytest.mark.parametrize("size", [5 * 1024 * 1024 + 1, 8 * 1024 * 1024])
def test_api_ingest_rejects_large_upload(client, write_headers, size: int) -> None:
    response = client.post("/api/ingest", content=b"x" * size, headers=write_headers)
    assert response.status_code == 413


@pytest.mark.parametrize("shape", ["jsonl", "list"])
def test_api_ingest_is_idempotent(client, write_headers, shape: str) -> None:
    record = {"id": f"ingest-{shape}", "text": XSS_TEXT, "published": "2024-08-01"}
    bad = {"id": f"bad-{shape}", "text": 7}
    if shape == "jsonl":
        body = "\n".join(json.dumps(r, ensure_ascii=False) for r in (record, bad))
    else:
        body = json.dumps([record, bad], ensure_ascii=False)
    first = client.post("/api/ingest", content=body.encode(), headers=write_headers).json()
    again = client.post("/api/ingest", content=body.encode(), headers=write_headers).json()
    assert first["stored"] == [record["id"]] and first["skipped"][0]["where"] == "body:2"
    assert again["stored"] == [] and again["duplicates"] == [record["id"]]
    assert client.get(f"/api/documents/{record['id']}").json()["text"]


@pytest.mark.parametrize("body", [b"", b"[not json", b"\xff\xfe\x00garbage"])
def test_api_ingest_bad_body_is_400(client, write_headers, body: bytes) -> None:
    assert client.post("/api/ingest", content=body, headers=write_headers).status_code == 400


def test_api_article_text_rendered_escaped(client, write_headers) -> None:
    body = json.dumps({"id": "xss-page", "text": XSS_TEXT}, ensure_ascii=False).encode()
    assert client.post("/api/ingest", content=body, headers=write_headers).status_code == 200
    html = client.get("/documents/xss-page", params={"hl": "0-5"}).text
    assert "<script>window.__xss" not in html
    assert "&lt;script&gt;window.__xss" in html
    assert '"onmouseover' not in html and "&#34;onmouseover=alert(1)" in html
    assert "<mark" in html


def test_api_pages_show_a_headline_in_normalized_letters(client, write_headers) -> None:
    """A headline written with Arabic letters («بانك», «مالزي») reads as the article's text
    does, still escaped; the stored record keeps it as written."""
    record = {"id": "title-page", "title": "تحريم بانك <i>ملت</i> در مالزي",
              "text": "بانک ملت در مالزی تحریم شد و وزیر خارجه ایران از آن انتقاد کرد."}
    body = json.dumps(record, ensure_ascii=False).encode()
    assert client.post("/api/ingest", content=body, headers=write_headers).status_code == 200
    page = client.get("/documents/title-page").text
    assert "تحریم بانک &lt;i&gt;ملت&lt;/i&gt; در مالزی" in page and "بانك" not in page
    assert client.get("/api/documents/title-page").json()["title"] == record["title"]


def test_api_search_page_marks_the_query_and_escapes_the_rest(client, write_headers) -> None:
    """The search page highlights each spelling of the query in the snippet («همکاری‌های»
    for «همکاری های»), and the snippet's other text stays escaped."""
    text = "<b>تهران</b> و مینسک بر گسترش همکاری‌های بانکی تاکید کردند."
    body = json.dumps({"id": "mark-page", "text": text}, ensure_ascii=False).encode()
    assert client.post("/api/ingest", content=body, headers=write_headers).status_code == 200
    html = client.get("/search", params={"q": "همکاری های بانکی"}).text
    assert "<mark>همکاری‌های بانکی</mark>" in html
    assert "&lt;b&gt;" in html and "<b>تهران" not in html


def test_api_search_sorts_and_bounds_by_publication_day(client, write_headers) -> None:
    """/api/search and its page take sort=relevance|newest and since/until (publication
    day); the answer echoes them, and an unknown order is a 422 in the one error shape."""
    records = [{"id": "kelp-old", "published": "2019-02-01",
                "text": "جلبک دریایی و جلبک سبز و صادرات جلبک در خلیج فارس."},
               {"id": "kelp-new", "published": "2023-06-01",
                "text": "گزارش‌های تازه از بندرعباس رسید و در آن یک بار از جلبک یاد شد."}]
    body = "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode()
    headers = {**write_headers, "Content-Type": "application/x-ndjson"}
    assert client.post("/api/ingest", content=body, headers=headers).status_code == 200

    def ids(**params: str) -> list[str]:
        data = client.get("/api/search", params={"q": "جلبک", **params}).json()
        assert data["sort"] == params.get("sort", "relevance")
        return [item["id"] for item in data["items"]]

    assert ids() == ["kelp-old", "kelp-new"]
    assert ids(sort="newest") == ["kelp-new", "kelp-old"]
    assert ids(since="2020-01-01") == ["kelp-new"] and ids(until="2020-01-01") == ["kelp-old"]
    bad = client.get("/api/search", params={"q": "جلبک", "sort": "oldest"})
    assert bad.status_code == 422 and bad.json()["ok"] is False
    page = client.get("/search", params={"q": "جلبک", "sort": "newest", "since": "2020-01-01"})
    assert '<option value="newest" selected>' in page.text and 'value="2020-01-01"' in page.text
    assert "kelp-new" in page.text and "kelp-old" not in page.text


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize(
    ("path", "param"),
    [("/api/events", "type"), ("/api/events", "country"), ("/api/events", "q"),
     ("/api/search", "q"), ("/api/quotes", "speaker"), ("/search", "q")],
)
def test_api_sql_payloads_are_inert(client, path: str, param: str, payload: str) -> None:
    response = client.get(path, params={param: payload})
    assert response.status_code < 500, response.text
    assert client.get("/api/documents/004_da3d466a17c7a79f").status_code == 200


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("template", ["/api/documents/{}", "/api/actors/{}", "/documents/{}"])
def test_api_sql_payloads_in_paths(client, template: str, payload: str) -> None:
    assert client.get(template.format(payload)).status_code in (200, 404, 422)
    assert client.get("/api/documents", params={"_size": 1}).json()["total"] >= 3


@pytest.mark.parametrize("page", ["/", "/dyads/IRN-BLR", "/search?q=بلاروس"])
def test_api_pages_are_rtl_persian(client, page: str) -> None:
    response = client.get(page)
    assert response.status_code == 200
    assert '<html dir="rtl" lang="fa">' in response.text
    assert "http://" not in response.text.split("<main>")[0]  # no CDN assets in the head


def test_api_dyad_chart_places_undated_events_at_their_publication_month(client) -> None:
    """Most events carry no date of their own: the chart draws them hollow at the month their
    article was published, beside the dated ones, and says so."""
    page = client.get("/dyads/IRN-BLR").text
    assert 'class="quad-1 reported"' in page and 'class="quad-1"' in page
    assert "publication month" in page


def test_api_sectors_count_participant_and_economic_sectors(client) -> None:
    data = client.get("/api/sectors").json()
    assert data["sectors"] and all(v > 0 for v in data["sectors"].values())
    economic = data["economic_sectors"]
    assert economic["trade"] > 0 and list(economic.values()) == sorted(economic.values())[::-1]
    assert set(economic) <= set(load_yaml("contexts.yaml")["sectors"])  # the resource's names
    assert 'id="economic-chart"' in client.get("/").text


def test_api_openapi_lists_endpoints(client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/documents", "/api/events", "/api/dyads/{pair}", "/api/ingest"):
        assert path in paths
