#!/usr/bin/python3
"""Writes bench/scan/blind5/benign/: everyday files made by the libraries' own save functions, in
less common but real ways (see README.md). Run with Debian's /usr/bin/python3.
Every object is made with the library's public API; nothing is edited by hand except the
stdlib-built GGUF headers and the JSON configs (which are real-world shapes)."""
import datetime
import decimal
import fractions
import io
import json
import os
import pickle
import struct
import sys
import warnings

import numpy as np

warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "benign")
ROWS = []
SKIPPED = []
RNG = np.random.RandomState(5)


def row(name, lib, how):
    ROWS.append((name, lib, how, "clean"))


def path(name):
    p = os.path.join(OUT, name)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    return p


def pkl(name, obj, lib, how="pickle.dump protocol 4", protocol=4):
    try:
        with open(path(name), "wb") as f:
            pickle.dump(obj, f, protocol=protocol)
        row(name, lib, how)
    except Exception as e:  # noqa: BLE001
        SKIPPED.append((name, repr(e)[:120]))
        if os.path.exists(path(name)):
            os.remove(path(name))


def job(name, obj, lib, how=None, **kw):
    import joblib
    try:
        joblib.dump(obj, path(name), **kw)
        row(name, lib, how or f"joblib.dump {kw}")
    except Exception as e:  # noqa: BLE001
        SKIPPED.append((name, repr(e)[:120]))


def attempt(name, fn, lib, how):
    try:
        fn(path(name))
        row(name, lib, how)
    except Exception as e:  # noqa: BLE001
        SKIPPED.append((name, repr(e)[:120]))
        if os.path.exists(path(name)):
            os.remove(path(name))


def X_y(n=60, f=4, classes=2):
    X = RNG.rand(n, f)
    y = (X[:, 0] * classes).astype(int) % classes
    return X, y


# ------------------------------------------------------------------ joblib
def gen_joblib():
    import joblib  # noqa: F401
    from sklearn.linear_model import LogisticRegression
    X, y = X_y()
    lr = LogisticRegression().fit(X, y)
    for c in ("zlib", "gzip", "bz2", "lzma", "xz"):
        for lvl in (0, 3, 9) if c in ("zlib", "gzip") else (1, 6):
            job(f"joblib/lr_{c}_{lvl}.joblib", lr, "joblib + sklearn LogisticRegression", f"joblib.dump compress=('{c}', {lvl})",
                compress=(c, lvl))
    for lvl in (1, 5):
        job(f"joblib/lr_int_{lvl}.joblib", lr, "joblib", f"joblib.dump compress={lvl} (zlib by integer level)", compress=lvl)
    arrs = {"f32": RNG.rand(64, 8).astype(np.float32), "i8": np.arange(200, dtype=np.int8),
            "c64": (RNG.rand(16) + 1j).astype(np.complex64), "dt": np.arange("2026-01", "2026-07", dtype="datetime64[D]"),
            "rec": np.zeros(5, dtype=[("a", "<i4"), ("b", "<f8", (2,))]), "fortran": np.asfortranarray(RNG.rand(8, 6))}
    job("joblib/arrays_mmapable.joblib", arrs, "joblib numpy arrays", "joblib.dump uncompressed (mmap_mode-able)")
    job("joblib/arrays_mmapable_p2.joblib", arrs, "joblib numpy arrays", "joblib.dump protocol=2 uncompressed", protocol=2)
    job("joblib/arrays_mmapable_p5.joblib", arrs, "joblib numpy arrays", "joblib.dump protocol=5 uncompressed", protocol=5)
    job("joblib/big_array_cache.joblib", {"emb": RNG.rand(256, 32).astype(np.float16), "ids": np.arange(256)},
        "joblib", "embedding cache (float16 + int64)")
    job("joblib/list_of_arrays.pkl", [RNG.rand(3, 3) for _ in range(4)], "joblib", "list of arrays named .pkl")


# ------------------------------------------------------------------ torch legacy
def gen_torch():
    import torch
    import torch.nn as nn
    torch.manual_seed(5)

    def tsave(name, obj, how, **kw):
        attempt(name, lambda p: torch.save(obj, p, **kw), "torch", how)

    legacy = dict(_use_new_zipfile_serialization=False)
    mods = {
        "resnet_block": nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.Conv2d(8, 8, 3, padding=1),
                                      nn.BatchNorm2d(8), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, 10)),
        "gru_tagger": nn.ModuleDict({"emb": nn.Embedding(50, 8), "rnn": nn.GRU(8, 8, num_layers=2, batch_first=True),
                                     "out": nn.Linear(8, 5)}),
        "encoder_layer": nn.TransformerEncoderLayer(16, 2, 32, batch_first=True),
        "mlp_dropout": nn.Sequential(nn.Linear(6, 12), nn.Tanh(), nn.Dropout(0.2), nn.Linear(12, 1)),
        "unet_down": nn.Sequential(nn.Conv2d(1, 4, 3), nn.GroupNorm(2, 4), nn.SiLU(), nn.MaxPool2d(2)),
    }
    for k, m in mods.items():
        tsave(f"torch/legacy_{k}_state.pth", m.state_dict(), f"torch.save state_dict, _use_new_zipfile_serialization=False", **legacy)
        tsave(f"torch/legacy_{k}_module.pt", m, f"torch.save whole torch.nn module, legacy format", **legacy)
    m = mods["mlp_dropout"]
    opt = torch.optim.AdamW(m.parameters(), lr=1e-3)
    m(torch.randn(4, 6)).sum().backward()
    opt.step()
    sched = torch.optim.lr_scheduler.MultiplicativeLR(opt, lambda e: 0.95)
    tsave("torch/legacy_checkpoint.tar", {"epoch": 3, "model": m.state_dict(), "optimizer": opt.state_dict(),
                                          "loss": 0.42, "torch_rng": torch.get_rng_state()},
          "legacy-format training checkpoint named .tar (the PyTorch tutorial name)", **legacy)
    sd = sched.state_dict()
    sd.pop("lr_lambdas", None)
    tsave("torch/multiplicative_lr_state.pt", sd, "MultiplicativeLR state_dict (lambdas dropped by torch)")
    sp = torch.optim.SparseAdam(list(nn.Embedding(10, 4, sparse=True).parameters()))
    tsave("torch/sparseadam_state.pt", sp.state_dict(), "SparseAdam state_dict")
    tsave("torch/legacy_tensors_p2.pt", {"f64": torch.randn(3, dtype=torch.float64), "i16": torch.arange(5, dtype=torch.int16),
                                         "bool": torch.tensor([True, False]), "c64": torch.randn(2, dtype=torch.complex64)},
          "legacy format, pickle_protocol=2", pickle_protocol=2, **legacy)
    tsave("torch/legacy_tensors_p4.pt", [torch.randn(2, 2), torch.zeros(0)], "legacy format, pickle_protocol=4",
          pickle_protocol=4, **legacy)
    tsave("torch/new_zip_p5.pt", {"w": torch.randn(4, 4)}, "zip format, pickle_protocol=5", pickle_protocol=5)
    q = torch.quantize_per_tensor(torch.randn(4), 0.1, 0, torch.quint8)
    tsave("torch/legacy_quantized.pt", {"q": q}, "legacy format quantized tensor", **legacy)
    tsave("torch/legacy_shared_views.pt", (lambda b: {"base": b, "view": b[2:5], "t": b.view(2, 4).t()})(torch.arange(8.0)),
          "legacy format, views sharing one storage", **legacy)
    tsave("torch/legacy_size_dtype_device.pt", {"size": torch.Size([3, 4]), "dtype": torch.bfloat16,
                                                "device": torch.device("cpu"), "layout": torch.strided},
          "legacy format torch metadata objects", **legacy)
    gm = None
    try:
        import torch.fx  # noqa: F401
    except Exception:  # noqa: BLE001
        pass
    del gm
    pf = nn.utils.parametrizations.orthogonal(nn.Linear(4, 4))
    tsave("torch/orthogonal_parametrized_state.pt", pf.state_dict(), "state_dict of a parametrize.orthogonal Linear")


