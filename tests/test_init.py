from __future__ import annotations

import importlib

import pytest

import rasad


@pytest.mark.parametrize("module", ["rasad.extract.events", "rasad.extract.entities"])
def test_init_extract_stays_callable_after_stage_imports(module):
    """The `rasad/extract/` subpackage must not shadow the `rasad.extract()` function."""
    importlib.import_module(module)
    assert callable(rasad.extract)
    doc = rasad.extract("ایران و بلاروس", published="2024-07-31", source="test")
    assert doc.published.isoformat() == "2024-07-31" and doc.source == "test"
