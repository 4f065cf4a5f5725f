"""The embedded classifier: character and word n-grams with linear models (scikit-learn).

Three heads share one feature space: living domains (multi-label, one-vs-rest logistic
regression, so scores are probabilities), route (answer/handoff/crisis/other) and the
conversational act of short messages (greet, thank, affirm, stop, ...). Character
n-grams make misspellings and Dutch compounds cheap to handle; stemmed word n-grams
carry meaning across inflections.
"""

from __future__ import annotations

import os
import pickle
import re
import tempfile
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import Stemmer
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import MultiLabelBinarizer

from nlu.training import Example
from nlu.types import Route

MODEL_VERSION = 3
_STRETCH = re.compile(r"(\w)\1{2,}")
_TOKEN = re.compile(r"[a-z0-9]+")
_DIGITS = re.compile(r"\d")
_stemmer = Stemmer.Stemmer("dutch")
_stemmer.maxCacheSize = 100_000


def normalize(text: str, synonyms: dict[str, str] | None = None) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = _DIGITS.sub("0", _STRETCH.sub(r"\1\1", plain))
    if synonyms:
        plain = " ".join(synonyms.get(tok, tok) for tok in _TOKEN.findall(plain))
    return plain


def stem_tokens(text: str) -> list[str]:
    return list(_stemmer.stemWords(_TOKEN.findall(text)))


@dataclass
class Prediction:
    domain_scores: dict[str, float]
    route_scores: dict[Route, float]
    act: str | None
    act_score: float


class Model:
    def __init__(self, synonyms: dict[str, str]) -> None:
        self.synonyms = synonyms
        self.chars = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=(2, 5),
            min_df=2,
            sublinear_tf=True,
            max_features=80_000,
            dtype=np.float32,
        )
        self.words = TfidfVectorizer(
            analyzer=stem_tokens,
            ngram_range=(1, 1),
            min_df=1,
            sublinear_tf=True,
            dtype=np.float32,
        )
        self.domain_labels = MultiLabelBinarizer()
        self.domains = OneVsRestClassifier(
            LogisticRegression(C=8.0, solver="liblinear", class_weight="balanced", max_iter=500)
        )
        self.routes = LogisticRegression(C=8.0, class_weight="balanced", max_iter=2000)
        self.acts = LogisticRegression(C=8.0, class_weight="balanced", max_iter=2000)

    def _features(self, texts: Sequence[str], *, fit: bool = False) -> csr_matrix:
        normalized = [normalize(t, self.synonyms) for t in texts]
        if fit:
            return hstack(
                [self.chars.fit_transform(normalized), self.words.fit_transform(normalized)]
            ).tocsr()
        return hstack([self._chars_fast(normalized), self._words_fast(normalized)]).tocsr()

    def fit(self, examples: Sequence[Example]) -> Model:
        features = self._features([e.text for e in examples], fit=True)
        with_domains = [i for i, e in enumerate(examples) if e.label.domains]
        y_domains = self.domain_labels.fit_transform(
            [examples[i].label.domains for i in with_domains]
        )
        self.domains.fit(features[with_domains], y_domains)
        self.routes.fit(features, [e.label.route.value for e in examples])
        with_acts = [i for i, e in enumerate(examples) if e.label.act]
        self.acts.fit(features[with_acts], [examples[i].label.act for i in with_acts])
        self._compile()
        return self

    def _compile(self) -> None:
        """Stack the learnt weights, so prediction is three matrix products.

        scikit-learn validates its input on every call, which costs more than the
        arithmetic for one short message (14 small models); the numbers are the same.
        """
        self._domain_w = np.hstack([est.coef_.T for est in self.domains.estimators_])
        self._domain_b = np.array([est.intercept_[0] for est in self.domains.estimators_])
        self._route_w, self._route_b = self.routes.coef_.T, self.routes.intercept_
        self._act_w, self._act_b = self.acts.coef_.T, self.acts.intercept_
        self._chars_fast = _FastTfidf(self.chars)
        self._words_fast = _FastTfidf(self.words)

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        features = self._features(texts)
        domain_p = _sigmoid(features @ self._domain_w + self._domain_b)
        route_p = _softmax(features @ self._route_w + self._route_b)
        act_p = _softmax(features @ self._act_w + self._act_b)
        domain_names = list(self.domain_labels.classes_)
        route_names = [Route(r) for r in self.routes.classes_]
        act_names = list(self.acts.classes_)
        results = []
        for i in range(len(texts)):
            best_act = int(np.argmax(act_p[i]))
            results.append(
                Prediction(
                    domain_scores={d: float(domain_p[i, j]) for j, d in enumerate(domain_names)},
                    route_scores={r: float(route_p[i, j]) for j, r in enumerate(route_names)},
                    act=act_names[best_act],
                    act_score=float(act_p[i, best_act]),
                )
            )
        return results

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        # A private temporary name: several processes may save the same model at once.
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=path.stem, suffix=".tmp")
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((MODEL_VERSION, self), fh, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    @staticmethod
    def load(path: Path) -> Model | None:
        """A model this process wrote before, or None when it is missing or outdated."""
        try:
            with path.open("rb") as fh:
                version, model = pickle.load(fh)  # noqa: S301 - our own cache file
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError):
            return None
        return model if version == MODEL_VERSION and isinstance(model, Model) else None


class _FastTfidf:
    """``TfidfVectorizer.transform`` for a handful of texts, without its per-call overhead.

    Same arithmetic (sublinear tf, idf, l2 norm); a test holds it to scikit-learn's output.
    """

    def __init__(self, vectorizer: TfidfVectorizer) -> None:
        if not vectorizer.sublinear_tf or vectorizer.norm != "l2":
            raise ValueError("the fast path implements sublinear tf with l2 norm only")
        self.vectorizer = vectorizer
        self.vocabulary: dict[str, int] = dict(vectorizer.vocabulary_)
        self.idf = vectorizer.idf_.astype(np.float32)
        self.width = len(self.vocabulary)
        self.analyze = vectorizer.build_analyzer()

    def __getstate__(self) -> dict[str, object]:
        return {"vectorizer": self.vectorizer}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(state["vectorizer"])  # type: ignore[misc]

    def __call__(self, texts: Sequence[str]) -> csr_matrix:
        analyze = self.analyze
        vocabulary = self.vocabulary
        indptr, indices, values = [0], [], []
        for text in texts:
            counts: dict[int, int] = {}
            for gram in analyze(text):
                index = vocabulary.get(gram)
                if index is not None:
                    counts[index] = counts.get(index, 0) + 1
            columns = np.fromiter(sorted(counts), dtype=np.int32, count=len(counts))
            tf = np.log(np.array([counts[c] for c in columns], dtype=np.float32)) + 1
            weights = tf * self.idf[columns]
            norm = float(np.sqrt(np.dot(weights, weights)))
            if norm > 0:
                weights /= norm
            indices.append(columns)
            values.append(weights)
            indptr.append(indptr[-1] + len(columns))
        return csr_matrix(
            (
                np.concatenate(values) if values else np.zeros(0, np.float32),
                np.concatenate(indices) if indices else np.zeros(0, np.int32),
                np.array(indptr, dtype=np.int32),
            ),
            shape=(len(texts), self.width),
            dtype=np.float32,
        )


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-z)))


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=1, keepdims=True))
