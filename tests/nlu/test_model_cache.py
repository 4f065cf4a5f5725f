"""The trained-model cache is shared by parallel test workers and by servers starting at once."""

from __future__ import annotations

import logging
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from nlu.embedded import train_or_load
from nlu.training import DATA_DIR

SUBSET = ("answer_money.yml", "answer_housing.yml", "other.yml", "handoff.yml", "crisis.yml")


def _load(cache_dir: str, data_dir: str) -> tuple[str, int]:
    """Load the model in a fresh process; also say how often this process trained it."""
    trained: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = trained.append  # type: ignore[method-assign]
    logger = logging.getLogger("nlu.embedded")
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    model = train_or_load(cache_dir=Path(cache_dir), data_dir=Path(data_dir))
    return type(model).__name__, len(trained)


def test_processes_starting_together_share_one_cached_model(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    for name in SUBSET:
        shutil.copy(DATA_DIR / name, data_dir / name)
    cache_dir = tmp_path / "cache"

    with ProcessPoolExecutor(max_workers=3) as pool:
        futures = [pool.submit(_load, str(cache_dir), str(data_dir)) for _ in range(3)]
        results = [f.result(timeout=120) for f in futures]

    assert [name for name, _ in results] == ["Model"] * 3
    assert sum(count for _, count in results) == 1

    assert [p.suffix for p in cache_dir.iterdir() if not p.name.startswith(".")] == [".pkl"]
