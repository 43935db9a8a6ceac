#!/usr/bin/python3
"""A benign sweep beyond the allowlist corpus: objects and writers that tools/allowlist does not
pickle (more statsmodels results, scipy sparse .npz and interpolators, pandas dtypes in frames and
MultiIndexes, sklearn pipelines as they are built in practice, numpy structured/object arrays in
.npy/.npz, xgboost rankers and random forests, torch files that load with weights_only=True, every
joblib compression and level). Every file is loaded back by the library that reads it; a file the
scanner flags is a false positive to fix by class (allowlist family or policy), never by file.

Run: /usr/bin/python3 make_sweep.py [DIR] (Debian's python3-numpy, -pandas, -scipy, -sklearn,
-statsmodels, -torch, -joblib, -xgboost, -lz4). Deterministic: fixed seeds, a frozen clock.
"""
import io
import os
import pickle
import sys
import time
import warnings
import zipfile

import joblib
import numpy as np
import pandas as pd
import scipy
import scipy.sparse as sp
import sklearn
import statsmodels
import statsmodels.api as sm
import torch
import xgboost

warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    HERE, "..", "..", "src", "test", "resources", "benign-sweep")
MANIFEST = []
SKIPPED = []
time.time = lambda: 1577836800.0  # gzip and zip headers carry the clock


def write(name, data, library, what, how, load):
    path = os.path.join(OUT, name)
    with open(path, "wb") as fh:
        fh.write(data)
    try:
        load(path)  # the real reader accepts it
    except BaseException:
        os.remove(path)
        raise
    MANIFEST.append((name, library, what, how))


def pickled(name, obj, library, what, protocols=(2, 5)):
    for p in protocols:
        write("%s_%s_p%d.pkl" % (library, name, p), pickle.dumps(obj, protocol=p), library, what,
              "pickle.dumps(protocol=%d)" % p, lambda f: pickle.load(open(f, "rb")))


def via_file(name, library, what, how, save, load):
    tmp = os.path.join(OUT, ".tmp")
    save(tmp)
    with open(tmp, "rb") as fh:
        data = fh.read()
    os.remove(tmp)
    write(name, data, library, what, how, load)


def attempt(library, what, fn):
    try:
        fn()
    except Exception as e:  # recorded, never silent
        SKIPPED.append((library, what, type(e).__name__ + ": " + str(e).splitlines()[0][:120]))


rng = np.random.RandomState(0)
X = rng.rand(40, 3)
y = X @ np.array([1.0, -2.0, 0.5]) + rng.rand(40) * 0.1
yb = (X[:, 0] > 0.5).astype(int)


