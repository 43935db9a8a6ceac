#!/usr/bin/python3
"""Blind benign set for `mlsec scan`: objects data scientists save every day.

Run with Debian's interpreter: /usr/bin/python3 gen_benign.py
Writes benign/ and benign/MANIFEST.tsv (file, library, what, expected).
Only library/stdlib objects are expected clean; objects of classes defined in
this repository (blindmods) are expected "not-clean" (unknown to any scanner).
"""
import bz2, collections, datetime, decimal, enum, fractions, gzip, io, lzma, os
import pathlib, pickle, re, shutil, sys, uuid, warnings, array
warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
OUT = os.path.join(HERE, "benign")
shutil.rmtree(OUT, ignore_errors=True)
os.makedirs(OUT)
import numpy as np
import pandas as pd
import scipy.sparse as sp
import scipy.stats as st
import joblib
ROWS = []

def rec(name, lib, what, expected="clean"):
    p = os.path.join(OUT, name)
    size = os.path.getsize(p)
    if size > 200_000:
        os.remove(p)
        print("SKIP (too big)", name, size)
        return
    ROWS.append((name, lib, what, expected))

def pk(name, obj, lib, what, proto=4, expected="clean"):
    try:
        with open(os.path.join(OUT, name), "wb") as f:
            pickle.dump(obj, f, protocol=proto)
    except Exception as e:
        print("FAIL", name, e)
        if os.path.exists(os.path.join(OUT, name)):
            os.remove(os.path.join(OUT, name))
        return
    rec(name, lib, what, expected)

def jl(name, obj, lib, what, compress=0, expected="clean"):
    try:
        joblib.dump(obj, os.path.join(OUT, name), compress=compress)
    except Exception as e:
        print("FAIL", name, e)
        return
    rec(name, lib, what, expected)

rng = np.random.RandomState(0)
X = rng.rand(40, 4)
y = (X[:, 0] + X[:, 1] > 1).astype(int)
yr = X @ np.array([1.0, -2.0, 0.5, 3.0])
Xs = rng.rand(40, 4).astype(np.float64)

# ---------------- stdlib value types ----------------
class_free = {
    "datetime": datetime.datetime(2024, 5, 17, 12, 30, 1, 500),
    "datetime_tz": datetime.datetime(2024, 5, 17, 12, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=2))),
    "date": datetime.date(2023, 1, 2),
    "time": datetime.time(8, 15),
    "timedelta": datetime.timedelta(days=3, seconds=7),
    "decimal": decimal.Decimal("3.14159"),
    "fraction": fractions.Fraction(22, 7),
    "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    "complex": complex(1, 2),
    "frozenset": frozenset({1, 2, 3}),
    "bytearray": bytearray(b"abc"),
    "range": range(0, 10, 2),
    "slice": slice(1, 5, 2),
}
for k, v in class_free.items():
    pk(f"stdlib_{k}.pkl", v, "stdlib", f"{type(v).__name__} value", proto=4)
pk("stdlib_purepath_posix.pkl", pathlib.PurePosixPath("/", "models", "weights.bin"), "stdlib", "PurePosixPath value")
pk("stdlib_purepath_windows.pkl", pathlib.PureWindowsPath("C:/models/weights.bin"), "stdlib", "PureWindowsPath value")
pk("stdlib_posixpath.pkl", pathlib.PosixPath("/data/train.csv"), "stdlib", "PosixPath value (pickling does no I/O)")
pk("stdlib_re_pattern.pkl", re.compile(r"^[a-z]+\d*$", re.I), "stdlib", "compiled re pattern")
pk("stdlib_array_d.pkl", array.array("d", [1.0, 2.5, 3.0]), "stdlib", "array.array double (proto 4)")
pk("stdlib_array_i_p2.pkl", array.array("i", [1, 2, 3]), "stdlib", "array.array int (proto 2)", proto=2)
pk("stdlib_array_u_p0.pkl", array.array("u", "hi"), "stdlib", "array.array unicode (proto 0)", proto=0)
pk("stdlib_ordereddict.pkl", collections.OrderedDict(a=1, b=2), "stdlib", "OrderedDict")
pk("stdlib_defaultdict_list.pkl", collections.defaultdict(list, {"a": [1]}), "stdlib", "defaultdict(list)")
pk("stdlib_counter.pkl", collections.Counter("abracadabra"), "stdlib", "Counter")
pk("stdlib_deque.pkl", collections.deque([1, 2, 3], maxlen=5), "stdlib", "deque with maxlen")
pk("stdlib_chainmap.pkl", collections.ChainMap({"a": 1}, {"b": 2}), "stdlib", "ChainMap")
Point = collections.namedtuple("Point", "x y")
# namedtuple defined here lives in __main__: not a library class
pk("mine_namedtuple_main.pkl", Point(1, 2), "own code", "namedtuple defined in __main__", expected="not-clean")
import blindmods
pk("mine_dataclass.pkl", blindmods.RunConfig(lr=0.1, epochs=3), "own code", "dataclass defined in blindmods.py", expected="not-clean")
pk("mine_enum.pkl", blindmods.Split.TRAIN, "own code", "Enum member defined in blindmods.py", expected="not-clean")
import signal, socket, http
pk("stdlib_enum_httpstatus.pkl", http.HTTPStatus.NOT_FOUND, "stdlib", "enum member http.HTTPStatus")
pk("stdlib_enum_regexflag.pkl", re.IGNORECASE, "stdlib", "enum member re.RegexFlag")
mix = {"when": datetime.datetime(2024, 1, 1), "amount": decimal.Decimal("1.10"), "id": uuid.uuid5(uuid.NAMESPACE_DNS, "x"),
       "ratio": fractions.Fraction(1, 3), "tags": {"a", "b"}, "nested": [(1, 2.0, "x", None, True, b"b")]}
for p in range(0, 6):
    pk(f"stdlib_mixed_p{p}.pkl", mix, "stdlib", f"dict of stdlib values, protocol {p}", proto=p)

