#!/usr/bin/python3
"""Third blind benign set for `mlsec scan`: real files from real library objects (Debian's python3).

Run: /usr/bin/python3 bench/scan/blind3/gen_benign.py  (writes benign/ and benign/MANIFEST.tsv).
Every object is made by the library itself and saved by its usual call; nothing is hand-edited
except the GGUF / tokenizer_config files, which carry the published chat templates of real models.
"""
import collections, copy, datetime, decimal, fractions, io, ipaddress, itertools, json, logging, operator
import os, pathlib, pickle, re, shutil, statistics, struct, sys, types, typing, uuid, warnings, zoneinfo, array
import argparse, urllib.parse, functools, enum, http, signal, tempfile

warnings.filterwarnings("ignore")
os.environ.setdefault("OMP_NUM_THREADS", "1")
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "benign")
rows, fails = [], []


def rec(name, lib, how):
    rows.append((name, lib, how, "clean"))


def P(name, obj, lib, proto=4, how=None):
    """pickle.dump"""
    data = pickle.dumps(obj, protocol=proto)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
    rec(name, lib, how or f"pickle.dump protocol {proto}")


def section(fn):
    try:
        fn()
    except Exception as e:  # keep going; report
        fails.append((fn.__name__, repr(e)[:200]))


def attempt(name, lib, thunk, proto=4):
    try:
        P(name, thunk(), lib, proto)
    except Exception as e:
        fails.append((name, repr(e)[:200]))


# ------------------------------------------------------------------ stdlib / copyreg values
def stdlib():
    import numbers
    vals = {
        "re_pattern": re.compile(r"(?P<w>\w+)\s*=\s*(\d+)", re.I | re.M),
        "deque": collections.deque([1, 2, 3], maxlen=5),
        "counter": collections.Counter("mississippi"),
        "chainmap": collections.ChainMap({"a": 1}, {"b": 2}),
        "ordered": collections.OrderedDict(a=1, b=2),
        "defaultdict_list": collections.defaultdict(list, {"k": [1]}),
        "array_d": array.array("d", [1.5, 2.5]),
        "array_u": array.array("u", "hi"),
        "decimal": decimal.Decimal("3.14159265358979323846"),
        "decimal_ctx_nan": decimal.Decimal("NaN"),
        "fraction": fractions.Fraction(22, 7),
        "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
        "ipv4": ipaddress.IPv4Address("10.0.0.1"),
        "ipv6net": ipaddress.IPv6Network("2001:db8::/32"),
        "ipv4iface": ipaddress.ip_interface("192.168.1.5/24"),
        "purepath": pathlib.PurePosixPath("/data/models/m.pt"),
        "winpath": pathlib.PureWindowsPath(r"C:\\models\\m.pt"),
        "zone": zoneinfo.ZoneInfo("Europe/Paris"),
        "tz_fixed": datetime.timezone(datetime.timedelta(hours=5, minutes=30), "IST"),
        "dt_aware": datetime.datetime(2026, 3, 1, 12, 0, tzinfo=zoneinfo.ZoneInfo("America/New_York")),
        "date": datetime.date(2026, 1, 2), "time": datetime.time(23, 59, 59, 999999), "td": datetime.timedelta(days=-3, seconds=5),
        "simplens": types.SimpleNamespace(lr=0.1, epochs=3),
        "argparse_ns": argparse.Namespace(lr=0.01, batch_size=32, model="resnet"),
        "partial_int_base2": functools.partial(int, base=2),
        "itemgetter": operator.itemgetter(1, 0), "attrgetter": operator.attrgetter("shape"),
        "methodcaller_lower": operator.methodcaller("lower"),
        "slice": slice(1, 10, 2), "range": range(0, 100, 7), "frozenset": frozenset({1, 2}),
        "bytearray": bytearray(b"\x00\x01"), "complex": complex(1, -2), "ellipsis": ..., "notimpl": NotImplemented,
        "httpstatus": http.HTTPStatus.NOT_FOUND, "signal": signal.Signals.SIGTERM, "regexflag": re.IGNORECASE | re.DOTALL,
        "struct_time": datetime.datetime(2026, 1, 1).timetuple(),
        "splitresult": urllib.parse.urlsplit("https://huggingface.co/org/model?rev=main"),
        "normaldist": statistics.NormalDist(0.5, 2.0),
        "logger": logging.getLogger("train.metrics"),
        "typing_list": typing.List[int], "typing_dict": typing.Dict[str, typing.Optional[float]],
        "type_objs": [int, float, str, bytes, dict, list, type(None)],
        "count_iter": itertools.count(5, 2),
        "exc": ValueError("bad value", 3),
        "nested_exc": KeyError("missing"),
    }
    for k, v in vals.items():
        attempt(f"stdlib_{k}.pkl", f"stdlib {type(v).__module__}.{type(v).__qualname__}", lambda v=v: v)
    # the bundle leaves out the values that get their own file only (operator getters, Namespace, flag unions)
    bundle = {k: v for k, v in vals.items() if k not in ("count_iter", "itemgetter", "attrgetter", "methodcaller_lower", "argparse_ns", "regexflag")}
    for proto in range(0, 6):
        attempt(f"stdlib_bundle_p{proto}.pkl", "stdlib bundle of the above", lambda: bundle, proto)