def statsmodels_sweep():
    Xc = sm.add_constant(X)
    counts = rng.poisson(2, size=40)
    groups = np.repeat(np.arange(8), 5)
    frame = pd.DataFrame({"a": X[:, 0], "b": X[:, 1], "y": y, "g": groups, "c": counts})
    import statsmodels.formula.api as smf
    from statsmodels.tsa.statespace.sarimax import SARIMAX
    from statsmodels.tsa.api import VAR, AutoReg, SimpleExpSmoothing, Holt, UnobservedComponents
    from statsmodels.tsa.seasonal import STL
    from statsmodels.nonparametric.kde import KDEUnivariate
    from statsmodels.miscmodels.ordinal_model import OrderedModel
    series = pd.Series(np.cumsum(rng.rand(48)), index=pd.date_range("2020-01", periods=48, freq="M"))
    models = {
        "Probit": lambda: sm.Probit(yb, Xc).fit(disp=0),
        "NegativeBinomial": lambda: sm.NegativeBinomial(counts, Xc).fit(disp=0),
        "RLM": lambda: sm.RLM(y, Xc).fit(),
        "QuantReg": lambda: sm.QuantReg(y, Xc).fit(q=0.5),
        "GLM_poisson_formula": lambda: smf.glm("c ~ a + b", frame, family=sm.families.Poisson()).fit(),
        "MixedLM": lambda: smf.mixedlm("y ~ a", frame, groups=frame["g"]).fit(),
        "GEE": lambda: smf.gee("y ~ a + b", "g", frame).fit(),
        "SARIMAX": lambda: SARIMAX(series, order=(1, 0, 0), seasonal_order=(0, 0, 0, 0)).fit(disp=0),
        "VAR": lambda: VAR(np.column_stack([series.values, series.values[::-1]])).fit(1),
        "AutoReg": lambda: AutoReg(series.values, lags=2).fit(),
        "SimpleExpSmoothing": lambda: SimpleExpSmoothing(series.values).fit(),
        "Holt": lambda: Holt(series.values).fit(),
        "UnobservedComponents": lambda: UnobservedComponents(series.values, "llevel").fit(disp=0),
        "STL": lambda: STL(series, period=12).fit(),
        "KDEUnivariate": lambda: KDEUnivariate(X[:, 0]).fit(),
        "OrderedModel": lambda: OrderedModel((X[:, 1] * 3).astype(int), X[:, :1], distr="logit").fit(
            method="bfgs", disp=0),
    }
    for name, make in models.items():
        def one(name=name, make=make):
            pickled(name + "_results_with_data", make(), "statsmodels", name + " results, data kept")
        attempt("statsmodels", name, one)
    # statsmodels' own writer
    def save_method():
        r = sm.OLS(y, Xc).fit()
        via_file("statsmodels_OLS_results_save.pickle", "statsmodels", "OLS results", "results.save(path)",
                 r.save, sm.load)
    attempt("statsmodels", "results.save", save_method)


def scipy_sweep():
    dense = np.array([[0, 1.5, 0, 0], [2, 0, 0, 1], [0, 0, 3, 0]])
    for fmt in ["csr", "csc", "coo", "bsr", "dia"]:
        m = getattr(sp, fmt + "_matrix")(dense)
        for compressed in (True, False):
            via_file("scipy_save_npz_%s_%s.npz" % (fmt, "compressed" if compressed else "plain"),
                     "scipy", fmt + " matrix", "scipy.sparse.save_npz(compressed=%s)" % compressed,
                     lambda f, m=m, c=compressed: sp.save_npz(f + ".npz", m, compressed=c) or os.rename(f + ".npz", f),
                     lambda f: sp.load_npz(f))
    import scipy.stats as st
    import scipy.interpolate as si
    import scipy.optimize as so
    import scipy.spatial as ss
    xs = np.linspace(0, 3, 8)
    objs = {
        "frozen_gamma": st.gamma(2.0, scale=1.5),
        "frozen_beta": st.beta(2, 3),
        "frozen_poisson": st.poisson(3.0),
        "frozen_multivariate_normal": st.multivariate_normal([0, 0], [[1, 0.2], [0.2, 1]]),
        "gaussian_kde": st.gaussian_kde(X[:, 0]),
        "bspline": si.make_interp_spline(xs, xs ** 2),
        "univariate_spline": si.UnivariateSpline(xs, xs ** 2),
        "pchip": si.PchipInterpolator(xs, xs ** 2),
        "akima": si.Akima1DInterpolator(xs, xs ** 2),
        "regular_grid": si.RegularGridInterpolator((xs, xs), np.outer(xs, xs)),
        "rbf_interpolator": si.RBFInterpolator(X[:, :2], X[:, 2]),
        "optimize_result": so.minimize(lambda v: ((v - 1) ** 2).sum(), np.zeros(2), method="BFGS"),
        "convex_hull_points": ss.ConvexHull(X[:, :2]).vertices,
        "sparse_array_csr": sp.csr_array(dense),
        "sparse_matrix_int8": sp.csr_matrix(dense.astype(np.int8)),
    }
    for name, o in objs.items():
        attempt("scipy", name, lambda name=name, o=o: pickled(name, o, "scipy", name))
    attempt("scipy", "joblib sparse", lambda: via_file(
        "scipy_joblib_csr_zlib.joblib", "scipy", "csr matrix", "joblib.dump(compress=3)",
        lambda f: joblib.dump(sp.csr_matrix(dense), f, compress=3), joblib.load))