# ---------------- numpy ----------------
npobjs = {
    "float32": np.arange(12, dtype=np.float32).reshape(3, 4),
    "float16": np.ones(5, dtype=np.float16),
    "int8": np.arange(-3, 3, dtype=np.int8),
    "uint64": np.arange(4, dtype=np.uint64),
    "bool": np.array([True, False]),
    "complex128": np.array([1 + 2j, 3j]),
    "longdouble": np.array([1.5], dtype=np.longdouble),
    "datetime64": np.array(["2024-01-01", "2024-02-01"], dtype="datetime64[D]"),
    "timedelta64": np.array([1, 2], dtype="timedelta64[s]"),
    "str_U": np.array(["a", "bcd"]),
    "bytes_S": np.array([b"a", b"bc"]),
    "structured": np.array([(1, 2.0, b"x")], dtype=[("a", "<i4"), ("b", "<f8"), ("c", "S3")]),
    "structured_nested": np.zeros(2, dtype=[("pos", "<f4", (3,)), ("meta", [("id", "<i8"), ("flag", "?")])]),
    "fortran": np.asfortranarray(np.arange(6.0).reshape(2, 3)),
    "bigendian": np.arange(3, dtype=">i4"),
    "void": np.array([b"\x00\x01"], dtype="V2"),
    "object_stdlib": np.array([datetime.date(2020, 1, 1), decimal.Decimal("1.5"), "s", 3, None], dtype=object),
    "scalar_float64": np.float64(3.5),
    "scalar_int32": np.int32(7),
    "scalar_datetime64": np.datetime64("2024-03-01T12:00"),
    "dtype_obj": np.dtype([("x", "<f4"), ("y", "<i2")]),
    "masked": np.ma.masked_array([1.0, 2.0, 3.0], mask=[0, 1, 0]),
    "masked_structured": np.ma.masked_array(np.zeros(2, dtype=[("a", "i4"), ("b", "f4")]), mask=[(0, 1), (1, 0)]),
    "matrix": np.matrix([[1, 2], [3, 4]]),
    "recarray": np.rec.array([(1, 2.0)], dtype=[("a", "i4"), ("b", "f8")]),
    "randomstate": np.random.RandomState(42),
    "generator_pcg64": np.random.default_rng(1),
    "generator_mt19937": np.random.Generator(np.random.MT19937(3)),
    "philox": np.random.Philox(5),
    "sfc64": np.random.SFC64(5),
    "seedsequence": np.random.SeedSequence(123),
    "polynomial": np.polynomial.Polynomial([1, 2, 3]),
    "chebyshev": np.polynomial.Chebyshev([1, 0, 1]),
}
for k, v in npobjs.items():
    pk(f"numpy_{k}.pkl", v, "numpy", f"numpy {k}")
for p in (0, 1, 2, 3, 5):
    pk(f"numpy_float64_p{p}.pkl", np.linspace(0, 1, 7), "numpy", f"float64 ndarray protocol {p}", proto=p)
pk("numpy_object_p0.pkl", np.array([1, "a", None], dtype=object), "numpy", "object array protocol 0", proto=0)
np.save(os.path.join(OUT, "numpy_plain.npy"), np.arange(10.0)); rec("numpy_plain.npy", "numpy", "np.save float64")
np.save(os.path.join(OUT, "numpy_structured.npy"), npobjs["structured"]); rec("numpy_structured.npy", "numpy", "np.save structured")
np.save(os.path.join(OUT, "numpy_object.npy"), np.array([1, "a", datetime.date(2020, 1, 1)], dtype=object), allow_pickle=True)
rec("numpy_object.npy", "numpy", "np.save object array (embedded pickle of stdlib values)")
np.savez(os.path.join(OUT, "numpy_savez.npz"), a=np.arange(3), b=np.eye(2)); rec("numpy_savez.npz", "numpy", "np.savez")
np.savez_compressed(os.path.join(OUT, "numpy_savez_compressed.npz"), a=np.arange(100), s=npobjs["str_U"]); rec("numpy_savez_compressed.npz", "numpy", "np.savez_compressed")

# ---------------- pandas ----------------
idx = pd.date_range("2024-01-01", periods=6, freq="D", tz="Europe/Berlin")
df = pd.DataFrame({
    "i": np.arange(6), "f": np.linspace(0, 1, 6), "s": list("abcdef"),
    "cat": pd.Categorical(list("xyxyzx"), categories=["x", "y", "z"], ordered=True),
    "b": [True, False] * 3, "dt": pd.date_range("2020-01-01", periods=6),
    "dttz": idx, "td": pd.to_timedelta(np.arange(6), unit="h"),
    "Int64": pd.array([1, None, 3, 4, None, 6], dtype="Int64"),
    "boolean": pd.array([True, None, False, True, False, None], dtype="boolean"),
    "string": pd.array(["a", None, "c", "d", "e", "f"], dtype="string"),
    "Float64": pd.array([0.5, None, 1.5, 2.0, 3.0, 4.0], dtype="Float64"),
    "period": pd.period_range("2024-01", periods=6, freq="M"),
    "interval": pd.interval_range(0, 6),
    "sparse": pd.arrays.SparseArray([0, 0, 1, 0, 2, 0]),
})
pdobjs = {
    "frame_mixed": df,
    "series_float": pd.Series([1.0, 2.0, np.nan], name="x"),
    "series_str_index": pd.Series([1, 2], index=["a", "b"]),
    "series_categorical": pd.Series(pd.Categorical(["a", "b", "a"])),
    "categorical": pd.Categorical(["lo", "hi", "lo"], categories=["lo", "hi"], ordered=True),
    "categorical_dtype": pd.CategoricalDtype(["a", "b"], ordered=True),
    "index_int": pd.Index([1, 2, 3]),
    "index_obj": pd.Index(["a", "b"]),
    "rangeindex": pd.RangeIndex(0, 10, 2),
    "datetimeindex_tz": idx,
    "datetimeindex_naive_freq": pd.date_range("2024-01-01", periods=4, freq="H"),
    "timedeltaindex": pd.timedelta_range("1 day", periods=3),
    "periodindex": pd.period_range("2020Q1", periods=4, freq="Q"),
    "intervalindex": pd.IntervalIndex.from_breaks([0, 1, 2.5, 4]),
    "categoricalindex": pd.CategoricalIndex(["a", "b", "a"]),
    "multiindex": pd.MultiIndex.from_product([["a", "b"], [1, 2]], names=["k", "n"]),
    "frame_multiindex_cols": pd.DataFrame(np.arange(8).reshape(2, 4), columns=pd.MultiIndex.from_product([["a", "b"], ["x", "y"]])),
    "timestamp_tz": pd.Timestamp("2024-05-01 10:00", tz="US/Eastern"),
    "timedelta": pd.Timedelta("2 days 3 hours"),
    "period": pd.Period("2024-05", freq="M"),
    "interval": pd.Interval(0, 5, closed="left"),
    "dateoffset": pd.DateOffset(months=2),
    "offset_bday": pd.offsets.BusinessDay(3),
    "sparse_series": pd.Series(pd.arrays.SparseArray([0.0, 0.0, 1.5])),
    "sparsedtype": pd.SparseDtype("float64", 0.0),
    "int64_array": pd.array([1, None], dtype="Int64"),
    "string_array": pd.array(["x", None], dtype="string"),
    "datetimetz_dtype": pd.DatetimeTZDtype(tz="UTC"),
    "period_dtype": pd.PeriodDtype("D"),
    "interval_dtype": pd.IntervalDtype("int64"),
    "nat_na": [pd.NaT, pd.NA],
    "frame_pivot": df.pivot_table(index="cat", values="f", aggfunc="mean"),
    "groupby_agg": df.groupby("s")["f"].agg(["mean", "max"]),
    "frame_tz_index": pd.DataFrame({"v": range(6)}, index=idx),
    "frame_period_index": pd.DataFrame({"v": range(4)}, index=pd.period_range("2020Q1", periods=4, freq="Q")),
    "frame_interval_index": pd.DataFrame({"v": range(3)}, index=pd.IntervalIndex.from_breaks([0, 1, 2, 3])),
    "frame_empty": pd.DataFrame(),
}
for k, v in pdobjs.items():
    pk(f"pandas_{k}.pkl", v, "pandas", f"pandas {k}")
