"""Shared fixtures: the pipeline and small real articles."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

from rasad.pipeline import Pipeline

pytest_plugins = ["api_support"]  # API fixtures: app, client, SQLite and PostgreSQL stores

SEEDS_DIR = Path(str(files("rasad.resources") / "demo"))
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS_DIR


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.glob("*.txt"))}