def pandas_sweep():
    idx = pd.MultiIndex.from_arrays(
        [pd.Categorical(["a", "b", "a", "b"]), pd.date_range("2024", periods=4, tz="Asia/Tokyo")],
        names=["cat", "when"])
    frames = {
        "interval_categories": pd.Series(pd.cut(np.arange(6), 3)),
        "period_series": pd.Series(pd.period_range("2024-01", periods=3, freq="W")),
        "interval_series": pd.Series(pd.interval_range(pd.Timestamp("2024"), periods=3, freq="D")),
        "sparse_frame": pd.DataFrame({"s": pd.arrays.SparseArray([0.0, 1.0, 0.0]),
                                      "t": pd.arrays.SparseArray([0, 0, 2], fill_value=0)}),
        "multiindex_categorical_tz": pd.DataFrame({"v": [1.0, 2.0, 3.0, 4.0]}, index=idx),
        "multiindex_columns_periods": pd.DataFrame(
            np.arange(6).reshape(2, 3),
            columns=pd.MultiIndex.from_product([["x"], pd.period_range("2024", periods=3, freq="Q")])),
        "attrs_and_flags": (lambda d: (d.attrs.update({"source": "sensor", "unit": "C"}), d)[1])(
            pd.DataFrame({"t": [20.5, 21.0]})),
        "object_decimal_series": pd.Series([__import__("decimal").Decimal("1.10"),
                                            __import__("fractions").Fraction(1, 3)]),
        "nullable_frame": pd.DataFrame({"i": pd.array([1, None], dtype="Int16"),
                                        "b": pd.array([True, None], dtype="boolean"),
                                        "s": pd.array(["x", None], dtype="string"),
                                        "f": pd.array([0.5, None], dtype="Float32")}),
        "timedelta_index_frame": pd.DataFrame({"v": [1, 2]}, index=pd.to_timedelta(["1h", "2h"])),
        "categorical_ordered_int_codes": pd.Series(pd.Categorical([3, 1, 2], categories=[3, 2, 1], ordered=True)),
        "rolling_mean_frame": pd.DataFrame({"v": np.arange(10.0)}).rolling(3).mean(),
        "pivot_table": pd.DataFrame({"k": ["a", "b", "a"], "c": ["x", "x", "y"], "v": [1, 2, 3]}).pivot_table(
            index="k", columns="c", values="v", aggfunc="sum"),
        "crosstab": pd.crosstab(pd.Series(["a", "b", "a"], name="r"), pd.Series(["x", "y", "y"], name="c")),
    }
    for name, o in frames.items():
        attempt("pandas", name, lambda name=name, o=o: pickled(name, o, "pandas", name))
    big = pd.concat([frames["nullable_frame"]] * 3, ignore_index=True)
    for comp in [None, "gzip", "bz2", "xz", "zip"]:
        attempt("pandas", "to_pickle " + str(comp), lambda comp=comp: via_file(
            "pandas_to_pickle_nullable_%s_p4.pkl" % (comp or "none"), "pandas", "nullable frame",
            "to_pickle(compression=%r, protocol=4)" % comp,
            lambda f: big.to_pickle(f, compression=comp, protocol=4),
            lambda f: pd.read_pickle(f, compression=comp)))