# ------------------------------------------------------------------ numpy object .npy
def gen_numpy():
    import pandas as pd

    def npsave(name, arr, how):
        attempt(name, lambda p: np.save(p, arr, allow_pickle=True), "numpy np.save object dtype", how)

    df = pd.DataFrame({"name": ["a", "b", "c"], "score": [1.5, 2.0, np.nan],
                       "when": pd.to_datetime(["2026-01-01", "2026-02-01", "2026-03-01"])})
    npsave("npy/dataframe_values_mixed.npy", df.values, "DataFrame.values of str/float/Timestamp columns")
    npsave("npy/dataframe_to_numpy_object.npy", df.to_numpy(dtype=object), "DataFrame.to_numpy(dtype=object)")
    npsave("npy/ragged_arrays.npy", np.array([np.arange(3), np.arange(5), np.arange(1)], dtype=object), "ragged arrays")
    npsave("npy/list_of_dicts.npy", np.array([{"id": 1, "tags": ["x"]}, {"id": 2, "tags": []}], dtype=object),
           "array of dicts (dataset metadata)")
    npsave("npy/dict_0d.npy", np.array({"classes": ["cat", "dog"], "mean": [0.5, 0.5]}, dtype=object),
           "0-d object array of a dict (np.save(dict))")
    npsave("npy/decimals_fractions.npy", np.array([decimal.Decimal("1.10"), fractions.Fraction(1, 3)], dtype=object),
           "Decimal and Fraction")
    npsave("npy/datetimes.npy", np.array([datetime.datetime(2026, 1, 1, 12), datetime.date(2026, 2, 2),
                                          datetime.timedelta(hours=3)], dtype=object), "stdlib datetimes")
    npsave("npy/strings_none.npy", np.array(["x", None, "long string " * 3], dtype=object), "str/None")
    npsave("npy/series_values_categorical.npy", np.asarray(pd.Series(["lo", "hi", "lo"], dtype="category").astype(object)),
           "categorical as object")
    npsave("npy/tuples.npy", np.array([(1, "a"), (2, "b")], dtype=object), "2-d object array of tuples")
    attempt("npy/savez_object_labels.npz", lambda p: np.savez(p, X=RNG.rand(4, 2), labels=np.array(["a", "bb", None], dtype=object)),
            "numpy savez", "npz with an object-dtype labels member")
    attempt("npy/savez_compressed_object.npz",
            lambda p: np.savez_compressed(p, meta=np.array([{"v": 1}], dtype=object), w=np.ones(3)),
            "numpy savez_compressed", "compressed npz with an object member")


# ------------------------------------------------------------------ sklearn with random states
def gen_sklearn():
    from sklearn import (cluster, decomposition, ensemble, linear_model, metrics, model_selection, neighbors,
                         neural_network, preprocessing, tree, inspection)
    X, y = X_y(80)
    rs = lambda: np.random.RandomState(7)  # noqa: E731
    ests = {
        "rf_randomstate": ensemble.RandomForestClassifier(n_estimators=5, random_state=rs()).fit(X, y),
        "extratrees_randomstate": ensemble.ExtraTreesRegressor(n_estimators=4, random_state=rs()).fit(X, X[:, 1]),
        "kmeans_randomstate": cluster.KMeans(3, n_init=2, random_state=rs()).fit(X),
        "sgd_randomstate": linear_model.SGDClassifier(random_state=rs()).fit(X, y),
        "mlp_randomstate_early": neural_network.MLPClassifier((8,), max_iter=50, early_stopping=True, random_state=rs()).fit(X, y),
        "tree_randomstate_ccp": tree.DecisionTreeClassifier(ccp_alpha=0.01, random_state=rs()).fit(X, y),
        "pca_randomized": decomposition.PCA(2, svd_solver="randomized", random_state=rs()).fit(X),
        "minibatch_nmf": decomposition.MiniBatchNMF(2, random_state=0, max_iter=20).fit(X),
        "kfold_shuffle_rs": model_selection.KFold(3, shuffle=True, random_state=rs()),
        "shufflesplit_rs": model_selection.StratifiedShuffleSplit(2, random_state=rs()),
        "robust_scaler": preprocessing.RobustScaler(quantile_range=(10, 90)).fit(X),
        "maxabs_scaler": preprocessing.MaxAbsScaler().fit(X),
        "normalizer_l1": preprocessing.Normalizer("l1").fit(X),
        "standard_partial_fit": preprocessing.StandardScaler(with_mean=False).partial_fit(X[:40]).partial_fit(X[40:]),
        "knn_precomputed": neighbors.KNeighborsClassifier(metric="precomputed").fit(metrics.pairwise_distances(X), y),
    }
    for k, e in ests.items():
        pkl(f"sklearn/{k}.pkl", e, "sklearn " + type(e).__name__, "pickle protocol 4, random_state=RandomState object")
    job("sklearn/rf_randomstate.joblib", ests["rf_randomstate"], "sklearn RandomForest", "joblib.dump compress=3", compress=3)
    try:
        from sklearn.experimental import enable_halving_search_cv  # noqa: F401
        from sklearn.model_selection import HalvingGridSearchCV, HalvingRandomSearchCV
        hg = HalvingGridSearchCV(tree.DecisionTreeClassifier(random_state=0), {"max_depth": [1, 2, 3]}, cv=2,
                                 random_state=rs()).fit(X, y)
        pkl("sklearn/halving_grid.pkl", hg, "sklearn HalvingGridSearchCV", "fitted, cv_results_")
        hr = HalvingRandomSearchCV(tree.DecisionTreeClassifier(random_state=0), {"max_depth": [1, 2, 3, 4]}, cv=2,
                                   random_state=0, n_candidates=4).fit(X, y)
        job("sklearn/halving_random.joblib", hr, "sklearn HalvingRandomSearchCV", "joblib.dump")
    except Exception as e:  # noqa: BLE001
        SKIPPED.append(("halving", repr(e)[:100]))
    cvr = model_selection.cross_validate(linear_model.LogisticRegression(), X, y, cv=3, return_estimator=True,
                                         scoring=["accuracy", "f1"])
    pkl("sklearn/cross_validate_estimators.pkl", cvr, "sklearn cross_validate", "results dict with return_estimator=True")
    pkl("sklearn/classification_report_dict.pkl", metrics.classification_report(y, y[::-1], output_dict=True),
        "sklearn metrics", "classification_report(output_dict=True)")
    pkl("sklearn/confusion_matrix_display.pkl", metrics.ConfusionMatrixDisplay(metrics.confusion_matrix(y, y[::-1])),
        "sklearn ConfusionMatrixDisplay", "display object, never plotted")
    lc = model_selection.learning_curve(linear_model.Ridge(), X, X[:, 0], cv=3, train_sizes=[0.5, 1.0])
    pkl("sklearn/learning_curve.pkl", lc, "sklearn learning_curve", "tuple of arrays")
    gb = ensemble.GradientBoostingRegressor(n_estimators=5, random_state=0).fit(X, X[:, 0])
    pkl("sklearn/partial_dependence.pkl", inspection.partial_dependence(gb, X, [0]), "sklearn partial_dependence", "Bunch")
    pkl("sklearn/checkpoint_with_generator.pkl", {"model": ests["sgd_randomstate"], "rng": np.random.default_rng(11),
                                                  "legacy": np.random.RandomState(3), "bitgen": np.random.Philox(4)},
        "sklearn + numpy Generator/RandomState/Philox", "dict with model and random states")
    pkl("sklearn/rf_randomstate_p2.pkl", ests["rf_randomstate"], "sklearn RandomForest", "pickle protocol 2", protocol=2)
    pkl("sklearn/kmeans_p5.pkl", ests["kmeans_randomstate"], "sklearn KMeans", "pickle protocol 5", protocol=5)


