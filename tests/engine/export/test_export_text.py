"""A one-input text classifier (Embedding -> GRU -> SequencePool -> Linear) trains, and its
``.py`` export's ``encode`` makes the app's tokens and the network gives the app's outputs."""

from __future__ import annotations

import numpy as np
import torch

from netbuilder.engine.export import export
from netbuilder.engine.network.shapes import check_graph
from netbuilder.engine.training.session import prepare
from netbuilder.io.project_file import LoadedProject
from tests.engine.export.test_export import load_source
from tests.engine.multi_input import VOCAB, text_classifier, text_dataset, use_dataset


def test_text_classifier_exports_encode_and_the_apps_outputs(tmp_path, monkeypatch):
    dataset = text_dataset()
    use_dataset(monkeypatch, dataset)
    project = text_classifier()
    run = prepare(project, threads=1)
    result = run.run()
    assert result.summary["epochs"] == 2 and result.summary["test_metrics"]
    export(
        LoadedProject(project, weights=result.weights), "python", tmp_path / "m.py", weights=True
    )
    source = (tmp_path / "m.py").read_text()
    namespace: dict = {"__name__": "exported"}
    exec(compile(source, "m.py", "exec"), namespace)
    tokens = namespace["encode"](["Great music, not bad", "plot plot plot plot plot plot plot"])
    words = {w: VOCAB.index(w) for w in ("great", "music", "not", "bad", "plot")}
    assert tokens.tolist() == [
        [words["great"], words["music"], 1, words["not"], words["bad"], 0],  # "," unknown
        [words["plot"]] * 6,
    ]
    model = load_source(source, "ReviewClassifier")()
    model.load_state_dict(run.module.state_dict())
    x = torch.as_tensor(dataset.x_test)
    run.module.eval()
    with torch.no_grad():
        assert np.abs((model.eval()(x) - run.module(x)).numpy()).max() <= 1e-5


def test_an_embedding_smaller_than_a_one_input_vocabulary_is_an_error():
    report = check_graph(text_classifier(rows=5).graph, text_dataset(n=60).info, "cross_entropy")
    assert f"set num_embeddings to {len(VOCAB)}" in report.errors["embed"]