def sklearn_sweep():
    from sklearn.compose import ColumnTransformer, TransformedTargetRegressor
    from sklearn.ensemble import (HistGradientBoostingClassifier, HistGradientBoostingRegressor,
                                  StackingClassifier, VotingClassifier, RandomForestClassifier)
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression, Ridge
    from sklearn.model_selection import GridSearchCV
    from sklearn.pipeline import Pipeline, make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler, FunctionTransformer, OrdinalEncoder
    from sklearn.calibration import CalibratedClassifierCV
    df = pd.DataFrame({"num": rng.rand(40), "num2": rng.rand(40),
                       "cat": rng.choice(["a", "b", "c"], 40), "cat2": rng.choice(["x", "y"], 40)})
    df.loc[3, "num"] = np.nan
    ct = ColumnTransformer([
        ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), ["num", "num2"]),
        ("cat", OneHotEncoder(handle_unknown="ignore"), ["cat", "cat2"])], remainder="drop")
    models = {
        "column_transformer_hgb": lambda: Pipeline([("prep", ct), ("clf", HistGradientBoostingClassifier(
            max_iter=5, random_state=0))]).fit(df, yb),
        "hgb_categorical_features": lambda: make_pipeline(
            ColumnTransformer([("cat", OrdinalEncoder(), ["cat", "cat2"])], remainder="passthrough"),
            HistGradientBoostingClassifier(categorical_features=[0, 1], max_iter=5, random_state=0)).fit(df, yb),
        "hgb_regressor_poisson_early_stopping": lambda: HistGradientBoostingRegressor(
            loss="poisson", max_iter=20, early_stopping=True, validation_fraction=0.2,
            n_iter_no_change=2, random_state=0).fit(X, np.abs(y)),
        "set_output_pandas": lambda: make_pipeline(StandardScaler().set_output(transform="pandas"),
                                                   LogisticRegression()).fit(df[["num2"]], yb),
        "grid_search_cv": lambda: GridSearchCV(LogisticRegression(), {"C": [0.1, 1.0]}, cv=2).fit(X, yb),
        "calibrated_classifier": lambda: CalibratedClassifierCV(LogisticRegression(), cv=2).fit(X, yb),
        "stacking_classifier": lambda: StackingClassifier(
            [("lr", LogisticRegression()), ("rf", RandomForestClassifier(n_estimators=3, random_state=0))],
            cv=2).fit(X, yb),
        "voting_soft": lambda: VotingClassifier(
            [("lr", LogisticRegression()), ("rf", RandomForestClassifier(n_estimators=3, random_state=0))],
            voting="soft").fit(X, yb),
        "transformed_target_log1p": lambda: TransformedTargetRegressor(
            Ridge(), func=np.log1p, inverse_func=np.expm1).fit(X, np.abs(y)),
        "function_transformer_numpy": lambda: make_pipeline(
            FunctionTransformer(np.log1p, validate=True), Ridge()).fit(X, y),
    }
    for name, make in models.items():
        def one(name=name, make=make):
            m = make()
            pickled(name, m, "sklearn", name)
            via_file("sklearn_%s.joblib" % name, "sklearn", name, "joblib.dump(compress=3)",
                     lambda f: joblib.dump(m, f, compress=3), joblib.load)
        attempt("sklearn", name, one)