# ------------------------------------------------------------------ scipy
def gen_scipy():
    import scipy
    from scipy import sparse, stats, spatial, interpolate
    from scipy.sparse import linalg as splinalg
    base = sparse.random(6, 5, density=0.4, random_state=1, format="csr")
    for fmt in ("csr", "csc", "coo", "bsr", "dia", "lil", "dok"):
        m = base.asformat(fmt)
        pkl(f"scipy/sparse_{fmt}_p0.pkl", m, f"scipy.sparse {fmt}_matrix", "pickle protocol 0", protocol=0)
        pkl(f"scipy/sparse_{fmt}_p5.pkl", m, f"scipy.sparse {fmt}_matrix", "pickle protocol 5", protocol=5)
        if fmt in ("csr", "csc", "coo", "bsr", "dia"):
            attempt(f"scipy/sparse_{fmt}_uncompressed.npz", lambda p, m=m: sparse.save_npz(p, m, compressed=False),
                    "scipy.sparse save_npz", f"{fmt}, compressed=False")
    pkl("scipy/sparse_complex_int64.pkl", sparse.csr_matrix((np.array([1 + 2j, 3j]), (np.array([0, 1], dtype=np.int64),
                                                             np.array([1, 0], dtype=np.int64))), shape=(2, 2)),
        "scipy.sparse", "complex data")
    pkl("scipy/sparse_bool_csc.pkl", (base > 0.5).tocsc(), "scipy.sparse", "bool csc")
    pkl("scipy/sparse_coo_array.pkl", sparse.coo_array(base), "scipy.sparse coo_array", "pickle")
    pkl("scipy/linear_operator.pkl", splinalg.aslinearoperator(np.eye(3)), "scipy MatrixLinearOperator", "aslinearoperator")
    for name, d in {"skewnorm": stats.skewnorm(2.0), "vonmises": stats.vonmises(1.5), "genextreme": stats.genextreme(0.1),
                    "truncnorm": stats.truncnorm(-1, 2), "loguniform": stats.loguniform(1e-3, 1.0),
                    "multivariate_t": stats.multivariate_t([0, 0], [[1, 0], [0, 1]], df=3),
                    "special_ortho_group": stats.special_ortho_group(3), "weibull_min": stats.weibull_min(1.5, scale=2),
                    "nbinom": stats.nbinom(5, 0.5), "zipf": stats.zipf(2.0)}.items():
        pkl(f"scipy/frozen_{name}.pkl", d, f"scipy.stats frozen {name}", "pickle")
    try:
        pkl("scipy/qmc_halton.pkl", stats.qmc.Halton(2, seed=1), "scipy qmc Halton", "pickle")
    except Exception as e:  # noqa: BLE001
        SKIPPED.append(("halton", repr(e)))
    pts = RNG.rand(12, 3)
    pts /= np.linalg.norm(pts, axis=1)[:, None]
    pkl("scipy/spherical_voronoi.pkl", spatial.SphericalVoronoi(pts), "scipy SphericalVoronoi", "pickle")
    pkl("scipy/halfspace_intersection.pkl",
        spatial.HalfspaceIntersection(np.array([[-1, 0, 0], [0, -1, 0], [1, 1, -1]], float), np.array([0.2, 0.2])),
        "scipy HalfspaceIntersection", "pickle")
    rot = spatial.transform.Rotation.from_euler("z", [0, 45, 90], degrees=True)
    pkl("scipy/rotation_spline.pkl", spatial.transform.RotationSpline([0, 1, 2], rot), "scipy RotationSpline", "pickle")
    pkl("scipy/make_interp_spline.pkl", interpolate.make_interp_spline(np.arange(6.0), np.arange(6.0) ** 2),
        "scipy BSpline from make_interp_spline", "pickle")
    pkl("scipy/smooth_bivariate.pkl", interpolate.SmoothBivariateSpline(RNG.rand(30), RNG.rand(30), RNG.rand(30), kx=2, ky=2),
        "scipy SmoothBivariateSpline", "pickle")
    pkl("scipy/chi2_contingency.pkl", stats.chi2_contingency([[10, 20], [30, 25]]), "scipy chi2_contingency", "result")
    pkl("scipy/mannwhitney.pkl", stats.mannwhitneyu(RNG.rand(10), RNG.rand(10)), "scipy mannwhitneyu", "result")
    del scipy


