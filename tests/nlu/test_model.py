"""The NLU model's own fast prediction path gives scikit-learn's numbers (on the model as
the test run trained and cached it: training is the same code, and a model loaded from its
cache file is the one a server predicts with)."""

from __future__ import annotations

import numpy as np
from scipy.sparse import hstack

from nlu.embedded import train_or_load
from nlu.model import normalize
from nlu.training import DATA_DIR, load_examples
from tests.conftest import NLU_CACHE

TEXTS = [
    "ik heb schulden en de deurwaarder komt morgen",
    "hoe vraag ik een scootmobiel aan???",
    "Ik voel me zoooo eenzaam",
    "I need help with my energy bill",
    "xyzzy qqq",
    "",
    "wmo",
]


def test_fast_prediction_matches_scikit_learn() -> None:
    model = train_or_load(cache_dir=NLU_CACHE)
    examples = [e.text for e in load_examples(DATA_DIR)[::50]]
    texts = TEXTS + examples
    normalized = [normalize(t, model.synonyms) for t in texts]
    reference = hstack([model.chars.transform(normalized), model.words.transform(normalized)])

    fast = model._features(texts)

    assert fast.shape == reference.shape
    assert np.allclose(fast.toarray(), reference.toarray(), atol=1e-6)
    predictions = model.predict(texts)
    expected_routes = model.routes.predict_proba(reference.tocsr())
    for prediction, row in zip(predictions, expected_routes, strict=True):
        got = [prediction.route_scores[r] for r in sorted(prediction.route_scores)]
        order = np.argsort(model.routes.classes_)
        assert np.allclose(got, row[order], atol=1e-5)