# ------------------------------------------------------------------ numpy
def numpy_():
    import numpy as np
    rng = np.random.default_rng(0)
    r = np.rec.fromrecords([(1, 2.0, "a"), (2, 3.5, "bb")], names="id,score,tag")
    attempt("np_recarray.pkl", "numpy.recarray", lambda: r)
    mm_path = os.path.join(tempfile.gettempdir(), "blind3_mm.dat")
    mm = np.memmap(mm_path, dtype="float32", mode="w+", shape=(4, 3)); mm[:] = 1.5
    attempt("np_memmap_slice.pkl", "numpy.memmap (slice of a memmap)", lambda: mm[1:3])
    attempt("np_memmap_derived_sum.pkl", "numpy array derived from a memmap", lambda: np.asarray(mm) * 2)
    ma = np.ma.masked_array([1.0, 2.0, -999.0, 4.0], mask=[0, 0, 1, 0], fill_value=-999.0)
    attempt("np_masked_fill.pkl", "numpy.ma.MaskedArray with fill_value", lambda: ma)
    attempt("np_masked_struct.pkl", "numpy.ma structured masked array", lambda: np.ma.array([(1, 2.0), (3, 4.0)], mask=[(0, 1), (1, 0)], dtype=[("a", "i4"), ("b", "f8")]))
    attempt("np_masked_constant.pkl", "numpy.ma.masked constant", lambda: [np.ma.masked, np.ma.nomask])
    for u in ["Y", "M", "W", "D", "h", "m", "s", "ms", "us", "ns", "ps", "fs", "as"]:
        pass
    attempt("np_datetime64_units.pkl", "numpy datetime64 arrays of 13 units", lambda: {u: np.array(["2026-01-01", "NaT"], dtype=f"datetime64[{u}]") for u in ["Y", "M", "W", "D", "h", "m", "s", "ms", "us", "ns", "ps", "fs", "as"]})
    attempt("np_timedelta64_units.pkl", "numpy timedelta64 arrays and scalars", lambda: {u: (np.arange(3).astype(f"timedelta64[{u}]"), np.timedelta64(5, u)) for u in ["W", "D", "h", "m", "s", "ms", "us", "ns"]})
    attempt("np_str_dtypes.pkl", "numpy S/U/V dtypes", lambda: [np.array([b"ab", b"c"], dtype="S4"), np.array(["é", "日本"], dtype="U3"), np.zeros(3, dtype="V8"), np.void(b"\x01\x02")])
    attempt("np_struct_titles_offsets.pkl", "numpy structured dtype with titles, offsets, subarrays, big-endian",
            lambda: np.zeros(2, dtype=np.dtype({"names": ["x", "y"], "formats": [">i4", ("<f8", (2, 2))], "offsets": [0, 8], "titles": ["X coord", None], "itemsize": 48})))
    for bg in ["PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64"]:
        attempt(f"np_generator_{bg}.pkl", f"numpy.random.Generator({bg})", lambda bg=bg: np.random.Generator(getattr(np.random, bg)(42)))
        attempt(f"np_bitgen_state_{bg}.pkl", f"numpy {bg}.state dict", lambda bg=bg: getattr(np.random, bg)(7).state)
    attempt("np_randomstate.pkl", "numpy.random.RandomState", lambda: np.random.RandomState(3))
    attempt("np_seedsequence.pkl", "numpy.random.SeedSequence spawned", lambda: np.random.SeedSequence(1234).spawn(2))
    attempt("np_polys.pkl", "numpy.poly1d and numpy.polynomial classes", lambda: [np.poly1d([1, 2, 3]), np.polynomial.Polynomial([1, 2]), np.polynomial.Chebyshev([1, 0, 2], domain=[-2, 2]), np.polynomial.Legendre([1]), np.polynomial.Hermite([0, 1])])
    attempt("np_matrix_chararray.pkl", "numpy.matrix and numpy.char.chararray", lambda: [np.matrix([[1, 2], [3, 4]]), np.char.array(["a", "bc"])])
    attempt("np_scalars.pkl", "numpy scalars incl. longdouble/clongdouble/bool/datetime", lambda: [np.longdouble("1.1"), np.clongdouble(1 + 2j), np.bool_(True), np.datetime64("2026-05-01T10:00"), np.float16(0.5), np.uint64(2**63)])
    attempt("np_fortran_0d_empty.pkl", "numpy F-order, 0-d, empty arrays", lambda: [np.asfortranarray(rng.random((3, 4))), np.array(5.0), np.empty((0, 3))])
    attempt("np_finfo_iinfo.pkl", "numpy finfo/iinfo/dtype objects", lambda: [np.dtype("float32"), np.dtype([("a", "u1")]), np.iinfo(np.int16), np.finfo(np.float32)])
    np.save(os.path.join(OUT, "np_structured.npy"), np.zeros(3, dtype=[("name", "U8"), ("v", "f4", (2,))])); rec("np_structured.npy", "numpy.save", "structured dtype")
    np.save(os.path.join(OUT, "np_datetime.npy"), np.arange("2026-01", "2026-06", dtype="datetime64[M]")); rec("np_datetime.npy", "numpy.save", "datetime64[M]")
    np.save(os.path.join(OUT, "np_fortran_c16.npy"), np.asfortranarray(rng.random((3, 3)) + 1j)); rec("np_fortran_c16.npy", "numpy.save", "fortran complex128")
    np.savez_compressed(os.path.join(OUT, "np_mixed.npz"), a=np.arange(5, dtype=">i8"), b=np.array(["x", "yy"]), c=np.zeros((2, 2), dtype="float16"), d=np.array([True, False]))
    rec("np_mixed.npz", "numpy.savez_compressed", "mixed dtypes incl. big-endian and unicode")
    np.savez(os.path.join(OUT, "np_plain.npz"), np.ones(3), labels=np.array([b"a", b"b"])); rec("np_plain.npz", "numpy.savez", "positional + bytes")
    np.savetxt(os.path.join(OUT, "np_txt.csv"), rng.random((3, 2)), delimiter=","); rec("np_txt.csv", "numpy.savetxt", "csv")


# ------------------------------------------------------------------ pandas
def pandas_():
    import numpy as np, pandas as pd
    idx = pd.date_range("2026-01-01", periods=48, freq="H")
    df = pd.DataFrame({"v": np.arange(48.0), "g": list("ab") * 24, "n": np.arange(48) % 5}, index=idx)
    attempt("pd_groupby_agg.pkl", "pandas groupby().agg() result (MultiIndex cols)", lambda: df.groupby("g").agg({"v": ["mean", "max"], "n": "nunique"}))
    attempt("pd_groupby_obj.pkl", "pandas DataFrameGroupBy object", lambda: df.groupby("g"))
    attempt("pd_resampled_mean.pkl", "pandas resample('6H').mean()", lambda: df[["v"]].resample("6H").mean())
    attempt("pd_resampler_ohlc.pkl", "pandas resample().ohlc()", lambda: df["v"].resample("D").ohlc())
    attempt("pd_rolling.pkl", "pandas rolling().mean()", lambda: df["v"].rolling(3).mean())
    attempt("pd_period_array.pkl", "pandas PeriodArray/PeriodIndex", lambda: (pd.period_range("2026Q1", periods=4, freq="Q"), pd.array(pd.period_range("2026-01", periods=3, freq="M"))))
    attempt("pd_interval_array.pkl", "pandas IntervalArray + IntervalIndex", lambda: (pd.arrays.IntervalArray.from_breaks([0, 1, 5, 10], closed="left"), pd.interval_range(0, 4)))
    attempt("pd_sparse_frame.pkl", "pandas sparse DataFrame (SparseDtype)", lambda: pd.DataFrame({"a": pd.arrays.SparseArray([0, 0, 1, 0]), "b": pd.arrays.SparseArray([0.0, np.nan, 2.0, 0.0], fill_value=np.nan)}))
    objcol = pd.DataFrame({"dec": [decimal.Decimal("1.10"), decimal.Decimal("2.5")], "frac": [fractions.Fraction(1, 3), fractions.Fraction(2, 7)],
                           "uuid": [uuid.UUID(int=1), uuid.UUID(int=2)], "date": [datetime.date(2026, 1, 1), datetime.date(2026, 2, 1)],
                           "time": [datetime.time(1, 2), datetime.time(3, 4)], "bytes": [b"\x00\xff", b"ok"], "ip": [ipaddress.ip_address("1.1.1.1"), None]})
    attempt("pd_object_columns.pkl", "pandas frame with Decimal/Fraction/UUID/date/time/bytes/ip objects", lambda: objcol)
    objcol_str = objcol.drop(columns=["ip"])
    for comp in ["gzip", "bz2", "xz", "zip"]:
        try:
            objcol_str.to_pickle(os.path.join(OUT, f"pd_object_columns.pkl.{ {'gzip':'gz','bz2':'bz2','xz':'xz','zip':'zip'}[comp]}"), compression=comp)
            rec(f"pd_object_columns.pkl.{ {'gzip':'gz','bz2':'bz2','xz':'xz','zip':'zip'}[comp]}", "pandas.to_pickle", f"object columns, compression={comp}")
        except Exception as e:
            fails.append(("to_pickle " + comp, repr(e)))
    try:
        sty = df.head(3).style.highlight_max().format("{:.1f}")
        P("pd_styler.pkl", sty, "pandas Styler")
    except Exception as e:
        fails.append(("styler", repr(e)[:200]))
    attempt("pd_offsets.pkl", "pandas DateOffsets incl. CustomBusinessDay with holidays", lambda: [pd.offsets.BusinessDay(2), pd.offsets.CustomBusinessDay(holidays=["2026-12-25"]), pd.offsets.MonthEnd(), pd.offsets.Week(weekday=4), pd.DateOffset(months=2, days=1)])
    from pandas.tseries.holiday import USFederalHolidayCalendar
    attempt("pd_holiday_calendar.pkl", "pandas USFederalHolidayCalendar", lambda: USFederalHolidayCalendar())
    attempt("pd_pivot_crosstab.pkl", "pandas pivot_table + crosstab", lambda: (df.pivot_table(index="g", columns="n", values="v", aggfunc="sum"), pd.crosstab(df.g, df.n)))
    attempt("pd_categorical_ordered.pkl", "pandas ordered Categorical + CategoricalDtype", lambda: (pd.Categorical(["lo", "hi", "mid"], categories=["lo", "mid", "hi"], ordered=True), pd.CategoricalDtype(["x", "y"])))
    attempt("pd_string_dtype.pkl", "pandas string[python] + boolean + Float64", lambda: pd.DataFrame({"s": pd.array(["a", None], dtype="string"), "b": pd.array([True, None], dtype="boolean"), "f": pd.array([1.5, None], dtype="Float64")}))
    attempt("pd_timedelta_index.pkl", "pandas TimedeltaIndex + Timedelta + Timestamp tz", lambda: (pd.timedelta_range("1 day", periods=3), pd.Timedelta("1h30m"), pd.Timestamp("2026-01-01", tz="Asia/Tokyo")))
    attempt("pd_multiindex_cols.pkl", "pandas MultiIndex columns from product", lambda: pd.DataFrame(np.zeros((2, 4)), columns=pd.MultiIndex.from_product([["a", "b"], [1, 2]], names=["l", "n"])))
    attempt("pd_ewm_describe.pkl", "pandas ewm().mean() and describe()", lambda: (df.v.ewm(span=5).mean(), df.describe(include="all")))
    df.head(5).to_parquet if False else None
    df.head(10).to_csv(os.path.join(OUT, "pd_frame.csv")); rec("pd_frame.csv", "pandas.to_csv", "csv")
    df.head(10).reset_index().to_json(os.path.join(OUT, "pd_frame.json"), orient="records", date_format="iso"); rec("pd_frame.json", "pandas.to_json", "records json")
    try:
        df.head(10).to_hdf(os.path.join(OUT, "pd_frame_table.h5"), "df", format="table"); rec("pd_frame_table.h5", "pandas.to_hdf", "PyTables table format")
    except Exception as e:
        fails.append(("to_hdf", repr(e)[:200]))


