from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from rasad.cli import app

runner = CliRunner()


@pytest.mark.parametrize("published", [None, "2024-07-31"])
def test_cli_extract_writes_the_contract(seeds_dir, published):
    args = ["extract", str(seeds_dir / "004_da3d466a17c7a79f.txt"), "--format", "jsonl"]
    if published:
        args += ["--published", published]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.strip().splitlines()
    data = json.loads(line)
    assert data["id"] == "004_da3d466a17c7a79f"
    assert data["published"] == published
    for key in ("text", "sentences", "entities", "dates", "quotes", "events"):
        assert key in data


@pytest.mark.parametrize("bad", ["31-07-2024", "yesterday"])
def test_cli_extract_rejects_bad_published(seeds_dir, bad):
    result = runner.invoke(app, ["extract", str(seeds_dir), "--published", bad])
    assert result.exit_code != 0
    assert "YYYY-MM-DD" in result.output


@pytest.mark.parametrize("text", ["یک\nدو\n\nسه", "میتوانند\r\nهمکاریهای\n"])
def test_cli_normalize_keeps_line_count(text):
    result = runner.invoke(app, ["normalize", "-"], input=text)
    assert result.exit_code == 0
    assert result.stdout.count("\n") == text.count("\n")


def test_cli_every_command_has_help_with_example():
    for command in app.registered_commands:
        assert command.callback.__doc__, command.name
        assert "Example:" in command.callback.__doc__, command.callback.__name__