# ------------------------------------------------------------------ pandas: every index type
def gen_pandas():
    import pandas as pd
    idx = {
        "object": pd.Index(["a", "b", "c"]),
        "range_neg_step": pd.RangeIndex(10, 0, -3)[:3],
        "int64": pd.Index([3, 1, 2], dtype="int64"),
        "uint64": pd.Index([2 ** 63, 1, 2], dtype="uint64"),
        "float64": pd.Index([0.5, 1.5, np.nan]),
        "bool_object": pd.Index([True, False, True], dtype=object),
        "datetime_naive": pd.date_range("2026-01-01", periods=3, freq="H"),
        "datetime_tz_ny": pd.date_range("2026-03-08", periods=3, freq="H", tz="America/New_York"),
        "timedelta": pd.timedelta_range("1 day", periods=3, freq="6H"),
        "period_weekly": pd.period_range("2026-01", periods=3, freq="W-SUN"),
        "interval_right": pd.interval_range(0, 3, closed="right"),
        "interval_both_float": pd.IntervalIndex.from_breaks([0.0, 0.5, 2.0, 3.5], closed="both"),
        "categorical_ordered": pd.CategoricalIndex(["lo", "hi", "lo"], categories=["lo", "hi"], ordered=True),
        "multi_3level": pd.MultiIndex.from_arrays([["x", "x", "y"], [1, 2, 1], pd.to_datetime(["2026-01-01"] * 3)]),
        "nullable_int": pd.Index(pd.array([1, None, 3], dtype="Int64")),
        "string_dtype": pd.Index(pd.array(["u", "v", None], dtype="string")),
        "empty_datetime": pd.DatetimeIndex([]),
        "named_tuple_names": pd.MultiIndex.from_tuples([("a", 1), ("b", 2), ("c", 3)], names=["letter", "num"]),
    }
    for k, ix in idx.items():
        n = len(ix)
        s = pd.Series(np.arange(n, dtype=float), index=ix, name=k)
        df = pd.DataFrame({"v": np.arange(n), "w": list("pqr")[:n] if n <= 3 else None}, index=ix)
        attempt(f"pandas/series_{k}.pkl", lambda p, s=s: s.to_pickle(p), "pandas Series", f"to_pickle, {k} index")
        pkl(f"pandas/frame_{k}_p5.pkl", df, "pandas DataFrame", f"pickle protocol 5, {k} index", protocol=5)
        pkl(f"pandas/index_{k}_p2.pkl", ix, "pandas Index", f"pickle protocol 2, bare {type(ix).__name__}", protocol=2)
    df = pd.DataFrame({"a": range(4)}, index=idx["datetime_tz_ny"].append(pd.DatetimeIndex(["2026-03-09"], tz="America/New_York")))
    attempt("pandas/frame_dst_tz.pkl.gz", lambda p: df.to_pickle(p, compression={"method": "gzip", "compresslevel": 1}),
            "pandas DataFrame", "to_pickle gzip compresslevel=1 across a DST change")
    wide = pd.DataFrame(RNG.rand(3, 4), columns=pd.MultiIndex.from_product([["m1", "m2"], ["mean", "std"]]),
                        index=pd.period_range("2026Q1", periods=3, freq="Q"))
    attempt("pandas/multicol_period_index.pkl.xz", lambda p: wide.to_pickle(p, compression={"method": "xz", "preset": 1}),
            "pandas DataFrame", "to_pickle xz preset=1, MultiIndex columns, Period index")


# ------------------------------------------------------------------ statsmodels
def gen_statsmodels():
    import statsmodels.api as sm
    from statsmodels.tsa.ar_model import AutoReg
    from statsmodels.tsa.holtwinters import Holt
    X = sm.add_constant(RNG.rand(60, 2))
    yv = X @ [1.0, 2.0, -1.0] + RNG.randn(60) * 0.1
    yb = (yv + RNG.randn(60) > yv.mean()).astype(int)
    fits = {
        "quantreg": lambda: sm.QuantReg(yv, X).fit(q=0.3),
        "rlm_huber": lambda: sm.RLM(yv, X, M=sm.robust.norms.HuberT()).fit(),
        "probit": lambda: sm.Probit(yb, X).fit(disp=0),
        "mnlogit": lambda: sm.MNLogit((yv * 2).astype(int) % 3, X).fit(disp=0),
        "negbin": lambda: sm.NegativeBinomial(np.abs(yv * 3).astype(int), X).fit(disp=0),
        "gee_exchangeable": lambda: sm.GEE(yv, X, groups=np.repeat(np.arange(12), 5),
                                           cov_struct=sm.cov_struct.Exchangeable()).fit(),
        "autoreg": lambda: AutoReg(np.cumsum(RNG.randn(80)), lags=2).fit(),
        "holt": lambda: Holt(np.cumsum(RNG.rand(30)) + 10).fit(),
        "unobserved_components": lambda: sm.tsa.UnobservedComponents(np.cumsum(RNG.randn(40)), "local level").fit(disp=0),
        "glm_binomial_logit": lambda: sm.GLM(yb, X, family=sm.families.Binomial()).fit(),
        "wls_hc3": lambda: sm.WLS(yv, X, weights=np.linspace(1, 2, 60)).fit(cov_type="HC3"),
    }
    for k, f in fits.items():
        try:
            r = f()
            attempt(f"statsmodels/{k}.pickle", lambda p, r=r: r.save(p), "statsmodels " + type(r).__name__, "results.save")
        except Exception as e:  # noqa: BLE001
            SKIPPED.append((k, repr(e)[:100]))
    try:
        r = sm.OLS(yv, X).fit()
        attempt("statsmodels/ols_remove_data.pickle", lambda p: r.save(p, remove_data=True), "statsmodels OLS", "save(remove_data=True)")
    except Exception as e:  # noqa: BLE001
        SKIPPED.append(("ols", repr(e)))


# ------------------------------------------------------------------ xgboost
def gen_xgboost():
    import xgboost as xgb
    X, y = X_y(80, 4, 3)
    cfgs = {
        "multi_softprob": ({"objective": "multi:softprob", "num_class": 3}, y),
        "rank_pairwise": ({"objective": "rank:pairwise"}, y),
        "gblinear": ({"booster": "gblinear", "objective": "reg:squarederror"}, X[:, 0]),
        "dart": ({"booster": "dart", "rate_drop": 0.1, "objective": "binary:logistic"}, y % 2),
        "survival_cox": ({"objective": "survival:cox"}, X[:, 1] * (1 - 2 * (y % 2))),
        "poisson_hist": ({"objective": "count:poisson", "tree_method": "hist", "max_bin": 16}, np.round(X[:, 0] * 5)),
    }
    for k, (params, label) in cfgs.items():
        d = xgb.DMatrix(X, label=label)
        if k == "rank_pairwise":
            d.set_group([40, 40])
        b = xgb.train(dict(params, seed=0), d, num_boost_round=3)
        attempt(f"xgboost/{k}.json", lambda p, b=b: b.save_model(p), "xgboost Booster", f"save_model JSON ({k})")
        attempt(f"xgboost/{k}.ubj", lambda p, b=b: b.save_model(p), "xgboost Booster", f"save_model UBJ ({k})")
    b = xgb.train({"objective": "binary:logistic"}, xgb.DMatrix(X, label=y % 2), 2)
    attempt("xgboost/raw_json.bin", lambda p: open(p, "wb").write(bytes(b.save_raw("json"))), "xgboost", "save_raw('json')")
    attempt("xgboost/config.json", lambda p: open(p, "w").write(b.save_config()), "xgboost", "save_config()")
    import pandas as pd
    dfc = pd.DataFrame({"c": pd.Categorical(list("abcab") * 16), "x": RNG.rand(80)})
    bc = xgb.train({"tree_method": "hist"}, xgb.DMatrix(dfc, label=y, enable_categorical=True), 2)
    attempt("xgboost/categorical.json", lambda p: bc.save_model(p), "xgboost", "categorical split model JSON")