# ------------------------------------------------------------------ sklearn
def sklearn_():
    import numpy as np
    from sklearn import kernel_approximation as ka, neighbors, impute, pipeline, preprocessing, compose, isotonic, gaussian_process as gp
    from sklearn.gaussian_process import kernels as K
    from sklearn.experimental import enable_iterative_imputer  # noqa
    from sklearn import metrics, feature_selection, feature_extraction, linear_model, decomposition, cluster, covariance, manifold
    rng = np.random.RandomState(0)
    X = rng.rand(40, 4); y = (X[:, 0] > .5).astype(int); yr = X @ [1, 2, 3, 4] + 1
    Xn = X.copy(); Xn[::7, 1] = np.nan
    objs = {
        "nystroem_poly": lambda: ka.Nystroem(kernel="polynomial", degree=2, n_components=10, random_state=0).fit(X),
        "rbfsampler": lambda: ka.RBFSampler(gamma=0.5, n_components=16, random_state=0).fit(X),
        "additive_chi2": lambda: ka.AdditiveChi2Sampler(sample_steps=3).fit(X),
        "skewed_chi2": lambda: ka.SkewedChi2Sampler(n_components=8, random_state=0).fit(X),
        "poly_count_sketch": lambda: ka.PolynomialCountSketch(n_components=16, random_state=0).fit(X),
        "kdtree_minkowski3": lambda: neighbors.KDTree(X, leaf_size=5, metric="minkowski", p=3),
        "balltree_haversine": lambda: neighbors.BallTree(X[:, :2], metric="haversine"),
        "balltree_mahalanobis": lambda: neighbors.BallTree(X, metric="mahalanobis", V=np.cov(X.T)),
        "nn_cosine_brute": lambda: neighbors.NearestNeighbors(metric="cosine", algorithm="brute").fit(X),
        "knn_distance_weights": lambda: neighbors.KNeighborsClassifier(5, weights="distance").fit(X, y),
        "kde_epanechnikov": lambda: neighbors.KernelDensity(kernel="epanechnikov", bandwidth=.3).fit(X),
        "nca": lambda: neighbors.NeighborhoodComponentsAnalysis(random_state=0, max_iter=5).fit(X, y),
        "distance_metric": lambda: metrics.DistanceMetric.get_metric("chebyshev"),
        "knn_imputer": lambda: impute.KNNImputer(n_neighbors=3).fit(Xn),
        "simple_imputer_const": lambda: impute.SimpleImputer(strategy="constant", fill_value=-1, add_indicator=True).fit(Xn),
        "iterative_imputer": lambda: impute.IterativeImputer(max_iter=3, random_state=0).fit(Xn),
        "missing_indicator": lambda: impute.MissingIndicator().fit(Xn),
        "pipe_functiontransformer_ufuncs": lambda: pipeline.make_pipeline(preprocessing.FunctionTransformer(np.log1p, inverse_func=np.expm1, check_inverse=False), linear_model.Ridge()).fit(X, yr),
        "functiontransformer_clip_kwargs": lambda: preprocessing.FunctionTransformer(np.clip, kw_args={"a_min": 0.1, "a_max": 0.9}).fit(X),
        "functiontransformer_sqrt": lambda: preprocessing.FunctionTransformer(np.sqrt, validate=True).fit(X),
        "ttr_log_exp": lambda: compose.TransformedTargetRegressor(regressor=linear_model.LinearRegression(), func=np.log, inverse_func=np.exp).fit(X, yr),
        "ttr_quantile": lambda: compose.TransformedTargetRegressor(regressor=linear_model.Lasso(alpha=.01), transformer=preprocessing.QuantileTransformer(n_quantiles=10)).fit(X, yr),
        "isotonic": lambda: isotonic.IsotonicRegression(out_of_bounds="clip", increasing="auto").fit(X[:, 0], yr),
        "gpr_rbf_white": lambda: gp.GaussianProcessRegressor(kernel=K.ConstantKernel(1.0) * K.RBF([1.0] * 4) + K.WhiteKernel(0.1), random_state=0).fit(X, yr),
        "gpr_matern_rq_exp": lambda: gp.GaussianProcessRegressor(kernel=K.Matern(nu=2.5) + K.RationalQuadratic() * K.ExpSineSquared() + K.DotProduct() ** 2, optimizer=None, alpha=1.0).fit(X, yr),
        "gpc": lambda: gp.GaussianProcessClassifier(kernel=K.RBF(), random_state=0, max_iter_predict=10).fit(X, y),
        "gp_kernel_alone": lambda: K.Exponentiation(K.PairwiseKernel(metric="laplacian") + K.RBF(), 2),
        "column_selector": lambda: compose.make_column_transformer((preprocessing.StandardScaler(), compose.make_column_selector(dtype_include=np.number))),
        "scorer_roc_auc": lambda: metrics.get_scorer("roc_auc"),
        "scorer_fbeta_custom": lambda: metrics.make_scorer(metrics.fbeta_score, beta=2, average="macro"),
        "selectkbest_chi2": lambda: feature_selection.SelectKBest(feature_selection.chi2, k=2).fit(X, y),
        "select_mutual_info": lambda: feature_selection.SelectPercentile(feature_selection.mutual_info_classif, percentile=50).fit(X, y),
        "rfecv": lambda: feature_selection.RFECV(linear_model.LogisticRegression(), cv=3).fit(X, y),
        "sfs": lambda: feature_selection.SequentialFeatureSelector(linear_model.LinearRegression(), n_features_to_select=2, cv=2).fit(X, yr),
        "tfidf_char_float32": lambda: feature_extraction.text.TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3), dtype=np.float32).fit(["hello world", "model files", "pickles are fun"]),
        "hashing_vec": lambda: feature_extraction.text.HashingVectorizer(n_features=64, alternate_sign=False),
        "dictvectorizer": lambda: feature_extraction.DictVectorizer().fit([{"a": 1, "b": "x"}, {"a": 2, "c": 3.5}]),
        "spline_transformer": lambda: preprocessing.SplineTransformer(n_knots=4, degree=3, extrapolation="periodic").fit(X),
        "kbins_quantile": lambda: preprocessing.KBinsDiscretizer(n_bins=3, encode="onehot", strategy="quantile").fit(X),
        "power_transformer": lambda: preprocessing.PowerTransformer(method="yeo-johnson").fit(X),
        "multilabel_binarizer": lambda: preprocessing.MultiLabelBinarizer().fit([{"cat", "dog"}, {"bird"}]),
        "ordinal_unknown": lambda: preprocessing.OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1).fit([["a"], ["b"]]),
        "ransac_huber": lambda: linear_model.RANSACRegressor(linear_model.HuberRegressor(), min_samples=10, random_state=0).fit(X, yr),
        "tweedie": lambda: linear_model.TweedieRegressor(power=1.5, link="log").fit(X, np.abs(yr)),
        "ellipticenvelope": lambda: covariance.EllipticEnvelope(random_state=0).fit(X),
        "isomap": lambda: manifold.Isomap(n_neighbors=5, n_components=2).fit(X),
        "kernelpca_inverse": lambda: decomposition.KernelPCA(n_components=2, kernel="rbf", fit_inverse_transform=True).fit(X),
        "birch": lambda: cluster.Birch(n_clusters=2).fit(X),
        "optics": lambda: cluster.OPTICS(min_samples=3).fit(X),
        "lda_topics": lambda: decomposition.LatentDirichletAllocation(n_components=2, random_state=0, max_iter=3).fit(np.abs(X) * 10),
    }
    for k, f in objs.items():
        attempt(f"sk_{k}.pkl", "sklearn " + k, f)
    import joblib
    try:
        m = objs["pipe_functiontransformer_ufuncs"]()
        for comp in ["zlib", "gzip", "bz2", "lzma", "xz", "lz4"]:
            fn = f"sk_pipe_ufuncs.{comp}.joblib"
            joblib.dump(m, os.path.join(OUT, fn), compress=(comp, 3)); rec(fn, "joblib.dump sklearn pipeline", f"compress=({comp}, 3)")
    except Exception as e:
        fails.append(("joblib comps", repr(e)[:200]))


