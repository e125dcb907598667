"""Chart geometry (rasad.api.charts) on hand-made counts."""

from __future__ import annotations

from rasad.api.charts import star_network, timeline_chart


def test_timeline_chart_keeps_reported_counts_apart() -> None:
    """Undated events counted at the publication month are their own bubble, flagged, even in
    a month and lane that also holds dated events."""
    months = [
        {"month": "2024-07", "type": "CONSULT", "quad": 1, "events": 2, "reported": False},
        {"month": "2024-07", "type": "AGREE", "quad": 1, "events": 3, "reported": True},
        {"month": "2024-09", "type": "ACCUSE", "quad": 3, "events": 1, "reported": False},
    ]
    points = timeline_chart(months)["points"]
    assert [(p["month"], p["quad"], p["events"], p["reported"]) for p in points] == [
        ("2024-07", 1, 2, False),
        ("2024-07", 1, 3, True),
        ("2024-09", 3, 1, False),
    ]
    assert points[0]["x"] == points[1]["x"] < points[2]["x"]
    assert points[1]["r"] > points[0]["r"]  # area grows with the count


def test_star_network_labels_stand_outside_and_fit() -> None:
    """A label on the right of the circle starts right of its node, one on the left ends left
    of it, and a long name is cut (its full name stays in the node's tooltip)."""
    others = [{"id": str(i), "label": f"actor {i}", "count": i + 1} for i in range(4)]
    others[1]["label"] = "International Monetary Fund of the World"
    net = star_network({"id": "USA", "label": "United States", "count": 9}, others)
    center, top, right, bottom, left = net["nodes"]
    assert (right["anchor"], left["anchor"], top["anchor"]) == ("start", "end", "middle")
    assert right["lx"] > right["x"] and left["lx"] < left["x"]
    assert right["short"].endswith("…") and len(right["short"]) <= 22
    assert right["label"] == others[1]["label"]
    assert left["lx"] - 140 >= 0 and right["lx"] + 140 <= net["width"]  # room for the text
