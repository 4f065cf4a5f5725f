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
from collections import Counter
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

MODEL_VERSION = 8
_STRETCH = re.compile(r"(\w)\1{2,}")
_TOKEN = re.compile(r"[a-z0-9]+")
_DIGITS = re.compile(r"\d")
_stemmer = Stemmer.Stemmer("dutch")
_stemmer.maxCacheSize = 100_000


def normalize(text: str, synonyms: dict[str, str] | None = None) -> str:
    plain = text.lower()
    if not plain.isascii():  # most messages are: skip the per-character accent stripping
        decomposed = unicodedata.normalize("NFKD", plain)
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
    # The text as the model saw it: lower case, no accents, synonyms applied, words only.
    normalized: str = ""
    # How many of its words the model has seen in training (gibberish: none).
    known_words: int = 0


FEATURES = ("chars", "words")
WORD_CACHE_SIZE = 50_000


class Model:
    """Multi-label domains, route and act from tf-idf features with linear models.

    ``features`` picks character n-grams, Dutch-stemmed words or both (the default); the
    NLU benchmark compares them.
    """

    def __init__(self, synonyms: dict[str, str], features: Sequence[str] = FEATURES) -> None:
        unknown = set(features) - set(FEATURES)
        if unknown or not features:
            raise ValueError(f"features must be some of {FEATURES}, not {sorted(unknown)}")
        self.synonyms = synonyms
        self.features = tuple(f for f in FEATURES if f in features)
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
        # The whole set of domains as one label ("housing+money"), as Rasa's multi-intents
        # are learnt: it knows which domains go together and which exclude each other.
        self.combinations = LogisticRegression(C=8.0, max_iter=3000)

    def _features(self, texts: Sequence[str], *, fit: bool = False) -> csr_matrix:
        normalized = [normalize(t, self.synonyms) for t in texts]
        vectorizers = {"chars": self.chars, "words": self.words}
        if fit:
            return hstack([vectorizers[f].fit_transform(normalized) for f in self.features]).tocsr()
        # The prediction path's vectors, as a matrix (for comparing with scikit-learn).
        rows = [self._vector(text) for text in normalized]
        indptr = np.cumsum([0] + [len(columns) for columns, _ in rows])
        return csr_matrix(
            (
                np.concatenate([values for _, values in rows]),
                np.concatenate([columns for columns, _ in rows]),
                indptr,
            ),
            shape=(len(texts), int(self._idf.shape[0])),
        ).sorted_indices()

    def fit(self, examples: Sequence[Example]) -> Model:
        features = self._features([e.text for e in examples], fit=True)
        with_domains = [i for i, e in enumerate(examples) if e.label.domains]
        y_domains = self.domain_labels.fit_transform(
            [examples[i].label.domains for i in with_domains]
        )
        self.domains.fit(features[with_domains], y_domains)
        # Word stems only: with the character n-grams as well it trains six times slower
        # (20 s instead of 3 s) for about one point of macro-F1 on the development set.
        self.combinations.fit(
            self._block(features, "words"), [_combination(e.label.domains) for e in examples]
        )
        self.routes.fit(features, [e.label.route.value for e in examples])
        with_acts = [i for i, e in enumerate(examples) if e.label.act]
        self.acts.fit(features[with_acts], [examples[i].label.act for i in with_acts])
        self._compile()
        return self

    def _compile(self) -> None:
        """Stack the learnt weights into one dense matrix: feature -> every output.

        scikit-learn and scipy validate their input on every call, which costs far more
        than the arithmetic for one short message. A message has a few hundred features,
        so prediction is gathering those rows and one small product; same numbers.
        """
        domain_w = np.hstack([est.coef_.T for est in self.domains.estimators_])
        domain_b = np.array([est.intercept_[0] for est in self.domains.estimators_])
        weights = np.hstack(
            [domain_w, self.routes.coef_.T, self.acts.coef_.T, self._combination_weights()]
        )
        self._weights = np.ascontiguousarray(weights, dtype=np.float32)
        self._bias = np.concatenate(
            [domain_b, self.routes.intercept_, self.acts.intercept_, self.combinations.intercept_]
        ).astype(np.float32)
        self._n_domains = domain_w.shape[1]
        self._n_routes = self.routes.coef_.shape[0]
        self._n_acts = self.acts.coef_.shape[0]
        self._domain_names = [str(d) for d in self.domain_labels.classes_]
        # combination x domain: 1 where the combination contains the domain
        self._membership = np.array(
            [
                [d in str(c).split("+") for d in self._domain_names]
                for c in self.combinations.classes_
            ],
            dtype=np.float32,
        )
        self._route_names = [Route(r) for r in self.routes.classes_]
        self._act_names = [str(a) for a in self.acts.classes_]
        vectorizers = {"chars": self.chars, "words": self.words}
        self._vocabularies = {f: _Vocabulary(vectorizers[f]) for f in self.features}
        widths = list(self._widths().values())
        self._offsets = dict(zip(self.features, np.cumsum([0, *widths[:-1]]).tolist(), strict=True))
        self._block_starts = np.array(list(self._offsets.values()))
        self._idf = np.concatenate([self._vocabularies[f].idf for f in self.features])
        self._word_columns: dict[str, tuple[int, ...]] = {}

    def _widths(self) -> dict[str, int]:
        vectorizers = {"chars": self.chars, "words": self.words}
        return {f: len(vectorizers[f].vocabulary_) for f in self.features}

    def _block(self, features: csr_matrix, name: str) -> csr_matrix:
        """The columns of one feature kind (all of them when that kind is not used)."""
        if name not in self.features:
            return features
        start = 0
        for f, width in self._widths().items():
            if f == name:
                return features[:, start : start + width]
            start += width
        raise AssertionError(name)

    def _combination_weights(self) -> np.ndarray:
        """The combination model's weights, as rows for every feature column."""
        coef = self.combinations.coef_.T
        if "words" not in self.features:
            return np.asarray(coef)
        rows = [
            coef if f == "words" else np.zeros((width, coef.shape[1]))
            for f, width in self._widths().items()
        ]
        return np.vstack(rows)

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        return [self._predict_one(text) for text in texts]

    def _vector(self, normalized: str) -> tuple[np.ndarray, np.ndarray]:
        """All feature columns of a text and their tf-idf weights, in one pass.

        Each feature kind works word by word, so the columns of each word are cached
        (residents' words repeat); each kind is l2-normalised on its own, as scikit-learn
        does per vectorizer.
        """
        cache = self._word_columns
        found: list[int] = []
        for chunk in normalized.split():
            known = cache.get(chunk)
            if known is None:
                known = tuple(
                    i + self._offsets[f]
                    for f, vocabulary in self._vocabularies.items()
                    for i in map(vocabulary.columns.get, vocabulary.analyze(chunk))
                    if i is not None
                )
                if len(cache) >= WORD_CACHE_SIZE:
                    cache.clear()
                cache[chunk] = known
            found.extend(known)
        counts = Counter(found)
        columns = np.fromiter(counts.keys(), dtype=np.intp, count=len(counts))
        tf = np.log(np.fromiter(counts.values(), dtype=np.float32, count=len(counts))) + 1
        weights = tf * self._idf[columns]
        block = np.searchsorted(self._block_starts, columns, side="right") - 1
        norms = np.sqrt(np.bincount(block, weights=weights * weights, minlength=len(self.features)))
        return columns, (weights / np.where(norms > 0, norms, 1.0)[block]).astype(np.float32)

    def __getstate__(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if k != "_word_columns"}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._word_columns = {}

    def _predict_one(self, text: str) -> Prediction:
        normalized = normalize(text, self.synonyms)
        columns, values = self._vector(normalized)
        z = values @ self._weights[columns] + self._bias
        nd, nr, na = self._n_domains, self._n_routes, self._n_acts
        one_vs_rest = 1.0 / (1.0 + np.exp(-z[:nd]))
        route_p = _softmax(z[nd : nd + nr])
        act_p = _softmax(z[nd + nr : nd + nr + na])
        in_combination = _softmax(z[nd + nr + na :]) @ self._membership
        # Both must agree: the geometric mean is high only when each view sees the domain.
        domain_p = np.sqrt(one_vs_rest * in_combination)
        best_act = int(np.argmax(act_p))
        words = self._vocabularies.get("words")
        known = (
            sum(
                any(i is not None for i in map(words.columns.get, words.analyze(chunk)))
                for chunk in normalized.split()
            )
            if words is not None
            else len(normalized.split())
        )
        return Prediction(
            domain_scores=dict(zip(self._domain_names, domain_p.tolist(), strict=True)),
            route_scores=dict(zip(self._route_names, route_p.tolist(), strict=True)),
            act=self._act_names[best_act],
            act_score=float(act_p[best_act]),
            normalized=normalized,
            known_words=known,
        )

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


class _Vocabulary:
    """What prediction needs of a fitted ``TfidfVectorizer``: its analyzer, columns and idf."""

    def __init__(self, vectorizer: TfidfVectorizer) -> None:
        if not vectorizer.sublinear_tf or vectorizer.norm != "l2":
            raise ValueError("the fast path implements sublinear tf with l2 norm only")
        self.vectorizer = vectorizer
        self.columns: dict[str, int] = dict(vectorizer.vocabulary_)
        self.idf = vectorizer.idf_.astype(np.float32)
        self.analyze = vectorizer.build_analyzer()

    def __getstate__(self) -> dict[str, object]:
        return {"vectorizer": self.vectorizer}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(state["vectorizer"])  # type: ignore[misc]


def _combination(domains: Sequence[str]) -> str:
    return "+".join(sorted(domains)) or "-"


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max())
    return np.asarray(e / e.sum())