# ------------------------------------------------------------------ joblib with mmap-able arrays
def joblib_():
    import joblib, numpy as np
    big = {"emb": np.random.RandomState(1).rand(200, 16).astype("float32"), "ids": np.arange(200, dtype="int64"), "names": np.array(["a", "b"] * 100, dtype=object),
           "when": np.arange("2026-01-01", "2026-01-11", dtype="datetime64[D]"), "meta": {"v": 3}}
    joblib.dump(big, os.path.join(OUT, "jl_arrays_raw.joblib")); rec("jl_arrays_raw.joblib", "joblib.dump", "uncompressed, arrays out of band (mmap_mode-able), object array inline")
    joblib.load(os.path.join(OUT, "jl_arrays_raw.joblib"), mmap_mode="r")
    joblib.dump(big, os.path.join(OUT, "jl_arrays_p2.pkl"), protocol=2); rec("jl_arrays_p2.pkl", "joblib.dump", "protocol=2")
    joblib.dump(big, os.path.join(OUT, "jl_arrays_p5.pkl"), protocol=5); rec("jl_arrays_p5.pkl", "joblib.dump", "protocol=5")
    for ext in ["z", "gz", "bz2", "xz", "lzma", "lz4"]:
        joblib.dump(big, os.path.join(OUT, f"jl_arrays.pkl.{ext}")); rec(f"jl_arrays.pkl.{ext}", "joblib.dump", f"compressor inferred from .{ext}")
    joblib.dump(np.ma.masked_array(np.arange(50.0), mask=np.arange(50) % 3 == 0), os.path.join(OUT, "jl_masked.joblib")); rec("jl_masked.joblib", "joblib.dump", "masked array")
    mem = joblib.Memory(os.path.join(tempfile.gettempdir(), "blind3_mem"), verbose=0)
    f = mem.cache(np.linspace)
    f(0, 1, 50)
    for root, _, files in os.walk(os.path.join(tempfile.gettempdir(), "blind3_mem")):
        for fn in files:
            if fn == "output.pkl":
                shutil.copy(os.path.join(root, fn), os.path.join(OUT, "jl_memory_output.pkl")); rec("jl_memory_output.pkl", "joblib.Memory", "cache output.pkl of np.linspace")


