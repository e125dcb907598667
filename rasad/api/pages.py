"""Dashboard pages. Each renders what one `queries` function returns (the same data as its
JSON twin under /api); templates only format, with autoescape on for every string."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from rasad.api import queries
from rasad.api.params import Page, page_params
from rasad.api.routes import ActorId, Pair, SearchDep, StoreDep
from rasad.store.search import marked
from rasad.text.normalize import normalize
from rasad.web import TEMPLATES_DIR

router = APIRouter(include_in_schema=False)
PageDep = Annotated[Page, Depends(page_params)]

templates = Jinja2Templates(
    env=Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
)
# a headline as the source wrote it («بانك ملت», «مالزي»), shown in the letters and spacing of
# the article's normalized text; the store keeps it as written
templates.env.filters["normalized"] = lambda text: normalize(text) if text else text


def _render(request: Request, name: str, **context: Any) -> HTMLResponse:
    twin = "/api" + request.url.path if request.url.path != "/" else "/api/sectors"
    if request.url.query:
        twin += "?" + request.url.query
    return templates.TemplateResponse(request, name, {"json_url": twin, **context})


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, store: StoreDep) -> HTMLResponse:
    return _render(request, "index.html", data=queries.overview(store))


@router.get("/dyads")
def dyad_form(
    a: Annotated[str, Query(pattern=r"^[A-Za-z]{3}$")],
    b: Annotated[str, Query(pattern=r"^[A-Za-z]{3}$")],
) -> RedirectResponse:
    return RedirectResponse(f"/dyads/{a.upper()}-{b.upper()}", status_code=303)


@router.get("/dyads/{pair}", response_class=HTMLResponse)
def dyad(request: Request, store: StoreDep, pair: Pair, page: PageDep) -> HTMLResponse:
    return _render(request, "dyad.html", data=queries.dyad(store, pair, page, chart=True))


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor(request: Request, store: StoreDep, actor_id: ActorId) -> HTMLResponse:
    return _render(request, "actor.html", data=queries.actor(store, actor_id, network=True))


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(
    request: Request,
    store: StoreDep,
    doc_id: Annotated[str, Path(max_length=200)],
    hl: Annotated[str | None, Query(pattern=r"^\d{1,9}-\d{1,9}$")] = None,
) -> HTMLResponse:
    doc = queries.document(store, doc_id)
    parts = queries.highlight(doc["text"], hl)
    return _render(request, "document.html", doc=doc, parts=parts)


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    store: StoreDep,
    page: PageDep,
    options: SearchDep,
    q: Annotated[str, Query(max_length=200)] = "",
) -> HTMLResponse:
    data = (queries.search(store, q, page, options) if q
            else {"q": "", "items": [], "total": 0, "sort": options.sort})
    pieces = [marked(hit["snippet"], q) for hit in data["items"]]
    return _render(request, "search.html", data=data, pieces=pieces)