# ------------------------------------------------------------------ ONNX with subgraphs
def gen_onnx():
    import onnx
    from onnx import TensorProto, helper as h
    f32 = TensorProto.FLOAT

    def save(name, model, how):
        attempt(name, lambda p: onnx.save(model, p), "onnx " + onnx.__version__, how)

    # Loop summing
    body = h.make_graph([h.make_node("Add", ["acc_in", "one"], ["acc_out"]), h.make_node("Identity", ["cond_in"], ["cond_out"])],
                        "body", [h.make_tensor_value_info("i", TensorProto.INT64, []), h.make_tensor_value_info("cond_in", TensorProto.BOOL, []),
                                 h.make_tensor_value_info("acc_in", f32, [1])],
                        [h.make_tensor_value_info("cond_out", TensorProto.BOOL, []), h.make_tensor_value_info("acc_out", f32, [1])],
                        [h.make_tensor("one", f32, [1], [1.0])])
    g = h.make_graph([h.make_node("Loop", ["M", "", "x"], ["y"], body=body)], "loop",
                     [h.make_tensor_value_info("M", TensorProto.INT64, []), h.make_tensor_value_info("x", f32, [1])],
                     [h.make_tensor_value_info("y", f32, [1])])
    save("onnx/loop_counter.onnx", h.make_model(g, opset_imports=[h.make_opsetid("", 16)]), "Loop with a body subgraph, opset 16")
    # Scan cumulative sum
    sb = h.make_graph([h.make_node("Add", ["s_in", "x_t"], ["s_out"]), h.make_node("Identity", ["s_out"], ["y_t"])], "scan_body",
                      [h.make_tensor_value_info("s_in", f32, [2]), h.make_tensor_value_info("x_t", f32, [2])],
                      [h.make_tensor_value_info("s_out", f32, [2]), h.make_tensor_value_info("y_t", f32, [2])])
    g = h.make_graph([h.make_node("Scan", ["init", "xs"], ["final", "ys"], body=sb, num_scan_inputs=1)], "scan",
                     [h.make_tensor_value_info("init", f32, [2]), h.make_tensor_value_info("xs", f32, [5, 2])],
                     [h.make_tensor_value_info("final", f32, [2]), h.make_tensor_value_info("ys", f32, [5, 2])])
    save("onnx/scan_cumsum.onnx", h.make_model(g, opset_imports=[h.make_opsetid("", 16)]), "Scan cumulative sum, opset 16")
    # If inside Loop
    then_g = h.make_graph([h.make_node("Constant", [], ["t"], value=h.make_tensor("tv", f32, [1], [1.0]))], "then", [],
                          [h.make_tensor_value_info("t", f32, [1])])
    else_g = h.make_graph([h.make_node("Constant", [], ["e"], value=h.make_tensor("ev", f32, [1], [0.0]))], "else", [],
                          [h.make_tensor_value_info("e", f32, [1])])
    body2 = h.make_graph([h.make_node("If", ["cond_in"], ["v"], then_branch=then_g, else_branch=else_g),
                          h.make_node("Add", ["acc_in", "v"], ["acc_out"]), h.make_node("Identity", ["cond_in"], ["cond_out"])],
                         "body2", [h.make_tensor_value_info("i", TensorProto.INT64, []), h.make_tensor_value_info("cond_in", TensorProto.BOOL, []),
                                   h.make_tensor_value_info("acc_in", f32, [1])],
                         [h.make_tensor_value_info("cond_out", TensorProto.BOOL, []), h.make_tensor_value_info("acc_out", f32, [1])])
    g = h.make_graph([h.make_node("Loop", ["M", "c", "x"], ["y"], body=body2)], "nested",
                     [h.make_tensor_value_info("M", TensorProto.INT64, []), h.make_tensor_value_info("c", TensorProto.BOOL, []),
                      h.make_tensor_value_info("x", f32, [1])], [h.make_tensor_value_info("y", f32, [1])])
    save("onnx/if_in_loop.onnx", h.make_model(g, opset_imports=[h.make_opsetid("", 17)]), "If nested in a Loop body, opset 17")
    # model-local function with attribute reference
    fn = h.make_function("local.fn", "ScaledRelu", ["x"], ["y"],
                         [h.make_node("Relu", ["x"], ["r"]), h.make_node("Constant", [], ["s"], value_float=2.0), h.make_node("Mul", ["r", "s"], ["y"])],
                         [h.make_opsetid("", 17)])
    g = h.make_graph([h.make_node("ScaledRelu", ["x"], ["y"], domain="local.fn")], "fn",
                     [h.make_tensor_value_info("x", f32, [3])], [h.make_tensor_value_info("y", f32, [3])])
    save("onnx/local_function.onnx", h.make_model(g, functions=[fn], opset_imports=[h.make_opsetid("", 17), h.make_opsetid("local.fn", 1)]),
         "model-local FunctionProto in domain local.fn")
    # SequenceMap (opset 17)
    smb = h.make_graph([h.make_node("Shape", ["in"], ["out"])], "smb", [h.make_tensor_value_info("in", f32, None)],
                       [h.make_tensor_value_info("out", TensorProto.INT64, None)])
    g = h.make_graph([h.make_node("SequenceConstruct", ["a", "b"], ["seq"]), h.make_node("SequenceMap", ["seq"], ["shapes"], body=smb)],
                     "seqmap", [h.make_tensor_value_info("a", f32, [2]), h.make_tensor_value_info("b", f32, [3])],
                     [h.make_tensor_sequence_value_info("shapes", TensorProto.INT64, None)])
    save("onnx/sequence_map.onnx", h.make_model(g, opset_imports=[h.make_opsetid("", 17)]), "SequenceMap subgraph, opset 17")
    # STFT, GridSample, attributes of many kinds
    g = h.make_graph([h.make_node("GridSample", ["X", "G"], ["Y"], mode="bilinear", padding_mode="border", align_corners=1)], "gs",
                     [h.make_tensor_value_info("X", f32, [1, 1, 4, 4]), h.make_tensor_value_info("G", f32, [1, 2, 2, 2])],
                     [h.make_tensor_value_info("Y", f32, [1, 1, 2, 2])])
    save("onnx/gridsample.onnx", h.make_model(g, opset_imports=[h.make_opsetid("", 16)]), "GridSample with string attributes")
    g = h.make_graph([h.make_node("Einsum", ["a", "b"], ["c"], equation="ij,jk->ik"),
                      h.make_node("CumSum", ["c", "ax"], ["d"], exclusive=1, reverse=1)], "ein",
                     [h.make_tensor_value_info("a", f32, [2, 3]), h.make_tensor_value_info("b", f32, [3, 2])],
                     [h.make_tensor_value_info("d", f32, [2, 2])], [h.make_tensor("ax", TensorProto.INT32, [], [1])])
    m = h.make_model(g, opset_imports=[h.make_opsetid("", 14)], producer_name="pytorch", producer_version="1.13.0",
                     doc_string="exported model")
    save("onnx/einsum_cumsum.onnx", m, "Einsum + CumSum, producer metadata")
    g = h.make_graph([h.make_node("MatMul", ["x", "W"], ["y"])], "ext", [h.make_tensor_value_info("x", f32, [1, 8])],
                     [h.make_tensor_value_info("y", f32, [1, 8])], [h.make_tensor("W", f32, [8, 8], RNG.rand(64).astype(np.float32).tobytes(), raw=True)])
    m = h.make_model(g, opset_imports=[h.make_opsetid("", 13)])
    try:
        os.makedirs(path("onnx/external_sub/weights"), exist_ok=True)
        onnx.save_model(m, path("onnx/external_sub/model.onnx"), save_as_external_data=True, all_tensors_to_one_file=True,
                        location="weights/model.data", size_threshold=0)
        row("onnx/external_sub/model.onnx", "onnx", "external data in a sub-folder `weights/model.data`")
        row("onnx/external_sub/weights/model.data", "onnx", "the external data file (raw float32)")
    except Exception as e:  # noqa: BLE001
        SKIPPED.append(("onnx ext", repr(e)))