def numpy_sweep():
    import decimal, fractions, datetime
    structured = np.array([(1, 2.5, b"ab", (1, 2)), (3, 4.5, b"cd", (3, 4))],
                          dtype=[("i", "<i4"), ("f", ">f8"), ("s", "S2"), ("sub", "<i2", (2,))])
    nested = np.zeros(2, dtype=[("pos", [("x", "f4"), ("y", "f4")]), ("t", "M8[ms]")])
    objects = np.array([decimal.Decimal("1.5"), fractions.Fraction(2, 3), datetime.date(2024, 1, 2),
                        "text", None, (1, 2), {"k": [1]}], dtype=object)
    obj_field = np.array([(1, "a"), (2, {"x": 1})], dtype=[("n", "i8"), ("o", "O")])
    arrays = {"structured": structured, "nested_structured_datetime": nested, "object_values": objects,
              "structured_object_field": obj_field,
              "datetime64_ns": np.array(["2024-01-01T00:00:00.5"], dtype="M8[ns]"),
              "masked_structured": np.ma.array(structured, mask=[(0, 1, 0, (0, 1)), (1, 0, 0, (0, 0))])}
    for name, a in arrays.items():
        attempt("numpy", name, lambda name=name, a=a: pickled(name, a, "numpy", name))
        if not isinstance(a, np.ma.MaskedArray):
            attempt("numpy", name + " npy", lambda name=name, a=a: via_file(
                "numpy_save_%s.npy" % name, "numpy", name, "np.save",
                lambda f: np.save(open(f, "wb"), a, allow_pickle=True),
                lambda f: np.load(f, allow_pickle=True)))
    attempt("numpy", "savez objects", lambda: via_file(
        "numpy_savez_compressed_objects.npz", "numpy", "object and structured arrays", "np.savez_compressed",
        lambda f: np.savez_compressed(open(f, "wb"), objects=objects, structured=structured),
        lambda f: dict(np.load(f, allow_pickle=True))))
    gens = {"generator_pcg64dxsm": np.random.Generator(np.random.PCG64DXSM(1)),
            "seed_sequence": np.random.SeedSequence(7), "bit_generator_philox": np.random.Philox(3)}
    for name, g in gens.items():
        attempt("numpy", name, lambda name=name, g=g: pickled(name, g, "numpy", name))


def xgboost_sweep():
    Xr = rng.rand(30, 3)
    yr = (Xr[:, 0] > 0.5).astype(int)
    models = {
        "XGBRanker": lambda: xgboost.XGBRanker(n_estimators=2, max_depth=2).fit(Xr, yr, group=[10, 10, 10]),
        "XGBRFClassifier": lambda: xgboost.XGBRFClassifier(n_estimators=2, max_depth=2).fit(Xr, yr),
        "XGBClassifier_early_stopping": lambda: xgboost.XGBClassifier(
            n_estimators=5, max_depth=2, early_stopping_rounds=2).fit(Xr, yr, eval_set=[(Xr, yr)], verbose=False),
        "Booster_feature_names": lambda: xgboost.train(
            {"max_depth": 2}, xgboost.DMatrix(pd.DataFrame(Xr, columns=["a", "b", "c"]), label=yr), 2),
    }
    for name, make in models.items():
        def one(name=name, make=make):
            m = make()
            pickled(name, m, "xgboost", name)
            via_file("xgboost_%s.joblib" % name, "xgboost", name, "joblib.dump", lambda f: joblib.dump(m, f),
                     joblib.load)
        attempt("xgboost", name, one)


def torch_sweep():
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.BatchNorm1d(4), torch.nn.ReLU(),
                              torch.nn.Linear(4, 2))
    opt = torch.optim.AdamW(net.parameters(), lr=0.01)
    net(torch.ones(2, 3)).sum().backward()
    opt.step()
    sched = torch.optim.lr_scheduler.StepLR(opt, 2)
    objs = {
        "checkpoint_nested": {"model": net.state_dict(), "optim": opt.state_dict(),
                              "sched": sched.state_dict(), "epoch": 4, "best": 0.93,
                              "history": [0.5, 0.7, 0.93], "args": {"lr": 0.01, "layers": (3, 4, 2)}},
        "state_dict_half": {k: v.half() for k, v in net.state_dict().items()},
        "tensor_list": [torch.arange(3), torch.zeros(2, 2, dtype=torch.bfloat16)],
        "shared_storage_views": (lambda t: {"a": t, "b": t[1:], "c": t.view(2, 2)})(torch.arange(4.0)),
        "empty_and_scalar": {"empty": torch.empty(0), "scalar": torch.tensor(3.5)},
    }
    for name, o in objs.items():
        for proto, zipped in ((2, True), (4, True), (2, False)):
            def one(name=name, o=o, proto=proto, zipped=zipped):
                buf = io.BytesIO()
                torch.save(o, buf, pickle_protocol=proto, _use_new_zipfile_serialization=zipped)
                # torch 1.13's weights-only unpickler has no FRAME opcode (protocol 4) and refuses
                # some checkpoints: those are loaded back with weights_only=False
                weights_only = proto < 4
                try:
                    torch.load(io.BytesIO(buf.getvalue()), weights_only=weights_only)
                except Exception:
                    weights_only = False
                write("torch_%s_p%d_%s.pt" % (name, proto, "zip" if zipped else "legacy"), buf.getvalue(),
                      "torch", name, "torch.save(pickle_protocol=%d, zip=%s), loads with weights_only=%s"
                      % (proto, zipped, weights_only),
                      lambda f: torch.load(f, weights_only=weights_only))
            attempt("torch", name, one)


