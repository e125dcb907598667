"""Chart geometry (rasad.api.charts) on hand-made counts."""

from __future__ import annotations

from rasad.api.charts import timeline_chart


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