for p in (0, 1, 2, 3, 5):
    pk(f"pandas_frame_p{p}.pkl", df, "pandas", f"mixed DataFrame protocol {p}", proto=p)
for comp, ext in (("gzip", "gz"), ("bz2", "bz2"), ("xz", "xz"), ("zip", "zip"), (None, "pkl")):
    name = f"pandas_to_pickle_{comp or 'none'}.{ext}" if ext != "pkl" else "pandas_to_pickle_none.pkl"
    df.to_pickle(os.path.join(OUT, name), compression=comp)
    rec(name, "pandas", f"DataFrame.to_pickle compression={comp}")
df.to_pickle(os.path.join(OUT, "pandas_to_pickle.pkl.gz"))
rec("pandas_to_pickle.pkl.gz", "pandas", "DataFrame.to_pickle inferred gzip (.pkl.gz)")

# ---------------- scipy ----------------
M = sp.random(20, 20, density=0.1, random_state=0, format="csr")
for fmt in ("csr", "csc", "coo", "lil", "dok", "bsr", "dia"):
    pk(f"scipy_sparse_{fmt}.pkl", M.asformat(fmt), "scipy", f"scipy.sparse {fmt}_matrix")
pk("scipy_sparse_csr_array.pkl", sp.csr_array(M), "scipy", "scipy.sparse csr_array")
sp.save_npz(os.path.join(OUT, "scipy_save_npz.npz"), M); rec("scipy_save_npz.npz", "scipy", "scipy.sparse.save_npz")
for nm, d in {"norm": st.norm(loc=1, scale=2), "gamma": st.gamma(2.0), "beta": st.beta(2, 3), "poisson": st.poisson(3),
              "binom": st.binom(10, 0.3), "t": st.t(5), "multivariate_normal": st.multivariate_normal([0, 0], [[1, 0], [0, 1]]),
              "lognorm": st.lognorm(0.5), "expon": st.expon(scale=2)}.items():
    pk(f"scipy_stats_frozen_{nm}.pkl", d, "scipy", f"frozen scipy.stats.{nm}")
from scipy.interpolate import interp1d, CubicSpline, UnivariateSpline
pk("scipy_cubicspline.pkl", CubicSpline(np.arange(5), np.arange(5) ** 2), "scipy", "CubicSpline")
pk("scipy_univariatespline.pkl", UnivariateSpline(np.arange(10), np.sin(np.arange(10))), "scipy", "UnivariateSpline")
pk("scipy_kde.pkl", st.gaussian_kde(rng.rand(30)), "scipy", "gaussian_kde")
from scipy.spatial import cKDTree, KDTree
pk("scipy_ckdtree.pkl", cKDTree(X), "scipy", "cKDTree (Cython)")
pk("scipy_kdtree.pkl", KDTree(X), "scipy", "KDTree")
from scipy.spatial.transform import Rotation
pk("scipy_rotation.pkl", Rotation.from_euler("z", 30, degrees=True), "scipy", "Rotation (Cython)")
from scipy.optimize import minimize
pk("scipy_optimize_result.pkl", minimize(lambda v: (v ** 2).sum(), np.ones(2)).get("x"), "scipy", "optimize result x array")

# ---------------- sklearn ----------------
from sklearn.linear_model import LogisticRegression, Ridge, Lasso, ElasticNet, SGDClassifier, LinearRegression
from sklearn.ensemble import (RandomForestClassifier, GradientBoostingRegressor, HistGradientBoostingClassifier,
    HistGradientBoostingRegressor, ExtraTreesRegressor, AdaBoostClassifier, StackingClassifier, VotingClassifier,
    IsolationForest, BaggingClassifier)
from sklearn.tree import DecisionTreeClassifier
from sklearn.svm import SVC, SVR, LinearSVC
from sklearn.neighbors import KNeighborsClassifier, NearestNeighbors
from sklearn.naive_bayes import GaussianNB, MultinomialNB
from sklearn.cluster import KMeans, DBSCAN, AgglomerativeClustering, MiniBatchKMeans
from sklearn.decomposition import PCA, TruncatedSVD, NMF
from sklearn.preprocessing import (StandardScaler, MinMaxScaler, OneHotEncoder, OrdinalEncoder, PolynomialFeatures,
    FunctionTransformer, LabelEncoder, KBinsDiscretizer, QuantileTransformer, PowerTransformer)
from sklearn.pipeline import Pipeline, make_pipeline, FeatureUnion
from sklearn.compose import ColumnTransformer, TransformedTargetRegressor
from sklearn.calibration import CalibratedClassifierCV
from sklearn.impute import SimpleImputer, KNNImputer
from sklearn.feature_extraction.text import TfidfVectorizer, CountVectorizer, HashingVectorizer
from sklearn.feature_extraction import DictVectorizer
from sklearn.model_selection import GridSearchCV, KFold
from sklearn.mixture import GaussianMixture
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import RBF, WhiteKernel
from sklearn.neural_network import MLPClassifier
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.manifold import TSNE
from sklearn.isotonic import IsotonicRegression
from sklearn.kernel_approximation import RBFSampler
from sklearn.multiclass import OneVsRestClassifier
from sklearn.dummy import DummyClassifier

