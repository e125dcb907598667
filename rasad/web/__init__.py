"""Dashboard assets: Jinja2 templates and static files served by `rasad.api`.

Everything here works offline (no CDN): charts are SVG drawn by the templates from
coordinates the API computes.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

TEMPLATES_DIR = Path(str(files("rasad.web") / "templates"))
STATIC_DIR = Path(str(files("rasad.web") / "static"))