def joblib_sweep():
    payload = {"frame": pd.DataFrame({"a": np.arange(4), "c": pd.Categorical(list("abab"))}),
               "w": np.arange(6.0).reshape(2, 3), "names": np.array(["x", "y"], dtype=object)}
    for method in ["zlib", "gzip", "bz2", "lzma", "xz", "lz4"]:
        for level in (1, 9):
            attempt("joblib", method, lambda method=method, level=level: via_file(
                "joblib_%s_level%d.joblib" % (method, level), "joblib", "frame and arrays",
                "joblib.dump(compress=(%r, %d))" % (method, level),
                lambda f: joblib.dump(payload, f, compress=(method, level)), joblib.load))
    attempt("joblib", "compress=True", lambda: via_file(
        "joblib_compress_true.joblib", "joblib", "frame and arrays", "joblib.dump(compress=True)",
        lambda f: joblib.dump(payload, f, compress=True), joblib.load))
    for ext in ("gz", "bz2", "xz", "lzma", "z"):
        attempt("joblib", "extension " + ext, lambda ext=ext: via_file(
            "joblib_by_extension.pkl.%s" % ext, "joblib", "frame and arrays",
            "joblib.dump(path ending .%s): compression chosen by extension" % ext,
            lambda f: (joblib.dump(payload, f + "." + ext), os.rename(f + "." + ext, f)),
            joblib.load))
    for proto in (0, 1, 3):
        attempt("joblib", "protocol %d" % proto, lambda proto=proto: via_file(
            "joblib_protocol%d.joblib" % proto, "joblib", "frame and arrays", "joblib.dump(protocol=%d)" % proto,
            lambda f: joblib.dump(payload, f, protocol=proto), joblib.load))
    attempt("joblib", "file object", lambda: via_file(
        "joblib_into_gzip_file.joblib.gz", "joblib", "frame and arrays", "joblib.dump(obj, gzip.open(...))",
        lambda f: joblib.dump(payload, __import__("gzip").open(f, "wb")),
        lambda f: joblib.load(__import__("gzip").open(f, "rb"))))


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    for part in (statsmodels_sweep, scipy_sweep, pandas_sweep, sklearn_sweep, numpy_sweep,
                 xgboost_sweep, torch_sweep, joblib_sweep):
        np.random.seed(0)
        part()
    versions = ", ".join("%s %s" % (m.__name__, m.__version__) for m in (
        joblib, np, pd, scipy, sklearn, statsmodels, torch, xgboost))
    with open(os.path.join(OUT, "MANIFEST.tsv"), "w") as fh:
        fh.write("# made by mlsec-scan/tools/sweep/make_sweep.py with Python %s; %s\n"
                 % (sys.version.split()[0], versions))
        fh.write("file\tlibrary\twhat\thow made\n")
        for row in sorted(MANIFEST):
            fh.write("\t".join(row) + "\n")
        for row in sorted(SKIPPED):
            fh.write("# skipped\t" + "\t".join(row) + "\n")
    print(len(MANIFEST), "files;", len(SKIPPED), "skipped")
    for s in SKIPPED:
        print("  skipped", *s)


if __name__ == "__main__":
    main()