est = {
    "logreg": LogisticRegression().fit(X, y),
    "ridge": Ridge().fit(X, yr), "lasso": Lasso(alpha=0.01).fit(X, yr), "elasticnet": ElasticNet().fit(X, yr),
    "linreg": LinearRegression().fit(X, yr), "sgd": SGDClassifier(random_state=0).fit(X, y),
    "random_forest": RandomForestClassifier(n_estimators=5, max_depth=3, random_state=0).fit(X, y),
    "gbr": GradientBoostingRegressor(n_estimators=5, max_depth=2).fit(X, yr),
    "hgb_classifier": HistGradientBoostingClassifier(max_iter=5).fit(X, y),
    "hgb_regressor": HistGradientBoostingRegressor(max_iter=5).fit(X, yr),
    "hgb_multiclass": HistGradientBoostingClassifier(max_iter=3).fit(X, (X[:, 0] * 3).astype(int)),
    "hgb_poisson": HistGradientBoostingRegressor(loss="poisson", max_iter=3).fit(X, np.abs(yr)),
    "extra_trees": ExtraTreesRegressor(n_estimators=3, max_depth=3).fit(X, yr),
    "adaboost": AdaBoostClassifier(n_estimators=3).fit(X, y),
    "bagging": BaggingClassifier(n_estimators=3).fit(X, y),
    "isolation_forest": IsolationForest(n_estimators=5, random_state=0).fit(X),
    "decision_tree": DecisionTreeClassifier(max_depth=3).fit(X, y),
    "svc": SVC(probability=True).fit(X, y), "svr": SVR().fit(X, yr), "linear_svc": LinearSVC().fit(X, y),
    "knn": KNeighborsClassifier().fit(X, y), "nearest_neighbors_balltree": NearestNeighbors(algorithm="ball_tree").fit(X),
    "nearest_neighbors_kdtree": NearestNeighbors(algorithm="kd_tree").fit(X),
    "gaussian_nb": GaussianNB().fit(X, y), "multinomial_nb": MultinomialNB().fit(X, y),
    "kmeans": KMeans(n_clusters=2, n_init=2).fit(X), "minibatch_kmeans": MiniBatchKMeans(n_clusters=2, n_init=2).fit(X),
    "dbscan": DBSCAN().fit(X), "agglomerative": AgglomerativeClustering().fit(X),
    "pca": PCA(2).fit(X), "truncated_svd": TruncatedSVD(2).fit(X), "nmf": NMF(2, max_iter=50).fit(X),
    "gmm": GaussianMixture(2).fit(X),
    "gpr": GaussianProcessRegressor(kernel=RBF() + WhiteKernel()).fit(X[:10], yr[:10]),
    "mlp": MLPClassifier(hidden_layer_sizes=(5,), max_iter=20).fit(X, y),
    "lda": LinearDiscriminantAnalysis().fit(X, y),
    "isotonic": IsotonicRegression().fit(X[:, 0], yr),
    "rbf_sampler": RBFSampler(n_components=5).fit(X),
    "ovr": OneVsRestClassifier(LogisticRegression()).fit(X, y),
    "dummy": DummyClassifier().fit(X, y),
    "tsne": TSNE(n_components=2, perplexity=5, n_iter=250).fit(X),
    "standard_scaler": StandardScaler().fit(X), "minmax": MinMaxScaler().fit(X),
    "onehot": OneHotEncoder(handle_unknown="ignore").fit([["a"], ["b"]]),
    "ordinal": OrdinalEncoder().fit([["a"], ["b"]]), "label_encoder": LabelEncoder().fit(["a", "b", "c"]),
    "kbins": KBinsDiscretizer(n_bins=3).fit(X), "quantile": QuantileTransformer(n_quantiles=10).fit(X),
    "power": PowerTransformer().fit(X), "poly": PolynomialFeatures(2).fit(X),
    "simple_imputer": SimpleImputer().fit(X), "knn_imputer": KNNImputer().fit(X),
    "tfidf": TfidfVectorizer().fit(["the cat sat", "the dog ran", "a cat ran"]),
    "count_vectorizer": CountVectorizer(ngram_range=(1, 2)).fit(["alpha beta gamma", "beta gamma delta"]),
    "hashing_vectorizer": HashingVectorizer(n_features=16),
    "dict_vectorizer": DictVectorizer().fit([{"a": 1}, {"b": 2}]),
    "select_kbest": SelectKBest(f_classif, k=2).fit(X, y),
    "calibrated": CalibratedClassifierCV(LogisticRegression(), cv=3).fit(X, y),
    "calibrated_isotonic": CalibratedClassifierCV(SVC(), method="isotonic", cv=2).fit(X, y),
    "stacking": StackingClassifier([("lr", LogisticRegression()), ("dt", DecisionTreeClassifier(max_depth=2))],
                                   final_estimator=LogisticRegression()).fit(X, y),
    "voting": VotingClassifier([("lr", LogisticRegression()), ("nb", GaussianNB())], voting="soft").fit(X, y),
    "gridsearch": GridSearchCV(Ridge(), {"alpha": [0.1, 1.0]}, cv=KFold(2)).fit(X, yr),
    "ttr_log": TransformedTargetRegressor(regressor=Ridge(), func=np.log1p, inverse_func=np.expm1).fit(X, np.abs(yr)),
    "function_transformer_log1p": FunctionTransformer(np.log1p, inverse_func=np.expm1).fit(X),
    "function_transformer_sqrt": FunctionTransformer(np.sqrt).fit(X),
    "pipeline_scaler_lr": make_pipeline(StandardScaler(), LogisticRegression()).fit(X, y),
    "feature_union": FeatureUnion([("pca", PCA(1)), ("sc", StandardScaler())]).fit(X),
}
dfX = pd.DataFrame({"num1": X[:, 0], "num2": X[:, 1], "cat": list("abcd") * 10, "txt": ["hello world"] * 40})
ct = ColumnTransformer([
    ("num", Pipeline([("imp", SimpleImputer()), ("log", FunctionTransformer(np.log1p)), ("sc", StandardScaler())]), ["num1", "num2"]),
    ("cat", OneHotEncoder(handle_unknown="ignore"), ["cat"]),
    ("txt", TfidfVectorizer(), "txt"),
], remainder="drop")
est["column_transformer_pipeline"] = Pipeline([("prep", ct), ("clf", HistGradientBoostingClassifier(max_iter=3))]).fit(dfX, y)
est["column_transformer_abs_exp"] = ColumnTransformer([("a", FunctionTransformer(np.abs), [0]), ("e", FunctionTransformer(np.exp), [1])]).fit(X)
for k, v in est.items():
    pk(f"sklearn_{k}.pkl", v, "sklearn", f"sklearn {type(v).__name__}")
