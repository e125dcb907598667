from __future__ import annotations

import pytest

from rasad.errors import PipelineConfigError, StageError
from rasad.model import Document
from rasad.pipeline import DEFAULT_STAGES, REGISTRY, Pipeline, stage


@stage("test_boom", requires={"text"}, assigns={"boom"})
def _boom(doc: Document) -> Document:
    raise RuntimeError("boom")


@pytest.mark.parametrize("names", [DEFAULT_STAGES])
def test_pipeline_registered_names_are_stable(names):
    """Users' configs name these stages; renaming one is a breaking change."""
    Pipeline()
    assert set(names) <= set(REGISTRY)
    assert list(names) == ["normalize", "segment", "entities", "dates", "quotes", "events"]


@pytest.mark.parametrize("stages", [["events"], ["segment", "normalize"]])
def test_pipeline_checks_requirements_when_built(stages):
    with pytest.raises(PipelineConfigError, match="requires"):
        Pipeline(stages)


@pytest.mark.parametrize("name", ["no_such_stage"])
def test_pipeline_unknown_stage(name):
    with pytest.raises(PipelineConfigError, match="Unknown stage"):
        Pipeline([name])


@pytest.mark.parametrize("mode", ["raise", "record"])
def test_pipeline_error_modes(mode):
    pipe = Pipeline(["normalize", "test_boom"], on_error=mode)
    doc = Document(id="d1", raw="متن")
    if mode == "raise":
        with pytest.raises(StageError, match="test_boom.*d1"):
            pipe(doc)
    else:
        result = pipe(doc)
        assert [f.stage for f in result.failures] == ["test_boom"]
        assert "text" in result.done


@pytest.mark.parametrize(
    ("content", "names", "on_error"),
    [
        (
            '[pipeline]\nstages = ["normalize", "segment"]\non_error = "raise"\n',
            ["normalize", "segment"],
            "raise",
        ),
        (None, list(DEFAULT_STAGES), "record"),
    ],
)
def test_pipeline_from_config(tmp_path, content, names, on_error):
    path = None
    if content is not None:
        path = tmp_path / "p.toml"
        path.write_text(content)
    pipe = Pipeline.from_config(path)
    assert pipe.names == names
    assert pipe.on_error == on_error


@pytest.mark.parametrize("content", ["stages = 1", "[pipeline\n"])
def test_pipeline_from_bad_config(tmp_path, content):
    path = tmp_path / "bad.toml"
    path.write_text(content)
    with pytest.raises(PipelineConfigError, match="bad.toml"):
        Pipeline.from_config(path)