# ------------------------------------------------------------------ torch
def torch_():
    import torch, torch.nn as nn
    torch.manual_seed(0)
    def T(n, obj, how):
        bio = io.BytesIO()
        try:
            torch.save(obj, bio)
        except Exception as e:
            fails.append((n, repr(e)[:100])); return
        with open(os.path.join(OUT, n), "wb") as f:
            f.write(bio.getvalue())
        rec(n, "torch " + how, "torch.save")
    dtypes = [torch.float16, torch.bfloat16, torch.float32, torch.float64, torch.complex64, torch.complex128, torch.int8, torch.uint8, torch.int16, torch.int32, torch.int64, torch.bool]
    T("pt_every_dtype.pt", {str(d): torch.ones(3, dtype=d) for d in dtypes}, "dict of tensors of 12 dtypes")
    T("pt_quantized.pt", {"qt": torch.quantize_per_tensor(torch.rand(4), 0.1, 10, torch.quint8), "qc": torch.quantize_per_channel(torch.rand(2, 3), torch.tensor([.1, .2]), torch.tensor([0, 1]), 0, torch.qint8)}, "quantized tensors")
    i = torch.tensor([[0, 1, 1], [2, 0, 2]])
    T("pt_sparse_coo.pt", {"coo": torch.sparse_coo_tensor(i, torch.tensor([3., 4., 5.]), (2, 3)), "coalesced": torch.eye(3).to_sparse().coalesce()}, "sparse COO")
    for lay in ["csr", "csc"]:
        try:
            T(f"pt_sparse_{lay}.pt", getattr(torch.eye(3), "to_sparse_" + lay)(), "sparse " + lay.upper())
        except Exception as e:
            fails.append((lay, repr(e)[:100]))
    try:
        T("pt_bsr.pt", torch.eye(4).to_sparse_bsr((2, 2)), "sparse BSR")
    except Exception as e:
        fails.append(("bsr", repr(e)[:100]))
    try:
        T("pt_named.pt", torch.zeros(2, 3, names=("N", "C")), "named tensor")
    except Exception as e:
        fails.append(("named", repr(e)[:100]))
    T("pt_views_strides.pt", (lambda b: {"base": b, "t": b.t(), "slice": b[:, 1:], "exp": torch.ones(3, 1).expand(3, 4)})(torch.arange(12.).reshape(3, 4)), "shared storage views and expanded strides")
    T("pt_channels_last.pt", torch.rand(1, 3, 4, 4).to(memory_format=torch.channels_last), "channels_last tensor")
    T("pt_misc_objs.pt", {"size": torch.Size([2, 3]), "dtype": torch.float16, "device": torch.device("cpu"), "gen_state": torch.Generator().manual_seed(3).get_state()}, "Size/dtype/device/generator state")
    model = nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4, 2))
    T("pt_whole_sequential.pt", model, "whole nn.Sequential (Conv/BN/ReLU/Pool/Flatten/Linear)")
    T("pt_whole_transformer_enc.pt", nn.TransformerEncoder(nn.TransformerEncoderLayer(8, 2, 16, batch_first=True), 1), "whole TransformerEncoder")
    T("pt_whole_lstm_gru.pt", nn.ModuleDict({"lstm": nn.LSTM(4, 8, 2, bidirectional=True), "gru": nn.GRU(4, 4), "emb": nn.EmbeddingBag(10, 4, mode="mean"), "mha": nn.MultiheadAttention(8, 2)}), "whole ModuleDict of RNNs/EmbeddingBag/MHA")
    T("pt_whole_module_list.pt", nn.ModuleList([nn.LayerNorm(4), nn.GroupNorm(2, 4), nn.Dropout(0.1), nn.GELU(), nn.SiLU(), nn.Identity(), nn.PixelShuffle(2), nn.Upsample(scale_factor=2)]), "whole ModuleList of standard layers")
    lin = nn.Linear(4, 4)
    for name, opt in {"adam_amsgrad": torch.optim.Adam(lin.parameters(), amsgrad=True), "adamw": torch.optim.AdamW(lin.parameters()), "sgd_nesterov": torch.optim.SGD(lin.parameters(), lr=.1, momentum=.9, nesterov=True),
                      "rmsprop": torch.optim.RMSprop(lin.parameters()), "adagrad": torch.optim.Adagrad(lin.parameters()), "lbfgs": torch.optim.LBFGS(lin.parameters()), "radam": torch.optim.RAdam(lin.parameters()), "nadam": torch.optim.NAdam(lin.parameters())}.items():
        def closure(opt=opt):
            opt.zero_grad(); l = lin(torch.ones(2, 4)).sum(); l.backward(); return l
        opt.step(closure)
        T(f"pt_optim_{name}.pt", opt.state_dict(), f"optimizer {name} state_dict after a step")
    opt = torch.optim.SGD(lin.parameters(), lr=.1)
    for name, sch in {"onecycle": torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=1, total_steps=10), "cosine_wr": torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(opt, 5),
                      "plateau": torch.optim.lr_scheduler.ReduceLROnPlateau(opt), "cyclic": torch.optim.lr_scheduler.CyclicLR(opt, .01, .1), "multistep": torch.optim.lr_scheduler.MultiStepLR(opt, [2, 4])}.items():
        T(f"pt_sched_{name}.pt", sch.state_dict(), f"scheduler {name} state_dict")
    sched_seq = torch.optim.lr_scheduler.SequentialLR(opt, [torch.optim.lr_scheduler.ConstantLR(opt), torch.optim.lr_scheduler.ExponentialLR(opt, .9)], milestones=[2])
    T("pt_sched_sequential.pt", sched_seq.state_dict(), "SequentialLR state_dict (nested scheduler states)")
    scaler = torch.cuda.amp.GradScaler(enabled=False)
    T("pt_gradscaler.pt", {"scaler": scaler.state_dict(), "amp_dtype": torch.bfloat16, "epoch": 3}, "GradScaler state_dict (AMP checkpoint)")
    T("pt_full_checkpoint.pt", {"model": model.state_dict(), "optimizer": opt.state_dict(), "rng": torch.get_rng_state(), "epoch": 7, "args": argparse.Namespace(lr=.1)}, "training checkpoint with rng state and argparse.Namespace")
    T("pt_distributions.pt", {"normal": torch.distributions.Normal(torch.zeros(2), torch.ones(2)), "cat": torch.distributions.Categorical(probs=torch.tensor([.2, .8]))}, "torch.distributions objects")
    T("pt_tensordataset.pt", torch.utils.data.TensorDataset(torch.rand(4, 2), torch.arange(4)), "TensorDataset")
    T("pt_packed_seq.pt", nn.utils.rnn.pack_padded_sequence(torch.rand(3, 2, 4), [3, 2]), "PackedSequence")
    T("pt_parameter_requires_grad.pt", {"p": nn.Parameter(torch.ones(2)), "frozen": nn.Parameter(torch.ones(2), requires_grad=False)}, "nn.Parameter objects")
    torch.save(model.state_dict(), os.path.join(OUT, "pt_state_p2.pt"), pickle_protocol=2); rec("pt_state_p2.pt", "torch state_dict", "torch.save pickle_protocol=2")
    torch.save(model.state_dict(), os.path.join(OUT, "pt_state_legacy.pt"), _use_new_zipfile_serialization=False); rec("pt_state_legacy.pt", "torch state_dict", "legacy (non-zip) format")

    @torch.jit.script
    def scripted_fn(x: torch.Tensor, k: int = 2) -> torch.Tensor:
        return torch.topk(x, k).values.relu()
    torch.jit.save(scripted_fn, os.path.join(OUT, "pt_jit_script_fn.pt")); rec("pt_jit_script_fn.pt", "torch.jit.script function", "torch.jit.save")
    torch.jit.save(torch.jit.script(nn.Sequential(nn.Linear(4, 4), nn.Tanh())), os.path.join(OUT, "pt_jit_script_seq.pt")); rec("pt_jit_script_seq.pt", "torch.jit.script Sequential", "torch.jit.save")
    torch.jit.save(torch.jit.trace(nn.Conv1d(2, 2, 3), torch.rand(1, 2, 8)), os.path.join(OUT, "pt_jit_trace_conv1d.pt")); rec("pt_jit_trace_conv1d.pt", "torch.jit.trace Conv1d", "torch.jit.save")
    q = torch.ao.quantization.quantize_dynamic(nn.Sequential(nn.Linear(4, 4), nn.LSTM(4, 4)), {nn.Linear, nn.LSTM}, dtype=torch.qint8)
    T("pt_dynamic_quant_state.pt", q.state_dict(), "dynamic-quantized Linear+LSTM state_dict")


