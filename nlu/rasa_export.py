"""Writing a complete Rasa 3.x NLU project from our training data.

DIET learns the same composite labels through Rasa's multi-intent support: with
``intent_tokenization_flag`` and ``intent_split_symbol: "+"``, ``housing+money+handoff``
is learnt as the parts ``housing``, ``money`` and ``handoff``.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import yaml

from nlu.training import DATA_DIR, load_examples

CONFIG: dict[str, Any] = {
    "recipe": "default.v1",
    "language": "nl",
    "assistant_id": "vraagwijzer",
    "pipeline": [
        {
            "name": "WhitespaceTokenizer",
            "intent_tokenization_flag": True,
            "intent_split_symbol": "+",
        },
        {"name": "RegexFeaturizer"},
        {"name": "CountVectorsFeaturizer"},
        {
            "name": "CountVectorsFeaturizer",
            "analyzer": "char_wb",
            "min_ngram": 2,
            "max_ngram": 4,
            "max_features": 20000,
        },
        # One small transformer layer and 40 epochs: DIET's defaults had not finished
        # training after 16 minutes on two cores; this trains in about 10. Entities are
        # ours (nlu.entities), so DIET only classifies.
        {
            "name": "DIETClassifier",
            "epochs": 40,
            "number_of_transformer_layers": 1,
            "transformer_size": 128,
            "entity_recognition": False,
            "constrain_similarities": True,
            "random_seed": 7,
        },
        {"name": "EntitySynonymMapper"},
    ],
    "policies": [],
}


def export_project(
    target: Path, data_dir: Path = DATA_DIR, *, epochs: int | None = None
) -> list[str]:
    """Write config.yml, domain.yml and data/ into target; returns the intent names.

    ``epochs`` overrides DIET's training epochs (a quick model for a smoke test).
    """
    intents = sorted({e.intent for e in load_examples(data_dir)})
    (target / "data").mkdir(parents=True, exist_ok=True)
    for path in sorted(data_dir.glob("*.yml")):
        shutil.copyfile(path, target / "data" / path.name)
    config = copy.deepcopy(CONFIG)
    if epochs is not None:
        for step in config["pipeline"]:
            if step["name"] == "DIETClassifier":
                step["epochs"] = epochs
    (target / "config.yml").write_text(
        yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    domain = {"version": "3.1", "intents": intents}
    (target / "domain.yml").write_text(
        yaml.safe_dump(domain, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    return intents
