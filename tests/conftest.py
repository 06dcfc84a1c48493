import atexit
import os
import shutil
import tempfile

# Before any Qt import: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The window speaks English in tests unless a test installs another one (tests/qt/i18n_support).
os.environ["NETBUILDER_LANGUAGE"] = "en"

# Generated example data (the shapes images) goes to a folder of the test session, never to the
# user's cache; subprocesses inherit it. Qt tests point it at a folder per test (recovery files).
if "NETBUILDER_DATA_DIR" not in os.environ:
    _data_dir = tempfile.mkdtemp(prefix="netbuilder-tests-data-")
    os.environ["NETBUILDER_DATA_DIR"] = _data_dir
    atexit.register(shutil.rmtree, _data_dir, ignore_errors=True)