# ------------------------------------------------------------------ h5py Keras-like weights
def gen_h5():
    import h5py

    def k3(p):
        with h5py.File(p, "w") as f:
            for li, (name, shapes) in enumerate([("dense", [(4, 8), (8,)]), ("dense_1", [(8, 2), (2,)]),
                                                 ("batch_normalization", [(8,)] * 4)]):
                g = f.create_group(f"layers/{name}/vars")
                for vi, s in enumerate(shapes):
                    g.create_dataset(str(vi), data=RNG.rand(*s).astype(np.float32))
            f.create_group("optimizer/vars")

    def k2(p):
        with h5py.File(p, "w") as f:
            f.attrs["backend"] = b"tensorflow"
            f.attrs["keras_version"] = b"2.12.0"
            names = [b"dense", b"dropout", b"dense_1"]
            f.attrs["layer_names"] = np.array(names)
            for n, shapes in zip(names, ([(4, 8), (8,)], [], [(8, 1), (1,)])):
                g = f.create_group(n.decode())
                wn = [f"{n.decode()}/kernel:0".encode(), f"{n.decode()}/bias:0".encode()][:len(shapes)]
                g.attrs["weight_names"] = np.array(wn, dtype="S")
                for w, s in zip(wn, shapes):
                    g.create_dataset(w.decode(), data=RNG.rand(*s).astype(np.float32))

    attempt("keras/model.weights.h5", k3, "h5py (Keras 3 layout)", "weights-only model.weights.h5")
    attempt("keras/tf_keras_weights.h5", k2, "h5py (Keras 2 save_weights layout)", "weights-only H5 with layer_names/weight_names")

    def chunked(p):
        with h5py.File(p, "w") as f:
            f.create_dataset("embeddings", data=RNG.rand(100, 16).astype(np.float16), chunks=(10, 16), compression="lzf")
            f.create_dataset("vocab", data=np.array([b"the", b"a", b"of"]))
            f.attrs["dim"] = 16
    attempt("keras/embeddings_lzf.h5", chunked, "h5py", "chunked lzf embeddings + vocab")