# ------------------------------------------------------------------ graph/science libraries
def networkx_():
    import networkx as nx
    G = nx.karate_club_graph()
    P("nx_karate.pkl", G, "networkx.Graph (karate club, node attrs)")
    D = nx.DiGraph(); D.add_edge("a", "b", weight=1.5, label="x"); D.add_edge("b", "c", when=datetime.date(2026, 1, 1)); D.graph["name"] = "flow"
    P("nx_digraph_attrs.pkl", D, "networkx.DiGraph with edge/graph attributes", proto=2)
    P("nx_multidigraph.pkl", nx.MultiDiGraph([(1, 2), (1, 2), (2, 3)]), "networkx.MultiDiGraph", proto=5)
    P("nx_grid_tuple_nodes.pkl", nx.grid_2d_graph(3, 3), "networkx grid graph (tuple nodes)", proto=0)
    P("nx_frozen_subgraph_view.pkl", nx.freeze(nx.path_graph(5).copy()), "networkx frozen graph")
    P("nx_sparse_adj.pkl", nx.to_scipy_sparse_array(G), "networkx.to_scipy_sparse_array (scipy csr_array)")
    P("nx_layout_pagerank.pkl", {"pos": nx.spring_layout(G, seed=1), "pr": nx.pagerank(G)}, "networkx layout + pagerank dicts of numpy arrays")
    P("nx_bipartite_tree.pkl", [nx.complete_bipartite_graph(2, 3), nx.balanced_tree(2, 3), nx.Graph(nx.les_miserables_graph())], "networkx generator graphs")
    nx.write_graphml(G, os.path.join(OUT, "nx_karate.graphml")); rec("nx_karate.graphml", "networkx.write_graphml", "GraphML")
    nx.write_gml(D, os.path.join(OUT, "nx_digraph.gml"), stringizer=str); rec("nx_digraph.gml", "networkx.write_gml", "GML")
    with open(os.path.join(OUT, "nx_nodelink.json"), "w") as f:
        json.dump(nx.node_link_data(G), f)
    rec("nx_nodelink.json", "networkx.node_link_data", "json")


def skimage_():
    import numpy as np
    from skimage import transform, measure, feature, data, exposure, segmentation
    P("ski_affine.pkl", transform.AffineTransform(scale=(1.2, 0.8), rotation=0.3, translation=(5, -2)), "skimage AffineTransform")
    P("ski_similarity_projective.pkl", [transform.SimilarityTransform(scale=2), transform.ProjectiveTransform(np.eye(3)), transform.EuclideanTransform(rotation=.1)], "skimage transforms")
    src = np.array([[0, 0], [0, 1], [1, 0], [1, 1], [.5, .5], [.2, .8]]); dst = src * 2 + .1
    P("ski_polynomial.pkl", transform.estimate_transform("polynomial", src, dst, 2), "skimage PolynomialTransform (estimated)")
    img = data.camera()[::8, ::8]
    lab = measure.label(img > 128)
    P("ski_regionprops_table.pkl", measure.regionprops_table(lab, img, properties=("label", "area", "centroid", "bbox")), "skimage regionprops_table dict")
    P("ski_hog_lbp.pkl", {"hog": feature.hog(img, pixels_per_cell=(8, 8)), "lbp": feature.local_binary_pattern(img, 8, 1), "eq": exposure.equalize_hist(img)}, "skimage feature arrays")
    P("ski_slic.pkl", segmentation.slic(data.astronaut()[::16, ::16], n_segments=10, start_label=1), "skimage SLIC labels")
    orb = feature.ORB(n_keypoints=20); orb.detect_and_extract(data.camera()[::4, ::4].astype(float) / 255)
    P("ski_orb.pkl", orb, "skimage feature.ORB fitted object")


def nltk_():
    import nltk
    from nltk.tree import Tree
    from nltk.probability import FreqDist, ConditionalFreqDist, LaplaceProbDist
    words = "the cat sat on the mat and the dog sat on the log".split()
    P("nltk_tree.pkl", Tree.fromstring("(S (NP (DT the) (NN cat)) (VP (VBD sat)))"), "nltk.Tree")
    P("nltk_freqdist.pkl", FreqDist(words), "nltk FreqDist")
    P("nltk_cfd_laplace.pkl", (ConditionalFreqDist(nltk.bigrams(words)), LaplaceProbDist(FreqDist(words))), "nltk ConditionalFreqDist + LaplaceProbDist", proto=2)
    from nltk.tokenize.punkt import PunktTrainer, PunktSentenceTokenizer
    tr = PunktTrainer(); tr.train("Mr. Smith went to Washington. He arrived at 5 p.m. on Jan. 3. It rained. " * 20)
    P("nltk_punkt_tokenizer.pkl", PunktSentenceTokenizer(tr.get_params()), "nltk PunktSentenceTokenizer trained (like punkt/english.pickle)")
    P("nltk_cfg_grammar.pkl", nltk.CFG.fromstring("S -> NP VP\nNP -> 'the' N\nN -> 'cat' | 'dog'\nVP -> 'sat'"), "nltk CFG")
    from nltk.lm import MLE
    from nltk.lm.preprocessing import padded_everygram_pipeline
    tr_, vocab = padded_everygram_pipeline(2, [words]); lm = MLE(2); lm.fit(tr_, vocab)
    P("nltk_lm_mle.pkl", lm, "nltk.lm MLE bigram model")
    from nltk.classify import NaiveBayesClassifier
    P("nltk_naivebayes.pkl", NaiveBayesClassifier.train([({"len": len(w)}, w[0] == "t") for w in words]), "nltk NaiveBayesClassifier")
    from nltk.tag import UnigramTagger
    P("nltk_unigram_tagger.pkl", UnigramTagger([[("the", "DT"), ("cat", "NN")]]), "nltk UnigramTagger")


def gensim_():
    from gensim.corpora import Dictionary
    from gensim.models import Word2Vec, TfidfModel, LdaModel, FastText
    sents = [["model", "file", "scan"], ["pickle", "file", "load"], ["safe", "model", "weights"]] * 5
    d = Dictionary(sents); d.save(os.path.join(OUT, "gs_dictionary.dict")); rec("gs_dictionary.dict", "gensim Dictionary", ".save (pickle)")
    w = Word2Vec(sents, vector_size=8, min_count=1, workers=1, epochs=2, seed=1)
    w.save(os.path.join(OUT, "gs_word2vec.model")); rec("gs_word2vec.model", "gensim Word2Vec", ".save (pickle, arrays inline)")
    w.wv.save(os.path.join(OUT, "gs_keyedvectors.kv")); rec("gs_keyedvectors.kv", "gensim KeyedVectors", ".save")
    w.wv.save_word2vec_format(os.path.join(OUT, "gs_vectors.txt")); rec("gs_vectors.txt", "gensim KeyedVectors", "word2vec text format")
    corpus = [d.doc2bow(s) for s in sents]
    TfidfModel(corpus).save(os.path.join(OUT, "gs_tfidf.model")); rec("gs_tfidf.model", "gensim TfidfModel", ".save")
    LdaModel(corpus, num_topics=2, id2word=d, passes=1, random_state=1).save(os.path.join(OUT, "gs_lda.model")); rec("gs_lda.model", "gensim LdaModel", ".save (+ .state/.expElogbeta.npy siblings)")
    FastText(sents, vector_size=4, min_count=1, workers=1, epochs=1, bucket=50).save(os.path.join(OUT, "gs_fasttext.model")); rec("gs_fasttext.model", "gensim FastText", ".save")
    for fn in os.listdir(OUT):
        if fn.startswith("gs_") and not any(r[0] == fn for r in rows):
            rec(fn, "gensim sibling file", "written by .save (large arrays split out)")