for p in (0, 2, 5):
    pk(f"sklearn_hgb_p{p}.pkl", est["hgb_classifier"], "sklearn", f"HistGradientBoostingClassifier protocol {p}", proto=p)
    pk(f"sklearn_rf_p{p}.pkl", est["random_forest"], "sklearn", f"RandomForestClassifier protocol {p}", proto=p)
# joblib, every compressor
model = est["column_transformer_pipeline"]
jl("joblib_pipeline_raw.joblib", model, "joblib", "ColumnTransformer pipeline, no compression")
for c in ("zlib", "gzip", "bz2", "lzma", "xz", "lz4"):
    jl(f"joblib_pipeline_{c}.joblib", model, "joblib", f"pipeline compress=('{c}', 3)", compress=(c, 3))
jl("joblib_frame_lz4.joblib", df, "joblib", "mixed DataFrame compress=lz4", compress=("lz4", 3))
jl("joblib_frame_raw.joblib", df, "joblib", "mixed DataFrame no compression")
jl("joblib_frame_gzip.joblib", df, "joblib", "mixed DataFrame compress=gzip", compress=("gzip", 3))
jl("joblib_hgb_zlib.joblib", est["hgb_regressor"], "joblib", "HGB regressor compress=3", compress=3)
jl("joblib_dict_arrays.joblib", {"w": np.arange(1000.0), "b": np.zeros(3, dtype=np.float32), "meta": {"v": 1}}, "joblib", "dict of numpy arrays")
jl("joblib_sparse_lzma.joblib", M, "joblib", "csr matrix compress=lzma", compress=("lzma", 3))
jl("joblib_tfidf_bz2.joblib", est["tfidf"], "joblib", "TfidfVectorizer compress=bz2", compress=("bz2", 3))
jl("joblib_stats_norm_xz.joblib", st.norm(0, 1), "joblib", "frozen norm compress=xz", compress=("xz", 3))
for p in (2, 3):
    joblib.dump(est["logreg"], os.path.join(OUT, f"joblib_logreg_p{p}.pkl"), protocol=p)
    rec(f"joblib_logreg_p{p}.pkl", "joblib", f"LogisticRegression joblib protocol {p}")

# ---------------- statsmodels ----------------
import statsmodels.api as sm
import statsmodels.formula.api as smf
Xc = sm.add_constant(X)
ols = sm.OLS(yr, Xc).fit()
pk("statsmodels_ols_results.pkl", ols, "statsmodels", "OLS RegressionResultsWrapper")
ols.save(os.path.join(OUT, "statsmodels_ols_save_removed.pkl"), remove_data=True)
rec("statsmodels_ols_save_removed.pkl", "statsmodels", "OLS results .save(remove_data=True)")
pk("statsmodels_logit_results.pkl", sm.Logit((X[:, 0] + rng.rand(40) > 1).astype(int), sm.add_constant(X[:, :2])).fit(disp=0), "statsmodels", "Logit results")
pk("statsmodels_glm_results.pkl", sm.GLM(np.abs(yr).round(), Xc, family=sm.families.Poisson()).fit(), "statsmodels", "GLM Poisson results")
dd = pd.DataFrame({"y": yr, "a": X[:, 0], "g": list("uv") * 20})
pk("statsmodels_formula_ols.pkl", smf.ols("y ~ a + C(g)", data=dd).fit(), "statsmodels", "formula OLS results (patsy design info)")
from statsmodels.tsa.arima.model import ARIMA
from statsmodels.tsa.holtwinters import ExponentialSmoothing
ts = pd.Series(np.sin(np.arange(30) / 3) + rng.rand(30) * 0.1, index=pd.date_range("2020-01-01", periods=30, freq="D"))
pk("statsmodels_arima.pkl", ARIMA(ts, order=(1, 0, 0)).fit(), "statsmodels", "ARIMA results")
pk("statsmodels_holtwinters.pkl", ExponentialSmoothing(ts).fit(), "statsmodels", "ExponentialSmoothing results")

# ---------------- xgboost ----------------
import xgboost as xgb
clf = xgb.XGBClassifier(n_estimators=3, max_depth=2, use_label_encoder=False).fit(X, y)
pk("xgboost_classifier.pkl", clf, "xgboost", "XGBClassifier pickle")
pk("xgboost_regressor.pkl", xgb.XGBRegressor(n_estimators=3, max_depth=2).fit(X, yr), "xgboost", "XGBRegressor pickle")
bst = clf.get_booster()
pk("xgboost_booster.pkl", bst, "xgboost", "Booster pickle")
jl("xgboost_classifier.joblib", clf, "xgboost", "XGBClassifier joblib")
bst.save_model(os.path.join(OUT, "xgboost_booster.json")); rec("xgboost_booster.json", "xgboost", "Booster JSON")
bst.save_model(os.path.join(OUT, "xgboost_booster.ubj")); rec("xgboost_booster.ubj", "xgboost", "Booster UBJSON")
bst.save_model(os.path.join(OUT, "xgboost_booster.model")); rec("xgboost_booster.model", "xgboost", "Booster legacy binary")

# ---------------- torch ----------------
import torch
import torch.nn as nn
torch.manual_seed(0)
net = nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.ReLU(), nn.Flatten(), nn.Linear(8, 3), nn.Dropout(0.1), nn.LogSoftmax(dim=1))
def ts(name, obj, what, **kw):
    try:
        torch.save(obj, os.path.join(OUT, name), **kw)
        rec(name, "torch", what)
    except Exception as e:
        print("FAIL", name, e)
        if os.path.exists(os.path.join(OUT, name)):
            os.remove(os.path.join(OUT, name))
