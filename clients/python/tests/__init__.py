# The tests import the package from src/ (no install needed): python3 -m unittest discover -t . -s tests
import sys
from pathlib import Path

_SRC = str(Path(__file__).resolve().parents[1] / "src")
if _SRC not in sys.path:
    sys.path.insert(0, _SRC)