def astropy_():
    import numpy as np
    from astropy import units as u, constants as c
    from astropy.table import Table, QTable
    from astropy.time import Time
    from astropy.coordinates import SkyCoord, EarthLocation, Angle
    from astropy.modeling import models, fitting
    P("ap_quantity.pkl", [5 * u.km / u.s, np.arange(3) * u.Jy, (1 * u.erg).to(u.J), u.Unit("W m-2 Hz-1")], "astropy Quantity/Unit")
    P("ap_constants.pkl", [c.G, c.c, c.h], "astropy constants")
    t = QTable({"ra": [10.0, 20.0] * u.deg, "flux": [1.0, 2.0] * u.mJy, "name": ["a", "b"]}); t.meta["survey"] = "x"
    P("ap_qtable.pkl", t, "astropy QTable with units and meta")
    P("ap_time.pkl", Time(["2026-01-01T00:00:00", "2026-06-01T12:00:00"], scale="utc"), "astropy Time")
    P("ap_skycoord.pkl", SkyCoord(ra=[10, 20] * u.deg, dec=[-5, 5] * u.deg, frame="icrs", distance=[1, 2] * u.kpc), "astropy SkyCoord")
    P("ap_earthloc_angle.pkl", (EarthLocation.from_geodetic(-17.9 * u.deg, 28.7 * u.deg, 2300 * u.m), Angle("10h20m30s")), "astropy EarthLocation + Angle")
    x = np.linspace(-3, 3, 50); yv = 3 * np.exp(-x ** 2 / 2)
    fit = fitting.LevMarLSQFitter()(models.Gaussian1D(1, 0, 1), x, yv)
    P("ap_fitted_gaussian.pkl", fit, "astropy.modeling fitted Gaussian1D")
    P("ap_compound_model.pkl", models.Polynomial1D(2, c0=1) + models.Sine1D(amplitude=2, frequency=.5) | models.Scale(3), "astropy compound model")
    Table({"a": [1, 2], "b": ["x", "y"]}).write(os.path.join(OUT, "ap_table.ecsv"), format="ascii.ecsv"); rec("ap_table.ecsv", "astropy Table", "ECSV")
    from astropy.io import fits
    fits.HDUList([fits.PrimaryHDU(np.zeros((4, 4), dtype="float32")), fits.BinTableHDU(Table({"a": [1, 2]}))]).writeto(os.path.join(OUT, "ap_image.fits")); rec("ap_image.fits", "astropy.io.fits", "FITS image + table")


def scipy_():
    import numpy as np, scipy.sparse as sp
    from scipy.spatial.transform import Rotation, Slerp
    from scipy import optimize, signal
    m = sp.random(6, 6, density=.3, random_state=0, format="csr")
    P("sp_all_formats.pkl", {f: m.asformat(f) for f in ["csr", "csc", "coo", "bsr", "dia", "dok", "lil"]}, "scipy.sparse matrices in 7 formats")
    P("sp_sparse_arrays.pkl", [sp.csr_array(m), sp.coo_array(m), sp.dok_array(m)], "scipy.sparse *_array classes")
    sp.save_npz(os.path.join(OUT, "sp_csc.npz"), m.tocsc()); rec("sp_csc.npz", "scipy.sparse.save_npz", "csc")
    P("sp_rotation_slerp.pkl", (Rotation.from_euler("xyz", [[10, 20, 30], [0, 0, 90]], degrees=True), Slerp([0, 1], Rotation.from_euler("z", [0, 90], degrees=True))), "scipy Rotation + Slerp")
    P("sp_optimize_result.pkl", optimize.minimize(lambda v: (v ** 2).sum(), [1.0, 2.0], method="L-BFGS-B"), "scipy OptimizeResult (L-BFGS-B, LbfgsInvHessProduct inside)")
    P("sp_signal_filters.pkl", {"sos": signal.butter(4, .2, output="sos"), "zpk": signal.cheby1(3, 1, .3, output="zpk"), "lti": signal.lti([1], [1, 2, 1]), "dlti": signal.dlti([1], [1, -.5], dt=.1)}, "scipy.signal filters and lti systems")
    P("sp_bsplines.pkl", __import__("scipy.interpolate", fromlist=["x"]).make_interp_spline(np.arange(6.), np.arange(6.) ** 2, k=3), "scipy BSpline from make_interp_spline")


def h5_onnx():
    import numpy as np, h5py
    with h5py.File(os.path.join(OUT, "h5_compound_vlen.h5"), "w") as f:
        f.create_dataset("tab", data=np.zeros(3, dtype=[("id", "i4"), ("x", "f8")]), compression="gzip")
        f.create_dataset("names", data=np.array(["alpha", "beta"], dtype=h5py.string_dtype()))
        f.create_dataset("lzf", data=np.arange(100), compression="lzf", chunks=(10,))
        f.attrs["created"] = "2026-01-01"; f.attrs["shape"] = np.array([3, 4]); f["tab"].attrs["units"] = b"m/s"
        g = f.create_group("grp"); g["link"] = h5py.SoftLink("/tab"); f["ref"] = f["tab"].ref
    rec("h5_compound_vlen.h5", "h5py", "compound, vlen str, gzip/lzf, attrs, soft link, object ref")
    with h5py.File(os.path.join(OUT, "h5_weights_like.h5"), "w") as f:
        for i in range(3):
            f.create_dataset(f"layer{i}/kernel:0", data=np.random.RandomState(i).rand(4, 4).astype("float32"))
        f.attrs["layer_names"] = [b"layer0", b"layer1", b"layer2"]
    rec("h5_weights_like.h5", "h5py", "weights-style groups and byte-string list attribute")
    import onnx
    from onnx import helper as H, TensorProto as TP, numpy_helper as NH
    W = NH.from_array(np.random.RandomState(0).rand(4, 3).astype("float32"), "W"); B = NH.from_array(np.zeros(3, "float32"), "B")
    g = H.make_graph([H.make_node("MatMul", ["x", "W"], ["h"]), H.make_node("Add", ["h", "B"], ["a"]), H.make_node("Relu", ["a"], ["y"])], "mlp",
                     [H.make_tensor_value_info("x", TP.FLOAT, ["N", 4])], [H.make_tensor_value_info("y", TP.FLOAT, ["N", 3])], [W, B])
    mdl = H.make_model(g, opset_imports=[H.make_opsetid("", 13)], producer_name="blind3"); onnx.checker.check_model(mdl)
    onnx.save(mdl, os.path.join(OUT, "onnx_mlp.onnx")); rec("onnx_mlp.onnx", "onnx helper MLP", "onnx.save")
    m2 = copy.deepcopy(mdl)
    onnx.save_model(m2, os.path.join(OUT, "onnx_mlp_external.onnx"), save_as_external_data=True, all_tensors_to_one_file=True, location="onnx_mlp_external.onnx.data", size_threshold=0)
    rec("onnx_mlp_external.onnx", "onnx external data", "save_as_external_data, relative location"); rec("onnx_mlp_external.onnx.data", "onnx external data blob", "raw tensor bytes")
    fn = H.make_function("custom.blind", "Swish", ["X"], ["Y"], [H.make_node("Sigmoid", ["X"], ["S"]), H.make_node("Mul", ["X", "S"], ["Y"])], [H.make_opsetid("", 13)])
    g3 = H.make_graph([H.make_node("Swish", ["x"], ["y"], domain="custom.blind")], "fn", [H.make_tensor_value_info("x", TP.FLOAT, [2])], [H.make_tensor_value_info("y", TP.FLOAT, [2])])
    m3 = H.make_model(g3, functions=[fn], opset_imports=[H.make_opsetid("", 13), H.make_opsetid("custom.blind", 1)])
    onnx.save(m3, os.path.join(OUT, "onnx_local_function.onnx")); rec("onnx_local_function.onnx", "onnx model-local function", "custom domain resolved by a FunctionProto")
    g4 = H.make_graph([H.make_node("If", ["c"], ["y"], then_branch=H.make_graph([H.make_node("Constant", [], ["t"], value=NH.from_array(np.ones(1, "float32")))], "then", [], [H.make_tensor_value_info("t", TP.FLOAT, [1])]),
                                   else_branch=H.make_graph([H.make_node("Constant", [], ["e"], value=NH.from_array(np.zeros(1, "float32")))], "else", [], [H.make_tensor_value_info("e", TP.FLOAT, [1])]))],
                      "ctrl", [H.make_tensor_value_info("c", TP.BOOL, [])], [H.make_tensor_value_info("y", TP.FLOAT, [1])])
    m4 = H.make_model(g4, opset_imports=[H.make_opsetid("", 13)]); m4.metadata_props.append(onnx.StringStringEntryProto(key="author", value="blind3"))
    onnx.save(m4, os.path.join(OUT, "onnx_if_subgraph.onnx")); rec("onnx_if_subgraph.onnx", "onnx If with subgraphs + metadata_props", "onnx.save")
    import xgboost as xgb
    bst = xgb.train({"max_depth": 2, "objective": "binary:logistic"}, xgb.DMatrix(np.random.RandomState(0).rand(30, 3), label=np.arange(30) % 2), 3)
    bst.save_model(os.path.join(OUT, "xgb_model.json")); rec("xgb_model.json", "xgboost Booster", "save_model JSON")
    bst.save_model(os.path.join(OUT, "xgb_model.ubj")); rec("xgb_model.ubj", "xgboost Booster", "save_model UBJSON")
    P("xgb_ranker.pkl", xgb.XGBRanker(n_estimators=2, max_depth=2).fit(np.random.RandomState(0).rand(20, 3), np.arange(20) % 3, group=[10, 10]), "xgboost XGBRanker pickle")


