"""Where the audit's tests find their inputs: copies of the published seeds (so they run in a
clone without ../shared) and the PDF fixtures."""
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "audit"
SEEDS = FIXTURES / "seeds"