# ------------------------------------------------------------------ HF configs
def gen_configs():
    def js(name, obj, how):
        with open(path(name), "w") as f:
            json.dump(obj, f, indent=2)
        row(name, "config JSON", how)
    js("hf/llama/config.json", {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": 2048,
                                "intermediate_size": 5632, "num_attention_heads": 32, "num_hidden_layers": 22,
                                "num_key_value_heads": 4, "rms_norm_eps": 1e-05, "rope_scaling": None, "rope_theta": 10000.0,
                                "tie_word_embeddings": False, "torch_dtype": "bfloat16", "transformers_version": "4.35.0",
                                "vocab_size": 32000, "bos_token_id": 1, "eos_token_id": 2}, "TinyLlama-shaped config.json")
    js("hf/llama/generation_config.json", {"bos_token_id": 1, "eos_token_id": 2, "max_length": 2048, "pad_token_id": 0,
                                           "do_sample": True, "temperature": 0.7, "top_p": 0.9, "transformers_version": "4.35.0"},
       "generation_config.json with sampling")
    js("hf/t5/config.json", {"architectures": ["T5ForConditionalGeneration"], "model_type": "t5", "d_model": 512, "d_ff": 2048,
                             "num_layers": 6, "num_heads": 8, "feed_forward_proj": "relu", "decoder_start_token_id": 0,
                             "task_specific_params": {"summarization": {"prefix": "summarize: ", "max_length": 200},
                                                      "translation_en_to_de": {"prefix": "translate English to German: "}}},
       "t5-small-shaped config with task_specific_params")
    js("hf/t5/tokenizer_config.json", {"additional_special_tokens": [f"<extra_id_{i}>" for i in range(5)], "eos_token": "</s>",
                                       "extra_ids": 100, "model_max_length": 512, "pad_token": "<pad>",
                                       "tokenizer_class": "T5Tokenizer", "unk_token": "<unk>"}, "T5 tokenizer_config")
    js("hf/vit/preprocessor_config.json", {"do_normalize": True, "do_rescale": True, "do_resize": True,
                                           "image_mean": [0.5, 0.5, 0.5], "image_processor_type": "ViTImageProcessor",
                                           "image_std": [0.5, 0.5, 0.5], "resample": 2, "rescale_factor": 0.00392156862745098,
                                           "size": {"height": 224, "width": 224}}, "ViT image processor")
    js("hf/vit/config.json", {"architectures": ["ViTForImageClassification"], "model_type": "vit", "image_size": 224,
                              "patch_size": 16, "id2label": {"0": "cat", "1": "dog"}, "label2id": {"cat": 0, "dog": 1}},
       "ViT config with id2label")
    js("hf/whisper/preprocessor_config.json", {"chunk_length": 30, "feature_extractor_type": "WhisperFeatureExtractor",
                                               "feature_size": 80, "hop_length": 160, "n_fft": 400, "n_samples": 480000,
                                               "nb_max_frames": 3000, "padding_side": "right", "padding_value": 0.0,
                                               "processor_class": "WhisperProcessor", "return_attention_mask": False,
                                               "sampling_rate": 16000}, "Whisper feature extractor")
    js("hf/whisper/generation_config.json", {"begin_suppress_tokens": [220, 50257], "decoder_start_token_id": 50258,
                                             "forced_decoder_ids": [[1, None], [2, 50359]], "is_multilingual": True,
                                             "lang_to_id": {"<|en|>": 50259, "<|de|>": 50261}, "max_length": 448,
                                             "no_timestamps_token_id": 50363, "suppress_tokens": [1, 2, 7],
                                             "task_to_id": {"transcribe": 50359, "translate": 50358}},
       "Whisper generation_config with lang/task maps")
    js("hf/gpt2/config.json", {"activation_function": "gelu_new", "architectures": ["GPT2LMHeadModel"], "model_type": "gpt2",
                               "n_ctx": 1024, "n_embd": 768, "n_head": 12, "n_layer": 12,
                               "task_specific_params": {"text-generation": {"do_sample": True, "max_length": 50}}},
       "gpt2 config")
    js("hf/lora/adapter_config.json", {"base_model_name_or_path": "TinyLlama/TinyLlama-1.1B-Chat-v1.0", "bias": "none",
                                       "fan_in_fan_out": False, "inference_mode": True, "init_lora_weights": True,
                                       "lora_alpha": 32, "lora_dropout": 0.05, "modules_to_save": ["lm_head"],
                                       "peft_type": "LORA", "r": 16, "revision": None, "auto_mapping": None,
                                       "target_modules": ["q_proj", "k_proj", "v_proj", "o_proj"], "task_type": "CAUSAL_LM"},
       "PEFT LoRA adapter_config (auto_mapping null)")
    js("hf/ia3/adapter_config.json", {"base_model_name_or_path": "t5-small", "feedforward_modules": ["wo"],
                                      "inference_mode": True, "peft_type": "IA3", "target_modules": ["k", "v", "wo"],
                                      "task_type": "SEQ_2_SEQ_LM"}, "PEFT IA3 adapter_config")
    js("hf/prefix/adapter_config.json", {"base_model_name_or_path": "gpt2", "num_virtual_tokens": 20, "peft_type": "PREFIX_TUNING",
                                         "prefix_projection": False, "task_type": "CAUSAL_LM", "token_dim": 768,
                                         "num_layers": 12, "num_attention_heads": 12}, "PEFT prefix-tuning adapter_config")
    js("hf/bert/special_tokens_map.json", {"cls_token": "[CLS]", "mask_token": "[MASK]", "pad_token": "[PAD]",
                                           "sep_token": "[SEP]", "unk_token": "[UNK]"}, "special_tokens_map")
    js("hf/bert/added_tokens.json", {"<ent>": 30522, "</ent>": 30523}, "added_tokens.json")
    tpl_llama2 = ("{% if messages[0]['role'] == 'system' %}{% set loop_messages = messages[1:] %}{% set system_message = messages[0]['content'] %}"
                  "{% else %}{% set loop_messages = messages %}{% set system_message = false %}{% endif %}"
                  "{% for message in loop_messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}"
                  "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}"
                  "{% if loop.index0 == 0 and system_message != false %}{% set content = '<<SYS>>\\n' + system_message + '\\n<</SYS>>\\n\\n' + message['content'] %}"
                  "{% else %}{% set content = message['content'] %}{% endif %}{% if message['role'] == 'user' %}"
                  "{{ bos_token + '[INST] ' + content.strip() + ' [/INST]' }}{% elif message['role'] == 'assistant' %}"
                  "{{ ' '  + content.strip() + ' ' + eos_token }}{% endif %}{% endfor %}")
    tpl_zephyr = ("{% for message in messages %}\n{% if message['role'] == 'user' %}\n{{ '<|user|>\\n' + message['content'] + eos_token }}\n"
                  "{% elif message['role'] == 'system' %}\n{{ '<|system|>\\n' + message['content'] + eos_token }}\n"
                  "{% elif message['role'] == 'assistant' %}\n{{ '<|assistant|>\\n'  + message['content'] + eos_token }}\n{% endif %}\n"
                  "{% if loop.last and add_generation_prompt %}\n{{ '<|assistant|>' }}\n{% endif %}\n{% endfor %}")
    tpl_tools = ("{%- set ns = namespace(sys='') -%}{%- for m in messages if m.role == 'system' -%}{%- set ns.sys = ns.sys + m.content -%}{%- endfor -%}"
                 "{%- if tools -%}<tools>{%- for t in tools -%}{{ t | tojson }}{%- endfor -%}</tools>{%- endif -%}"
                 "{{ ns.sys | trim }}{%- for m in messages if m.role != 'system' -%}<|{{ m.role }}|>{{ m.content | trim }}"
                 "{%- if m.tool_calls is defined -%}{%- for c in m.tool_calls -%}<call>{{ c.function.name }}({{ c.function.arguments | tojson }})</call>"
                 "{%- endfor -%}{%- endif -%}{%- endfor -%}{%- if add_generation_prompt -%}<|assistant|>{%- endif -%}")
    tpl_alpaca = ("{% for message in messages %}{% if message['role'] == 'user' %}### Instruction:\n{{ message['content'] | trim }}\n\n"
                  "{% elif message['role'] == 'assistant' %}### Response:\n{{ message['content'] | trim }}{{ eos_token }}\n\n{% endif %}{% endfor %}"
                  "{% if add_generation_prompt %}### Response:\n{% endif %}")
    tpl_gemma2 = ("{{ bos_token }}{% for message in messages %}{% if message['role'] == 'assistant' %}{% set role = 'model' %}"
                  "{% else %}{% set role = message['role'] %}{% endif %}{{ '<start_of_turn>' + role + '\n' + message['content'] | trim + '<end_of_turn>\n' }}"
                  "{% endfor %}{% if add_generation_prompt %}{{'<start_of_turn>model\n'}}{% endif %}")
    tpls = {"llama2_raise_exception": tpl_llama2, "zephyr": tpl_zephyr, "tools_namespace": tpl_tools, "alpaca": tpl_alpaca,
            "gemma2": tpl_gemma2}
    for k, tpl in tpls.items():
        js(f"hf/tpl_{k}/tokenizer_config.json", {"add_bos_token": True, "bos_token": "<s>", "eos_token": "</s>",
                                                 "chat_template": tpl, "model_max_length": 4096, "clean_up_tokenization_spaces": False,
                                                 "tokenizer_class": "LlamaTokenizer"}, f"tokenizer_config with the {k} chat template")
    with open(path("hf/tpl_zephyr/chat_template.jinja"), "w") as f:
        f.write(tpl_zephyr)
    row("hf/tpl_zephyr/chat_template.jinja", "chat template file", "standalone chat_template.jinja (zephyr)")
    return tpls


# ------------------------------------------------------------------ GGUF (stdlib-built)
def gstr(s):
    b = s.encode()
    return struct.pack("<Q", len(b)) + b


