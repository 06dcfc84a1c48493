"""Import (PyTorch model -> graph): ``netbuilder import SOURCE -o PROJECT``.

``source`` loads and runs the user's file or module once to build the model; ``tracing`` walks
its ``torch.fx`` graph; ``leaf_layers`` and ``call_layers`` map modules and functional calls to
catalogue types (``attention_layers``: self-attention and Transformer encoders; ``pieces``:
chunk/split); ``hierarchy`` folds each instance of the model's own module classes into a block
instance and ``blocks`` makes one definition per class and structure, with arguments for what
differs between instances (``--flat``: one node per layer); ``assemble`` turns the result into a
laid-out project whose compiled network is checked against the source model before anything is
written. No imported code is stored. A ``.pt2`` archive (``pt2``) is read without unpickling
(``archive``) and its ATen graph rewritten as nn modules and torch calls (``exported``,
``exported_ops``) before the same mapping.
"""

from netbuilder.engine.importing.assemble import ImportedProject, import_model
from netbuilder.engine.importing.errors import ImportFailure, Problem, SourceError
from netbuilder.engine.importing.source import load_model, parse_kwargs

__all__ = [
    "ImportFailure",
    "ImportedProject",
    "Problem",
    "SourceError",
    "import_model",
    "load_model",
    "parse_kwargs",
]
