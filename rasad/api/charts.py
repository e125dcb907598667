"""Chart geometry for the dashboard: plain numbers the templates turn into SVG.

Computing coordinates here keeps the templates free of arithmetic and the dashboard free of
JavaScript chart libraries (it must work offline).
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

QUAD_LANES = {1: "verbal coop", 2: "material coop", 3: "verbal conflict", 4: "material conflict"}


def bar_chart(counts: dict[str, int], *, width: int = 520, label_width: int = 110) -> dict:
    """Horizontal bars, longest first; widths scaled to the largest count."""
    items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    top = max((value for _, value in items), default=0) or 1
    span = width - label_width - 40
    bars = [
        {"label": label, "value": value, "width": round(span * value / top, 1), "y": 22 * i}
        for i, (label, value) in enumerate(items)
    ]
    return {"width": width, "height": 22 * len(bars) + 4, "label_width": label_width, "bars": bars}


def _month_day(month: str) -> date:
    year, number = month.split("-")
    return date(int(year), int(number), 1)


def _bubbles(months: list[dict[str, Any]]) -> dict[tuple[str, int, bool], dict[str, Any]]:
    """(month, lane, reported) -> its event count and the count per type (quad unknown: lane
    0; reported: undated in the text, placed at the article's publication month)."""
    cells: dict[tuple[str, int, bool], dict[str, Any]] = {}
    for row in months:
        lane = row["quad"] if row["quad"] in QUAD_LANES else 0
        at = (row["month"], lane, bool(row.get("reported")))
        cell = cells.setdefault(at, {"events": 0, "types": {}})
        cell["events"] += row["events"]
        cell["types"][row["type"]] = row["events"]
    return cells


def timeline_chart(months: list[dict[str, Any]], *, width: int = 760) -> dict:
    """A dyad's events per month on a time axis, one lane per PLOVER quad (lane 0: quad
    unknown); a bubble's area grows with its count, and events the text gives no date are
    their own (hollow) bubbles at the publication month. `months` are the store's
    per-month, per-type counts (Store.dyad_months), so a busy pair costs no more to draw
    than a quiet one."""
    left, right, lane_gap = 110, width - 30, 26
    lanes = [{"label": "unknown", "y": 20}] + [
        {"label": name, "y": 20 + lane_gap * quad} for quad, name in QUAD_LANES.items()
    ]
    axis_y = 20 + lane_gap * len(QUAD_LANES) + 16
    chart = {"width": width, "height": axis_y + 26, "left": left, "right": right}
    chart |= {"axis_y": axis_y, "lanes": lanes, "points": [], "ticks": []}
    cells = _bubbles(months)
    if not cells:
        return chart
    first = min(_month_day(m) for m, _, _ in cells).toordinal()
    last = max(_month_day(m) for m, _, _ in cells).toordinal()
    scale = (right - left) / max(last - first, 1)
    top = max(cell["events"] for cell in cells.values())

    def x_of(ordinal: int) -> float:
        return round(left + (ordinal - first) * scale if last > first else (left + right) / 2, 1)

    for (month, lane, reported), cell in sorted(cells.items()):
        types = ", ".join(f"{t} {n}" for t, n in sorted(cell["types"].items(),
                                                          key=lambda kv: (-kv[1], kv[0])))
        chart["points"].append(
            {"x": x_of(_month_day(month).toordinal()), "y": lanes[lane]["y"], "quad": lane,
             "month": month, "events": cell["events"], "types": types, "reported": reported,
             "r": round(2.5 + 6.5 * math.sqrt(cell["events"] / top), 1)}
        )
    ticks = {first, last, (first + last) // 2}
    chart["ticks"] = [
        {"x": x_of(o), "label": date.fromordinal(o).isoformat()[:7]} for o in sorted(ticks)
    ]
    return chart


_LABEL_CHARS = 22  # a longer co-actor name is cut, with its full name in the tooltip


def star_network(center: dict, others: list[dict], *, size: int = 360, margin: int = 130) -> dict:
    """The actor in the middle, co-actors on a circle; edge width grows with shared events.
    Labels stand outside the circle, away from the centre (right of a node on the right, left
    of one on the left), in margins wide enough for them, so none is clipped."""
    width, mid_y = size + 2 * margin, size / 2
    mid_x = width / 2
    radius = size / 2 - 40
    top = max((o["count"] for o in others), default=1) or 1
    nodes = [{**center, "x": mid_x, "y": mid_y, "weight": 0, "anchor": "middle",
              "lx": mid_x, "ly": mid_y + 30, "short": _short(center["label"])}]
    for i, other in enumerate(others):
        angle = 2 * math.pi * i / max(len(others), 1) - math.pi / 2
        x, y = mid_x + radius * math.cos(angle), mid_y + radius * math.sin(angle)
        side = math.cos(angle)
        anchor = "start" if side > 0.3 else "end" if side < -0.3 else "middle"
        lx = x + 14 if anchor == "start" else x - 14 if anchor == "end" else x
        ly = y + 4 if anchor != "middle" else y + (24 if math.sin(angle) > 0 else -14)
        nodes.append({
            **other,
            "x": round(x, 1), "y": round(y, 1),
            "weight": round(1 + 4 * other["count"] / top, 1),
            "anchor": anchor, "lx": round(lx, 1), "ly": round(ly, 1),
            "short": _short(other["label"]),
        })
    return {"width": width, "height": size, "nodes": nodes}


def _short(label: str) -> str:
    return label if len(label) <= _LABEL_CHARS else label[: _LABEL_CHARS - 1] + "…"