def gval(v):
    if isinstance(v, bool):
        return 7, struct.pack("<?", v)
    if isinstance(v, str):
        return 8, gstr(v)
    if isinstance(v, float):
        return 6, struct.pack("<f", v)
    if isinstance(v, tuple) and v[0] == "u64":
        return 10, struct.pack("<Q", v[1])
    if isinstance(v, tuple) and v[0] == "f64":
        return 12, struct.pack("<d", v[1])
    if isinstance(v, int):
        return 4, struct.pack("<I", v)
    if isinstance(v, list):
        et, _ = gval(v[0])
        return 9, struct.pack("<IQ", et, len(v)) + b"".join(gval(x)[1] for x in v)
    raise TypeError(v)


def gguf(kvs, tensors=()):
    out = b"GGUF" + struct.pack("<IQQ", 3, len(tensors), len(kvs))
    for k, v in kvs:
        t, b = gval(v)
        out += gstr(k) + struct.pack("<I", t) + b
    off = 0
    datas = []
    for name, shape in tensors:
        out += gstr(name) + struct.pack("<I", len(shape)) + b"".join(struct.pack("<Q", d) for d in shape)
        out += struct.pack("<IQ", 0, off)  # F32
        n = int(np.prod(shape)) * 4
        datas.append(RNG.rand(int(np.prod(shape))).astype("<f4").tobytes())
        off += (n + 31) // 32 * 32
    if tensors:
        out += b"\0" * ((32 - len(out) % 32) % 32)
        for d in datas:
            out += d + b"\0" * ((32 - len(d) % 32) % 32)
    return out


def gen_gguf(tpls):
    archs = {"llama2_raise_exception": "llama", "zephyr": "mistral", "tools_namespace": "qwen2", "alpaca": "llama", "gemma2": "gemma2"}
    for k, tpl in tpls.items():
        a = archs[k]
        kvs = [("general.architecture", a), ("general.name", f"tiny-{k}"), ("general.file_type", 0),
               ("general.quantization_version", 2), (f"{a}.context_length", 4096), (f"{a}.embedding_length", 8),
               (f"{a}.block_count", 1), (f"{a}.rope.freq_base", 10000.0), (f"{a}.attention.layer_norm_rms_epsilon", ("f64", 1e-5)),
               ("tokenizer.ggml.model", "llama"), ("tokenizer.ggml.tokens", ["<unk>", "<s>", "</s>", "a", "b"]),
               ("tokenizer.ggml.scores", [0.0, 0.0, 0.0, -1.0, -2.0]), ("tokenizer.ggml.token_type", [2, 3, 3, 1, 1]),
               ("tokenizer.ggml.bos_token_id", 1), ("tokenizer.ggml.eos_token_id", 2), ("tokenizer.ggml.add_bos_token", True),
               ("general.size_label", ("u64", 1000)), ("tokenizer.chat_template", tpl)]
        with open(path(f"gguf/{k}.gguf"), "wb") as f:
            f.write(gguf(kvs, [("token_embd.weight", (8, 5)), ("output_norm.weight", (8,))]))
        row(f"gguf/{k}.gguf", "GGUF v3 (stdlib-built)", f"{a} header, 2 F32 tensors, {k} chat template")


# ------------------------------------------------------------------ second round (after the first scan: 0 FPs)
def gen_r2():
    import functools
    import torch
    from sklearn.preprocessing import FunctionTransformer
    from scipy import stats, optimize
    X, y = X_y(30)
    pkl("r2/functiontransformer_partial_round.pkl",
        FunctionTransformer(functools.partial(np.round, decimals=2)).fit(X), "sklearn FunctionTransformer",
        "func=functools.partial(np.round, decimals=2)")
    pkl("r2/np_vectorize_sqrt.pkl", np.vectorize(np.sqrt), "numpy vectorize", "np.vectorize(np.sqrt)")
    pkl("r2/qmc_poissondisk.pkl", stats.qmc.PoissonDisk(2, radius=0.2, seed=1), "scipy qmc PoissonDisk", "pickle")
    pkl("r2/nonlinear_constraint.pkl", optimize.NonlinearConstraint(np.sum, 0.0, 1.0), "scipy NonlinearConstraint",
        "fun=np.sum")
    try:
        qc = torch.ao.quantization.get_default_qconfig("fbgemm")
        attempt("r2/qconfig_fbgemm.pt", lambda p: torch.save(qc, p), "torch QConfig", "get_default_qconfig('fbgemm') (observer partials)")
        qat = torch.ao.quantization.get_default_qat_qconfig("fbgemm")
        pkl("r2/qat_qconfig.pkl", qat, "torch QAT QConfig", "pickle")
    except Exception as e:  # noqa: BLE001
        SKIPPED.append(("qconfig", repr(e)))
    m = torch.nn.Linear(3, 2)
    swa = torch.optim.swa_utils.AveragedModel(m)
    swa.update_parameters(m)
    attempt("r2/averaged_model_state.pt", lambda p: torch.save(swa.state_dict(), p), "torch AveragedModel", "state_dict")
    attempt("r2/averaged_model_whole.pt", lambda p: torch.save(swa, p), "torch AveragedModel", "whole module (holds default avg_fn)")
    pkl("r2/xgb_early_stopping_cb.pkl", __import__("xgboost").callback.EarlyStopping(rounds=3, save_best=True),
        "xgboost EarlyStopping callback", "pickle")
    import statsmodels.api as sm
    try:
        g = np.repeat(np.arange(10), 6)
        r = sm.MixedLM(RNG.rand(60), sm.add_constant(RNG.rand(60)), groups=g).fit()
        attempt("r2/mixedlm.pickle", lambda p: r.save(p), "statsmodels MixedLMResults", "results.save")
    except Exception as e:  # noqa: BLE001
        SKIPPED.append(("mixedlm", repr(e)))
    import pandas as pd
    pkl("r2/named_agg.pkl", {"agg": pd.NamedAgg(column="v", aggfunc="mean"), "off": pd.tseries.frequencies.to_offset("15min")},
        "pandas NamedAgg / to_offset", "pickle")
    pkl("r2/logistic_regression_p1.pkl", __import__("sklearn.linear_model").linear_model.Ridge().fit(X, X[:, 0]),
        "sklearn Ridge", "pickle protocol 1", protocol=1)


def main():
    for r, _, files in os.walk(OUT):
        for f in files:
            os.remove(os.path.join(r, f))
    for gen in (gen_joblib, gen_torch, gen_numpy, gen_sklearn, gen_scipy, gen_pandas, gen_statsmodels, gen_xgboost,
                gen_onnx, gen_h5, gen_r2):
        try:
            gen()
        except Exception as e:  # noqa: BLE001
            SKIPPED.append((gen.__name__, repr(e)[:200]))
    tpls = gen_configs()
    gen_gguf(tpls)
    with open(os.path.join(OUT, "MANIFEST.tsv"), "w") as f:
        f.write("file\tlibrary/class\thow made\texpected\n")
        for r in ROWS:
            f.write("\t".join(r) + "\n")
    print(len(ROWS), "files", file=sys.stderr)
    for s in SKIPPED:
        print("left out:", *s, file=sys.stderr)


if __name__ == "__main__":
    main()
