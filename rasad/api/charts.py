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


def _day(value: str | None) -> date | None:
    """First day of an ISO date, month or year; None for intervals or nothing."""
    if not value or "/" in value:
        return None
    parts = value.split("-")
    try:
        numbers = [int(p) for p in parts[:3]] + [1] * (3 - len(parts[:3]))
        return date(*numbers)
    except ValueError:
        return None


def timeline_chart(events: list[dict[str, Any]], *, width: int = 760) -> dict:
    """Dated events on a time axis, one lane per PLOVER quad (lane 0: quad unknown)."""
    dated = [(day, ev) for ev in events if (day := _day(ev.get("date"))) is not None]
    left, right, lane_gap = 110, width - 30, 26
    lanes = [{"label": "unknown", "y": 20}] + [
        {"label": name, "y": 20 + lane_gap * quad} for quad, name in QUAD_LANES.items()
    ]
    axis_y = 20 + lane_gap * len(QUAD_LANES) + 16
    chart = {"width": width, "height": axis_y + 26, "left": left, "right": right}
    chart |= {"axis_y": axis_y, "lanes": lanes, "points": [], "ticks": []}
    if not dated:
        return chart
    first = min(day for day, _ in dated).toordinal()
    last = max(day for day, _ in dated).toordinal()
    scale = (right - left) / max(last - first, 1)

    def x_of(ordinal: int) -> float:
        return round(left + (ordinal - first) * scale if last > first else (left + right) / 2, 1)

    for day, ev in dated:
        quad = ev.get("quad") if ev.get("quad") in QUAD_LANES else 0
        chart["points"].append(
            {"x": x_of(day.toordinal()), "y": lanes[quad]["y"], "quad": quad, "date": ev["date"],
             "type": ev["type"], "href": ev["href"]}
        )
    ticks = {first, last, (first + last) // 2}
    chart["ticks"] = [
        {"x": x_of(o), "label": date.fromordinal(o).isoformat()} for o in sorted(ticks)
    ]
    return chart


def star_network(center: dict, others: list[dict], *, size: int = 360) -> dict:
    """The actor in the middle, co-actors on a circle; edge width grows with shared events."""
    mid = size / 2
    radius = size / 2 - 40
    top = max((o["count"] for o in others), default=1) or 1
    nodes = [{**center, "x": mid, "y": mid, "weight": 0}]
    for i, other in enumerate(others):
        angle = 2 * math.pi * i / max(len(others), 1) - math.pi / 2
        nodes.append({
            **other,
            "x": round(mid + radius * math.cos(angle), 1),
            "y": round(mid + radius * math.sin(angle), 1),
            "weight": round(1 + 4 * other["count"] / top, 1),
        })
    return {"size": size, "nodes": nodes}