def sympy_statsmodels():
    import sympy as S, numpy as np
    x, y = S.symbols("x y", positive=True)
    P("sym_expr_matrix.pkl", [S.sin(x) ** 2 + S.Rational(1, 3) * y, S.Matrix([[x, 1], [0, y]]), S.Piecewise((x, x > 1), (0, True)), S.Integral(S.exp(-x), (x, 0, S.oo))], "sympy expressions/Matrix/Piecewise/Integral")
    import statsmodels.api as sm
    from statsmodels.tsa.holtwinters import ExponentialSmoothing
    from statsmodels.nonparametric.kde import KDEUnivariate
    e = ExponentialSmoothing(np.arange(24.) + np.tile([1., -1.], 12), trend="add", seasonal="add", seasonal_periods=2).fit()
    P("sm_holtwinters_results.pkl", e, "statsmodels HoltWintersResults")
    P("sm_lowess.pkl", sm.nonparametric.lowess(np.arange(20.) ** .5, np.arange(20.)), "statsmodels lowess array")


def gguf_templates():
    """Benign GGUF/tokenizer files with the published chat templates of real model families."""
    T = {
        "llama3": "{% set loop_messages = messages %}{% for message in loop_messages %}{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n'+ message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 %}{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %}",
        "chatml_qwen": "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}{{ '<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n' }}{% endif %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}",
        "mistral": "{{ bos_token }}{% for message in messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}{% if message['role'] == 'user' %}{{ '[INST] ' + message['content'] + ' [/INST]' }}{% elif message['role'] == 'assistant' %}{{ message['content'] + eos_token}}{% else %}{{ raise_exception('Only user and assistant roles are supported!') }}{% endif %}{% endfor %}",
        "gemma": "{{ bos_token }}{% if messages[0]['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}{% for message in messages %}{% if (message['role'] == 'assistant') %}{% set role = 'model' %}{% else %}{% set role = message['role'] %}{% endif %}{{ '<start_of_turn>' + role + '\n' + message['content'] | trim + '<end_of_turn>\n' }}{% endfor %}{% if add_generation_prompt %}{{'<start_of_turn>model\n'}}{% endif %}",
        "tools_json": "{%- if tools %}{{- '<|im_start|>system\n# Tools\n<tools>' }}{%- for tool in tools %}{{- '\n' }}{{- tool | tojson }}{%- endfor %}{{- '\n</tools><|im_end|>\n' }}{%- endif %}{%- for message in messages %}{{- '<|im_start|>' + message.role + '\n' + message.content + '<|im_end|>\n' }}{%- endfor %}{%- if add_generation_prompt %}{{- '<|im_start|>assistant\n' }}{%- endif %}",
    }
    for name, tpl in T.items():
        kv = [("general.architecture", 8, "llama"), ("general.name", 8, name), ("tokenizer.chat_template", 8, tpl)]
        b = b"GGUF" + struct.pack("<IQQ", 3, 1, len(kv) + 1)
        for k, typ, v in kv:
            kb, vb = k.encode(), v.encode()
            b += struct.pack("<Q", len(kb)) + kb + struct.pack("<I", typ) + struct.pack("<Q", len(vb)) + vb
        kb = b"general.alignment"; b += struct.pack("<Q", len(kb)) + kb + struct.pack("<II", 4, 32)
        tn = b"token_embd.weight"; b += struct.pack("<Q", len(tn)) + tn + struct.pack("<I", 2) + struct.pack("<QQ", 4, 2) + struct.pack("<I", 0) + struct.pack("<Q", 0)
        b += b"\0" * (-len(b) % 32) + struct.pack("<8f", *range(8))
        with open(os.path.join(OUT, f"gguf_{name}.gguf"), "wb") as f:
            f.write(b)
        rec(f"gguf_{name}.gguf", "GGUF v3 (hand-written bytes)", f"published {name} chat template, one F32 tensor")
    with open(os.path.join(OUT, "tokenizer_config.json"), "w") as f:
        json.dump({"tokenizer_class": "PreTrainedTokenizerFast", "bos_token": "<|begin_of_text|>", "chat_template": T["llama3"]}, f)
    rec("tokenizer_config.json", "HF tokenizer_config.json", "Llama 3 chat template")


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    for fn in [stdlib, numpy_, pandas_, sklearn_, joblib_, torch_, networkx_, skimage_, nltk_, gensim_, astropy_, scipy_, h5_onnx, sympy_statsmodels, gguf_templates]:
        section(fn)
    on_disk = set(os.listdir(OUT))
    with open(os.path.join(OUT, "MANIFEST.tsv"), "w") as f:
        f.write("file\tlibrary/class\thow made\texpected\n")
        for r in rows:
            if r[0] in on_disk:
                f.write("\t".join(r) + "\n")
    missing = on_disk - {r[0] for r in rows} - {"MANIFEST.tsv"}
    print(len([r for r in rows if r[0] in on_disk]), "benign files;", "unlisted:", sorted(missing))
    for n, e in fails:
        print("FAILED", n, e)


if __name__ == "__main__":
    main()