ts("torch_state_dict.pt", net.state_dict(), "Sequential state_dict (zip)")
ts("torch_state_dict_legacy.pt", net.state_dict(), "state_dict legacy format", _use_new_zipfile_serialization=False)
ts("torch_state_dict_p4.pt", net.state_dict(), "state_dict zip pickle_protocol=4", pickle_protocol=4)
ts("torch_whole_sequential.pt", net, "whole nn.Sequential of built-ins (zip)")
ts("torch_whole_sequential_legacy.pt", net, "whole nn.Sequential of built-ins (legacy)", _use_new_zipfile_serialization=False)
ts("torch_whole_lstm.pt", nn.LSTM(4, 3, batch_first=True), "whole nn.LSTM")
ts("torch_whole_transformer_layer.pt", nn.TransformerEncoderLayer(8, 2, dim_feedforward=16), "whole TransformerEncoderLayer")
ts("torch_whole_embedding.pt", nn.Embedding(10, 4), "whole nn.Embedding")
dt = {
    "f32": torch.randn(3), "f16": torch.randn(3).half(), "bf16": torch.randn(3).bfloat16(), "f64": torch.randn(2).double(),
    "i64": torch.arange(3), "i8": torch.arange(3, dtype=torch.int8), "u8": torch.arange(3, dtype=torch.uint8), "bool": torch.tensor([True, False]),
    "c64": torch.randn(2, dtype=torch.complex64), "c128": torch.randn(2, dtype=torch.complex128),
}
ts("torch_dtypes.pt", dt, "dict of tensors, every dtype")
ts("torch_sparse_coo.pt", torch.randn(4, 4).to_sparse(), "sparse COO tensor")
try:
    ts("torch_sparse_csr.pt", torch.randn(4, 4).to_sparse_csr(), "sparse CSR tensor")
except Exception as e:
    print("FAIL csr", e)
ts("torch_quantized_per_tensor.pt", torch.quantize_per_tensor(torch.randn(4), 0.1, 0, torch.quint8), "quantized tensor per-tensor")
ts("torch_quantized_per_channel.pt", torch.quantize_per_channel(torch.randn(2, 3), torch.tensor([0.1, 0.2]), torch.tensor([0, 0]), 0, torch.qint8), "quantized tensor per-channel")
ts("torch_parameter.pt", nn.Parameter(torch.randn(3)), "nn.Parameter")
ts("torch_nested_views.pt", {"a": (t := torch.arange(10.0)), "b": t[2:5], "c": t.view(2, 5)}, "tensors sharing storage")
opt = torch.optim.Adam(net.parameters(), lr=1e-3)
net(torch.randn(2, 1, 4, 4)).sum().backward(); opt.step()
ts("torch_adam_state.pt", opt.state_dict(), "Adam optimizer state_dict")
sgd = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
ts("torch_sgd_state.pt", sgd.state_dict(), "SGD optimizer state_dict")
sch = torch.optim.lr_scheduler.StepLR(sgd, step_size=2)
ts("torch_steplr_state.pt", sch.state_dict(), "StepLR scheduler state_dict")
cos = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=10)
ts("torch_cosine_state.pt", cos.state_dict(), "CosineAnnealingLR state_dict")
ts("torch_checkpoint.pt", {"epoch": 3, "model": net.state_dict(), "optimizer": opt.state_dict(), "scheduler": cos.state_dict(),
                            "loss": 0.25, "rng": torch.get_rng_state(), "np_rng": np.random.get_state(), "args": {"lr": 1e-3, "name": "run1"}},
   "training checkpoint (model/opt/sched/rng)")
ts("torch_size_dtype_device.pt", {"size": torch.Size([2, 3]), "dtype": torch.float16, "device": torch.device("cpu")}, "torch.Size/dtype/device values")
qnet = torch.quantization.quantize_dynamic(nn.Sequential(nn.Linear(4, 4)), {nn.Linear}, dtype=torch.qint8)
ts("torch_dynamic_quantized_state.pt", qnet.state_dict(), "dynamic-quantized Linear state_dict")
sm_ = torch.jit.script(nn.Sequential(nn.Linear(4, 2), nn.ReLU()))
torch.jit.save(sm_, os.path.join(OUT, "torch_jit_scripted.pt")); rec("torch_jit_scripted.pt", "torch", "torch.jit.script Sequential")
tr = torch.jit.trace(nn.Linear(3, 1), torch.randn(1, 3))
torch.jit.save(tr, os.path.join(OUT, "torch_jit_traced.pt")); rec("torch_jit_traced.pt", "torch", "torch.jit.trace Linear")
ts("torch_state_dict.bin", net.state_dict(), "state_dict named pytorch_model.bin")
ts("torch_state_dict.pth", net.state_dict(), "state_dict .pth")
ts("torch_state_dict.ckpt", {"state_dict": net.state_dict()}, ".ckpt checkpoint")

# ---------------- h5py / safetensors-like / gguf-free ----------------
import h5py
with h5py.File(os.path.join(OUT, "h5py_arrays.h5"), "w") as f:
    f["w"] = np.arange(20.0); f.attrs["note"] = "plain data"
rec("h5py_arrays.h5", "h5py", "plain HDF5 dataset")
# safetensors written by hand (format is public: u64 header length + JSON + raw bytes)
import json, struct
def safet(name, tensors, what):
    hdr, off, blob = {}, 0, b""
    for k, a in tensors.items():
        b = a.tobytes(); hdr[k] = {"dtype": {"float32": "F32", "int64": "I64", "float16": "F16"}[str(a.dtype)], "shape": list(a.shape), "data_offsets": [off, off + len(b)]}
        off += len(b); blob += b
    hdr["__metadata__"] = {"format": "pt"}
    h = json.dumps(hdr).encode(); h += b" " * ((8 - len(h) % 8) % 8)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + blob)
    rec(name, "safetensors", what)
safet("model.safetensors", {"w": np.ones((3, 3), np.float32), "b": np.arange(3), "h": np.zeros(2, np.float16)}, "safetensors file (hand-written, spec-conformant)")


# ---------------------------------------------------------------- Keras files written by hand (keras is not installed): configs as Keras 3 / 2 save them
import zipfile, tempfile
def _h5_bytes(fill):
    with tempfile.TemporaryDirectory() as d:
        p = os.path.join(d, "w.h5")
        with h5py.File(p, "w") as f:
            fill(f)
        return open(p, "rb").read()
def _weights(f):
    g = f.create_group("layers").create_group("dense").create_group("vars")
    g["0"] = np.ones((4, 2), np.float32); g["1"] = np.zeros(2, np.float32)
def kl(cls, cfg, module="keras.layers"):
    return {"module": module, "class_name": cls, "config": cfg, "registered_name": None}
def kseq(layers):
    return {"module": "keras", "class_name": "Sequential", "config": {"name": "sequential", "trainable": True, "dtype": "float32",
            "layers": [kl("InputLayer", {"batch_shape": [None, 4], "dtype": "float32", "name": "input_layer"})] + layers},
            "registered_name": None, "compile_config": {"optimizer": "adam", "loss": "mse"}}
