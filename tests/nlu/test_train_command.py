"""``vraagwijzer nlu train --if-changed`` (what ``make demo`` runs): a model trained on
the same data is kept, so a second ``make demo`` does not wait for training again."""

from __future__ import annotations

from tests.command_line import vraagwijzer, with_trained_model


def test_a_current_model_is_kept(tmp_path, analyzer):
    data_dir = with_trained_model(tmp_path / "var")
    (model,) = (data_dir / "nlu").glob("model-*.pkl")
    before = model.stat().st_mtime_ns
    stale = data_dir / "nlu" / "model-0000.pkl"
    stale.write_bytes(b"an older model")

    ran = vraagwijzer("nlu", "train", "--if-changed", env={"VRAAGWIJZER_DATA_DIR": str(data_dir)})

    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.startswith("up to date; cached as ")
    assert str(model) in ran.stdout
    assert model.stat().st_mtime_ns == before
    # Nothing else is touched either: only a real training run clears old models.
    assert stale.exists()
