"""Tests pass in a clone with no ../shared beside it (issue 19): the seed texts the tests read
are copied into tests/fixtures/seeds, and the copies must stay the published ones."""
from __future__ import annotations

import pytest

from tests.conftest import SEED_COPIES, SHARED, needs_shared


def test_every_seed_a_test_reads_has_a_copy_in_the_repo():
    names = {p.name for p in SEED_COPIES.glob("*.txt")}
    assert {"yangquan-legal-aid-2024.txt", "wendeng-legal-aid-2024.txt"} <= names


@needs_shared
@pytest.mark.parametrize("name", sorted(p.name for p in SEED_COPIES.glob("*.txt")))
def test_seed_copies_match_shared(name):
    assert (SEED_COPIES / name).read_bytes() == (SHARED / "seeds" / name).read_bytes()