def keras_file(name, cfg, what, method=zipfile.ZIP_DEFLATED):
    p = os.path.join(OUT, name)
    with zipfile.ZipFile(p, "w", compression=method) as z:
        z.writestr("metadata.json", json.dumps({"keras_version": "3.8.0", "date_saved": "2025-01-01@00:00:00"}))
        z.writestr("config.json", json.dumps(cfg))
        z.writestr("model.weights.h5", _h5_bytes(_weights))
    rec(name, "keras (hand-written)", what)
dense = kl("Dense", {"name": "dense", "units": 2, "activation": "relu", "use_bias": True,
                     "kernel_initializer": {"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": None}, "registered_name": None}})
keras_file("keras_dense.keras", kseq([dense]), ".keras Sequential Dense")
keras_file("keras_layers_mix.keras", kseq([kl("Normalization", {"name": "norm", "axis": -1}), kl("Dropout", {"name": "do", "rate": 0.1}), dense,
           kl("Activation", {"name": "act", "activation": "softmax"})]), ".keras Normalization/Dropout/Dense/Activation")
keras_file("keras_stringlookup_inline.keras", kseq([kl("StringLookup", {"name": "sl", "vocabulary": ["a", "b", "c"], "num_oov_indices": 1}), kl("Embedding", {"name": "emb", "input_dim": 5, "output_dim": 2})]),
           ".keras StringLookup with an inline vocabulary list")
keras_file("keras_conv_stored.keras", kseq([kl("Reshape", {"name": "r", "target_shape": [2, 2, 1]}), kl("Conv2D", {"name": "c", "filters": 2, "kernel_size": [1, 1]}), kl("Flatten", {"name": "f"}), dense]),
           ".keras Conv2D, members stored", method=zipfile.ZIP_STORED)
def _k2(f):
    f.attrs["keras_version"] = "2.15.0"; f.attrs["backend"] = "tensorflow"
    f.attrs["model_config"] = json.dumps({"class_name": "Sequential", "config": {"name": "s", "layers": [
        {"class_name": "InputLayer", "config": {"batch_input_shape": [None, 4], "name": "in"}},
        {"class_name": "Dense", "config": {"name": "dense", "units": 2, "activation": "relu"}}]}})
    _weights(f.create_group("model_weights"))
open(os.path.join(OUT, "keras2_dense.h5"), "wb").write(_h5_bytes(_k2)); rec("keras2_dense.h5", "keras (hand-written)", "Keras 2 H5 Sequential Dense")


# ---------------------------------------------------------------- more variety
import functools, ipaddress, statistics, time, zoneinfo, urllib.parse, types
pk("stdlib_zoneinfo.pkl", zoneinfo.ZoneInfo("Europe/Berlin"), "stdlib", "zoneinfo.ZoneInfo")
pk("stdlib_datetime_zoneinfo.pkl", datetime.datetime(2024, 3, 31, 2, 30, tzinfo=zoneinfo.ZoneInfo("Europe/Berlin")), "stdlib", "datetime with ZoneInfo")
pk("stdlib_timezone_utc.pkl", datetime.timezone.utc, "stdlib", "timezone.utc")
pk("stdlib_ipaddress.pkl", [ipaddress.ip_address("10.0.0.1"), ipaddress.ip_network("10.0.0.0/8"), ipaddress.IPv6Address("::1")], "stdlib", "ipaddress values")
pk("stdlib_normaldist.pkl", statistics.NormalDist(0, 1), "stdlib", "statistics.NormalDist")
pk("stdlib_struct_time.pkl", time.gmtime(0), "stdlib", "time.struct_time")
pk("stdlib_urlparse_result.pkl", urllib.parse.urlparse("https://example.org/a?b=c"), "stdlib", "urllib.parse.ParseResult (a namedtuple, no I/O)")
pk("stdlib_simplenamespace.pkl", types.SimpleNamespace(a=1, b="x"), "stdlib", "types.SimpleNamespace")
pk("stdlib_userdict_userlist.pkl", [collections.UserDict(a=1), collections.UserList([1, 2]), collections.UserString("s")], "stdlib", "collections.User*")
pk("stdlib_ellipsis_notimpl.pkl", [Ellipsis, NotImplemented, float("nan"), float("inf")], "stdlib", "Ellipsis, NotImplemented, nan, inf")
pk("stdlib_builtin_types.pkl", [int, float, str, dict, list, complex, bytes], "stdlib", "references to builtin types")
pk("stdlib_decimal_context.pkl", decimal.Context(prec=10), "stdlib", "decimal.Context")
pk("stdlib_enum_signal.pkl", signal.SIGTERM, "stdlib", "enum member signal.Signals")
pk("stdlib_intenum_socket.pkl", socket.AF_INET, "stdlib", "IntEnum member socket.AddressFamily (no socket is made)")
# numpy extras
tmpd = tempfile.mkdtemp()
mm = np.memmap(os.path.join(tmpd, "m.dat"), dtype="float32", mode="w+", shape=(4,)); mm[:] = 1
pk("numpy_memmap_instance.pkl", mm, "numpy", "a numpy.memmap instance pickled (rebuilt as an in-memory memmap subclass, no file access)")
jl("joblib_memmap_instance.joblib", mm, "joblib", "joblib dump of a numpy.memmap instance")
pk("numpy_ufuncs.pkl", [np.add, np.log1p, np.exp, np.sqrt, np.maximum], "numpy", "numpy ufunc references (_ufunc_reconstruct)")
pk("numpy_scalars_misc.pkl", [np.bool_(True), np.str_("s"), np.bytes_(b"b"), np.complex64(1j), np.uint8(3), np.timedelta64(5, "s")], "numpy", "numpy scalar kinds")
pk("numpy_void_scalar.pkl", npobjs["structured"][0], "numpy", "structured void scalar")
pk("numpy_masked_constant.pkl", np.ma.masked, "numpy", "np.ma.masked constant")
pk("numpy_poly1d.pkl", np.poly1d([1, 2, 3]), "numpy", "np.poly1d")
pk("numpy_chararray.pkl", np.char.array(["a", "bc"]), "numpy", "np.char.chararray")
pk("numpy_dtypes_list.pkl", [np.dtype("O"), np.dtype("M8[ns]"), np.dtype("<U3"), np.dtype({"names": ["a"], "formats": ["<f4"], "offsets": [4], "itemsize": 8})], "numpy", "dtype objects incl. offsets")
pk("numpy_bitgen_state.pkl", np.random.PCG64(1).state, "numpy", "bit generator state dict")
# sklearn extras
pk("sklearn_function_transformer_partial.pkl", FunctionTransformer(functools.partial(np.clip, a_min=0, a_max=1)).fit(X), "sklearn", "FunctionTransformer(functools.partial(np.clip, ...))")
from sklearn.utils import all_estimators
swept = 0
for nm, Est in all_estimators():
    try:
        e = Est()
    except Exception:
        continue
    for fit in (lambda e: e.fit(X, y), lambda e: e.fit(X, yr), lambda e: e.fit(X), lambda e: e.fit([["a"], ["b"], ["a"]])):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                fit(e)
            break
        except Exception:
            continue
    else:
        continue
    pk(f"sklearn_sweep_{nm}.pkl", e, "sklearn", f"all_estimators sweep: {nm} fitted on tiny data", proto=5 if swept % 3 == 0 else (2 if swept % 3 == 1 else 4))
    swept += 1
print("sklearn sweep", swept)
# pandas extras
pk("pandas_extras.pkl", {"uint8": pd.Series([1, None], dtype="UInt8"), "cat_int": pd.Series(pd.Categorical([1, 2, 1])),
    "dummies": pd.get_dummies(pd.Series(list("abca"))), "crosstab": pd.crosstab(df["s"], df["cat"]), "describe": df[["f", "i"]].describe(),
    "resample": pd.Series(range(6), index=pd.date_range("2024", periods=6, freq="H")).resample("2H").sum(),
    "cbday": pd.offsets.CustomBusinessDay(holidays=["2024-01-01"]), "week": pd.offsets.Week(weekday=0),
    "interval_series": pd.Series(pd.arrays.IntervalArray.from_breaks([0, 1, 2])), "period_series": pd.Series(pd.period_range("2020", periods=2, freq="Y")),
    "multi_tz": pd.DataFrame({"a": pd.date_range("2024", periods=2, tz="UTC"), "b": pd.date_range("2024", periods=2, tz="Asia/Tokyo")})},
    "pandas", "assorted pandas results (get_dummies, crosstab, resample, offsets, multi-tz)")
df2 = df.copy(); df2.attrs["source"] = "unit test"
pk("pandas_frame_attrs_flags.pkl", df2.set_flags(allows_duplicate_labels=False), "pandas", "DataFrame with attrs and flags")
pk("pandas_rolling_result.pkl", df[["f"]].rolling(2).mean(), "pandas", "rolling mean result")
# scipy extras
from scipy.interpolate import BSpline, RegularGridInterpolator, RBFInterpolator
pk("scipy_bspline.pkl", BSpline(np.arange(8.0), np.ones(4), 3), "scipy", "BSpline")
pk("scipy_regular_grid_interp.pkl", RegularGridInterpolator((np.arange(3.0), np.arange(4.0)), np.ones((3, 4))), "scipy", "RegularGridInterpolator")
pk("scipy_rbf_interpolator.pkl", RBFInterpolator(X[:10, :2], yr[:10]), "scipy", "RBFInterpolator")
pk("scipy_rv_histogram.pkl", st.rv_histogram(np.histogram(rng.rand(50), bins=5)), "scipy", "rv_histogram (custom continuous dist)")
pk("scipy_rv_discrete_values.pkl", st.rv_discrete(values=([0, 1, 2], [0.2, 0.5, 0.3])), "scipy", "rv_discrete(values=...)")
pk("scipy_unfrozen_norm.pkl", st.norm, "scipy", "the scipy.stats.norm distribution object itself")
pk("scipy_optimize_result_full.pkl", minimize(lambda v: (v ** 2).sum(), np.ones(2)), "scipy", "OptimizeResult (full)")
pk("scipy_sparse_coo_array.pkl", sp.coo_array(M), "scipy", "coo_array")
# statsmodels extras
from statsmodels.tsa.statespace.sarimax import SARIMAX
pk("statsmodels_sarimax.pkl", SARIMAX(np.sin(np.arange(30) / 3) + rng.rand(30) * 0.1, order=(1, 0, 0)).fit(disp=False), "statsmodels", "SARIMAX results")
pk("statsmodels_wls.pkl", sm.WLS(yr, Xc, weights=np.ones(40)).fit(), "statsmodels", "WLS results")
pk("statsmodels_quantreg.pkl", smf.quantreg("y ~ a", dd).fit(q=0.5), "statsmodels", "QuantReg formula results")
pk("statsmodels_glm_formula.pkl", smf.glm("y ~ a + C(g)", dd).fit(), "statsmodels", "GLM formula results")
pk("statsmodels_kde.pkl", sm.nonparametric.KDEUnivariate(rng.rand(30)).fit(), "statsmodels", "KDEUnivariate")
# xgboost extras
pk("xgboost_ranker.pkl", xgb.XGBRanker(n_estimators=2, max_depth=2).fit(X, y, group=[20, 20]), "xgboost", "XGBRanker")
pk("xgboost_rf.pkl", xgb.XGBRFClassifier(n_estimators=2, max_depth=2).fit(X, y), "xgboost", "XGBRFClassifier")
# torch extras
ts("torch_weight_norm_module.pt", nn.utils.weight_norm(nn.Linear(3, 2)), "whole module with weight_norm hook")
ts("torch_spectral_norm_module.pt", nn.utils.spectral_norm(nn.Linear(3, 2)), "whole module with spectral_norm hook")
ts("torch_distribution.pt", {"dist": torch.distributions.Normal(torch.zeros(2), torch.ones(2))}, "torch.distributions.Normal in a checkpoint")
ts("torch_generator_state.pt", torch.Generator().manual_seed(1).get_state(), "torch.Generator state")
ts("torch_packed_sequence.pt", nn.utils.rnn.pack_padded_sequence(torch.randn(3, 2, 4), [3, 2]), "PackedSequence")
ts("torch_memory_format_layout.pt", [torch.channels_last, torch.strided, torch.sparse_coo], "memory_format / layout values")
ts("torch_legacy_whole_lstm.pt", nn.GRU(3, 2), "whole GRU legacy format", _use_new_zipfile_serialization=False)
ts("torch_requires_grad_tensor.pt", torch.randn(3, requires_grad=True), "tensor with requires_grad")

with open(os.path.join(OUT, "MANIFEST.tsv"), "w") as f:
    f.write("file\tlibrary\twhat\texpected\n")
    for r in ROWS:
        f.write("\t".join(r) + "\n")
tot = sum(os.path.getsize(os.path.join(OUT, r[0])) for r in ROWS)
print(len(ROWS), "files", tot, "bytes")
