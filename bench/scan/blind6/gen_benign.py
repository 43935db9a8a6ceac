#!/usr/bin/python3
"""Writes bench/scan/blind6/benign/ with Debian's /usr/bin/python3 and the libraries' own save
functions (pickle.dump, joblib.dump, torch.save, np.save/savez, DataFrame.to_pickle,
statsmodels .save, xgboost save_model); MLflow / Spark ML / Hugging Face folder sidecars (YAML,
JSON, CRC, text) are written with the stdlib in the layout those projects publish.
Every file is expected `clean`. Fixed seeds; torch zips and joblib/gzip files embed versions.
Prints what the libraries refused to save (left out)."""
import copy, io, json, os, pickle, random, shutil, struct, sys, warnings, zlib

warnings.filterwarnings("ignore")
import numpy as np
import pandas as pd
import joblib
import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "benign")
ROWS = []
LEFT_OUT = []
np.random.seed(0)
random.seed(0)
torch.manual_seed(0)
RNG = np.random.RandomState(0)


def path(rel):
    p = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    return p


def row(rel, lib, how):
    ROWS.append((rel, lib, how))


def _saved(rel, lib, how, write):
    """run write(); on a library refusal record it as left out and remove any partial file"""
    try:
        write()
    except Exception as e:  # noqa: BLE001
        LEFT_OUT.append(f"{rel}: {type(e).__name__}: {e}")
        if os.path.exists(path(rel)):
            os.remove(path(rel))
        return
    row(rel, lib, how)


def save_pickle(rel, obj, lib, how, protocol=pickle.DEFAULT_PROTOCOL):
    def write():
        data = pickle.dumps(obj, protocol=protocol)  # before opening: a refusal leaves no file
        with open(path(rel), "wb") as f:
            f.write(data)
    _saved(rel, lib, f"{how} (pickle protocol {protocol})", write)


def save_joblib(rel, obj, lib, how, **kw):
    _saved(rel, lib, f"{how} (joblib.dump{' ' + str(kw) if kw else ''})", lambda: joblib.dump(obj, path(rel), **kw))


def save_torch(rel, obj, lib, how, **kw):
    _saved(rel, lib, f"{how} (torch.save{' ' + str(kw) if kw else ''})", lambda: torch.save(obj, path(rel), **kw))


def save_text(rel, text, lib, how):
    with open(path(rel), "w") as f:
        f.write(text)
    row(rel, lib, how)


def save_json(rel, obj, lib, how):
    save_text(rel, json.dumps(obj, indent=2) + "\n", lib, how)


# ================================================================ sklearn
def gen_sklearn():
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.compose import ColumnTransformer, make_column_transformer
    from sklearn.datasets import make_classification, make_regression
    from sklearn.ensemble import IsolationForest, HistGradientBoostingClassifier, StackingClassifier, VotingRegressor
    from sklearn.gaussian_process import GaussianProcessClassifier, GaussianProcessRegressor
    from sklearn.gaussian_process.kernels import RBF, Matern, RationalQuadratic, ExpSineSquared, WhiteKernel, ConstantKernel, DotProduct
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression, Ridge, LinearRegression
    from sklearn.pipeline import Pipeline, make_pipeline, FeatureUnion
    from sklearn.preprocessing import FunctionTransformer, LabelEncoder, OneHotEncoder, OrdinalEncoder, StandardScaler, LabelBinarizer
    from sklearn.svm import SVC, LinearSVC
    from sklearn.tree import DecisionTreeClassifier
    from sklearn.neighbors import LocalOutlierFactor
    from sklearn.covariance import MinCovDet

    X, y = make_classification(n_samples=120, n_features=5, n_informative=3, random_state=0)
    Xr, yr = make_regression(n_samples=80, n_features=3, random_state=0)
    Xp = np.abs(X) + 0.1
    L = "sklearn 1.2.1"
    # FunctionTransformer of numpy ufuncs, one file each
    for name in ["abs", "sign", "square", "cbrt", "arcsinh", "tanh", "exp2", "rint", "negative", "reciprocal", "log2", "log10", "sinh", "deg2rad"]:
        fn = getattr(np, name)
        inv = {"arcsinh": np.sinh, "log2": np.exp2, "cbrt": None, "sinh": np.arcsinh, "deg2rad": np.rad2deg}.get(name)
        ft = FunctionTransformer(fn, inverse_func=inv, check_inverse=False, validate=True).fit(Xp)
        p = make_pipeline(ft, StandardScaler(), LogisticRegression(max_iter=200)).fit(Xp, y)
        save_joblib(f"sklearn/ft_{name}_pipeline.joblib", p, L, f"Pipeline(FunctionTransformer(np.{name}), StandardScaler, LogisticRegression)")
    # ColumnTransformer over a DataFrame with categories and a ufunc branch
    df = pd.DataFrame({"age": RNG.randint(18, 80, 120).astype(float), "income": RNG.lognormal(10, 1, 120),
                       "city": RNG.choice(["paris", "lyon", "nice"], 120), "plan": RNG.choice(["free", "pro", "team"], 120)})
    df.loc[::17, "age"] = np.nan
    ct = ColumnTransformer([
        ("num", Pipeline([("imp", SimpleImputer(strategy="median")), ("log", FunctionTransformer(np.log1p, np.expm1)), ("sc", StandardScaler())]), ["age", "income"]),
        ("cat", OneHotEncoder(categories=[["lyon", "nice", "paris"], ["free", "pro", "team"]], handle_unknown="ignore", sparse_output=False), ["city", "plan"]),
    ], remainder="drop", verbose_feature_names_out=False)
    pipe = Pipeline([("prep", ct), ("clf", LogisticRegression(max_iter=300))]).fit(df, y)
    save_pickle("sklearn/columntransformer_pipeline.pkl", pipe, L, "ColumnTransformer(imputer+log1p, OneHotEncoder categories) + LogisticRegression", 4)
    save_joblib("sklearn/columntransformer_pipeline.joblib", pipe, L, "the same pipeline", compress=3)
    ct2 = make_column_transformer((OrdinalEncoder(categories=[["free", "pro", "team"]], handle_unknown="use_encoded_value", unknown_value=-1), ["plan"]),
                                  (FunctionTransformer(np.sqrt), ["income"]), remainder="passthrough").fit(df[["plan", "income", "age"]].fillna(0))
    save_pickle("sklearn/make_column_transformer_ordinal_sqrt.pkl", ct2, L, "make_column_transformer(OrdinalEncoder unknown_value, FunctionTransformer(np.sqrt), passthrough)", 5)
    fu = FeatureUnion([("sq", FunctionTransformer(np.square)), ("ab", FunctionTransformer(np.absolute))]).fit(X)
    save_pickle("sklearn/featureunion_ufuncs.pkl", fu, L, "FeatureUnion of FunctionTransformer(np.square/np.absolute)", 3)
    # TargetEncoder-like: per-category target means kept beside an OrdinalEncoder (sklearn 1.2 has no TargetEncoder)
    means = pd.Series(y).groupby(df["city"].values).mean().to_dict()
    enc = {"encoder": OrdinalEncoder().fit(df[["city"]]), "target_means": means, "prior": float(y.mean()), "smoothing": 10.0}
    save_joblib("sklearn/target_encoding_dict.joblib", enc, L, "target-encoding bundle: OrdinalEncoder + category means dict")
    # encoders
    le = LabelEncoder().fit(["cat", "dog", "mouse", "dog", "élan", "zebra"])
    save_pickle("sklearn/labelencoder_strings.pkl", le, L, "LabelEncoder of strings (incl. non-ASCII)", 4)
    save_pickle("sklearn/labelencoder_strings_p2.pkl", le, L, "LabelEncoder of strings", 2)
    save_pickle("sklearn/labelbinarizer.pkl", LabelBinarizer().fit(["a", "b", "c"]), L, "LabelBinarizer of strings", 4)
    ohe = OneHotEncoder(categories=[["s", "m", "l", "xl"]], drop="first", sparse_output=True).fit([["s"], ["m"], ["l"], ["xl"]])
    save_pickle("sklearn/onehot_drop_first.pkl", ohe, L, "OneHotEncoder(categories, drop='first', sparse)", 4)
    ohe2 = OneHotEncoder(min_frequency=5, max_categories=3, handle_unknown="infrequent_if_exist").fit(df[["city", "plan"]])
    save_joblib("sklearn/onehot_infrequent.joblib", ohe2, L, "OneHotEncoder(min_frequency, max_categories, infrequent_if_exist)")
    # calibrated classifiers
    for method in ("sigmoid", "isotonic"):
        cc = CalibratedClassifierCV(LinearSVC(random_state=0, max_iter=2000), method=method, cv=3).fit(X, y)
        save_pickle(f"sklearn/calibrated_linearsvc_{method}.pkl", cc, L, f"CalibratedClassifierCV(LinearSVC, {method}, cv=3)", 5)
    cc = CalibratedClassifierCV(DecisionTreeClassifier(max_depth=3, random_state=0), method="isotonic", cv=2, ensemble=False).fit(X, y)
    save_joblib("sklearn/calibrated_tree_noensemble.joblib", cc, L, "CalibratedClassifierCV(DecisionTree, ensemble=False)")
    # outlier detectors
    save_pickle("sklearn/isolationforest.pkl", IsolationForest(n_estimators=8, max_samples=64, random_state=0).fit(X), L, "IsolationForest(8 trees, max_samples=64)", 4)
    save_joblib("sklearn/isolationforest_contamination.joblib", IsolationForest(n_estimators=10, contamination=0.1, max_features=0.8, random_state=1).fit(X), L, "IsolationForest(contamination=0.1, max_features=0.8)", compress=("zlib", 3))
    save_pickle("sklearn/lof_novelty.pkl", LocalOutlierFactor(n_neighbors=10, novelty=True).fit(X), L, "LocalOutlierFactor(novelty=True)", 4)
    save_pickle("sklearn/mincovdet.pkl", MinCovDet(random_state=0).fit(X[:, :3]), L, "MinCovDet", 4)
    # Gaussian processes
    kernels = {"rbf_aniso": ConstantKernel(1.0) * RBF(length_scale=[1.0, 2.0, 0.5]),
               "matern_white": Matern(length_scale=1.0, nu=2.5) + WhiteKernel(0.1),
               "rq": RationalQuadratic(length_scale=1.0, alpha=0.5),
               "periodic_dot": ExpSineSquared(1.0, 3.0) + DotProduct(sigma_0=1.0) ** 2 + WhiteKernel(0.5)}
    for k, kern in kernels.items():
        try:
            g = GaussianProcessRegressor(kernel=kern, alpha=1e-2, normalize_y=True, random_state=0,
                                         optimizer=None if k == "periodic_dot" else "fmin_l_bfgs_b").fit(Xr[:40, :1] if k == "periodic_dot" else Xr[:40], yr[:40])
        except Exception as e:  # noqa: BLE001
            LEFT_OUT.append(f"gpr_{k}: {type(e).__name__}: {str(e)[:80]}")
            continue
        save_pickle(f"sklearn/gpr_{k}.pkl", g, L, f"GaussianProcessRegressor({kern})", 4)
    gpc = GaussianProcessClassifier(kernel=1.0 * RBF(1.0), multi_class="one_vs_rest", random_state=0).fit(X[:60], (np.arange(60) % 3))
    save_joblib("sklearn/gpc_one_vs_rest.joblib", gpc, L, "GaussianProcessClassifier(one_vs_rest, 3 classes)")
    # ensembles
    st = StackingClassifier([("lr", LogisticRegression(max_iter=200)), ("svc", SVC(probability=True, random_state=0))], final_estimator=LogisticRegression()).fit(X, y)
    save_pickle("sklearn/stacking.pkl", st, L, "StackingClassifier(LR, SVC probability)", 5)
    vr = VotingRegressor([("ridge", Ridge()), ("lin", LinearRegression())]).fit(Xr, yr)
    save_pickle("sklearn/voting_regressor.pkl", vr, L, "VotingRegressor(Ridge, LinearRegression)", 4)
    hgb = HistGradientBoostingClassifier(max_iter=10, categorical_features=[0], random_state=0).fit(np.c_[RNG.randint(0, 4, 120), X[:, 1:]], y)
    save_joblib("sklearn/hgb_categorical.joblib", hgb, L, "HistGradientBoostingClassifier(categorical_features=[0])")


# ================================================================ pandas
def gen_pandas():
    L = "pandas 1.5.3"
    n = 12
    base = pd.DataFrame({
        "cat": pd.Categorical(list("abcabcabcabc"), categories=["c", "b", "a"], ordered=True),
        "period": pd.period_range("2024-01", periods=n, freq="M"),
        "interval": pd.interval_range(0, n, periods=n),
        "flag": pd.array([True, False, None] * 4, dtype="boolean"),
        "f64": pd.array([0.5, None, 2.25] * 4, dtype="Float64"),
        "i8": pd.array([1, None, 3] * 4, dtype="Int8"),
        "s": pd.array(["x", None, "z"] * 4, dtype="string"),
        "td": pd.to_timedelta(np.arange(n), unit="h"),
        "dt": pd.date_range("2024-03-30", periods=n, freq="6H", tz="Europe/Paris"),
        "sparse": pd.arrays.SparseArray([0, 0, 1.5] * 4),
    })
    for c in base.columns:
        save_pickle(f"pandas/col_{c}.pkl", base[[c]], L, f"DataFrame with one {base[c].dtype} column", 4)
    base.to_pickle(path("pandas/frame_all_dtypes.pkl"))
    row("pandas/frame_all_dtypes.pkl", L, "DataFrame.to_pickle of categorical/period/interval/boolean/Float64/Int8/string/tz columns")
    base.to_pickle(path("pandas/frame_all_dtypes_p2.pkl"), protocol=2)
    row("pandas/frame_all_dtypes_p2.pkl", L, "the same, to_pickle(protocol=2)")
    base.to_pickle(path("pandas/frame_all_dtypes.pkl.bz2"))
    row("pandas/frame_all_dtypes.pkl.bz2", L, "to_pickle with inferred bz2")
    base.to_pickle(path("pandas/frame_all_dtypes.pkl.zip"))
    row("pandas/frame_all_dtypes.pkl.zip", L, "to_pickle with inferred zip")
    base.to_pickle(path("pandas/frame_all_dtypes.pkl.tar"))
    row("pandas/frame_all_dtypes.pkl.tar", L, "to_pickle with inferred tar (pandas >= 1.5)")
    base.to_pickle(path("pandas/frame_all_dtypes.pkl.tar.gz"))
    row("pandas/frame_all_dtypes.pkl.tar.gz", L, "to_pickle with inferred tar.gz")
    attrs = base.copy()
    attrs.attrs = {"source": "sensor-7", "units": {"f64": "m/s"}, "version": 3, "created": pd.Timestamp("2024-01-01")}
    save_pickle("pandas/frame_attrs.pkl", attrs, L, "DataFrame with an attrs dict (nested dict, Timestamp)", 5)
    s = pd.Series([1.0, 2.0], name="x")
    s.attrs = {"note": "calibrated"}
    save_pickle("pandas/series_attrs.pkl", s, L, "Series with attrs", 4)
    sales = pd.DataFrame({"shop": RNG.choice(["n", "s", "e"], 60), "item": RNG.choice(["tea", "cake"], 60),
                          "qty": RNG.randint(1, 9, 60), "price": RNG.uniform(1, 5, 60).round(2)})
    g = sales.groupby(["shop", "item"]).agg(total=("qty", "sum"), mean_price=("price", "mean"), n=("qty", "size"))
    save_pickle("pandas/groupby_named_agg.pkl", g, L, "groupby(2 keys).agg(named aggregation) result (MultiIndex)", 4)
    save_pickle("pandas/groupby_multi_funcs.pkl", sales.groupby("shop")[["qty", "price"]].agg(["min", "max", "median"]), L, "groupby.agg(list of funcs): MultiIndex columns", 4)
    save_pickle("pandas/groupby_transform.pkl", sales.groupby("shop")["qty"].transform("cumsum"), L, "groupby.transform('cumsum') Series", 4)
    save_pickle("pandas/groupby_categorical_observed.pkl",
                sales.assign(shop=pd.Categorical(sales.shop, categories=["n", "s", "e", "w"])).groupby("shop", observed=False)["qty"].sum(), L,
                "groupby of a categorical with an unobserved category", 4)
    save_pickle("pandas/groupby_size_unstack.pkl", sales.groupby(["shop", "item"]).size().unstack(fill_value=0), L, "groupby.size().unstack()", 4)
    q = sales.query("qty > 3 and item == 'tea'")
    save_pickle("pandas/query_result.pkl", q, L, "DataFrame.query result (a filtered copy)", 4)
    save_pickle("pandas/query_reset.pkl", sales[sales.price.between(2, 4)].reset_index(drop=True), L, "boolean-mask result", 5)
    save_pickle("pandas/crosstab_normalized.pkl", pd.crosstab(sales.shop, sales.item, normalize="index"), L, "crosstab(normalize='index')", 4)
    save_pickle("pandas/melted.pkl", sales.head(10).melt(id_vars=["shop"], value_vars=["qty", "price"]), L, "melt result", 4)
    save_pickle("pandas/period_frame_index.pkl", pd.DataFrame({"v": range(6)}, index=pd.period_range("2024Q1", periods=6, freq="Q")), L, "quarterly PeriodIndex frame", 4)
    save_pickle("pandas/interval_cut.pkl", pd.cut(sales.price, bins=[0, 2, 3, 5]), L, "pd.cut result (categorical of intervals)", 4)
    save_pickle("pandas/qcut_codes.pkl", pd.qcut(sales.price, 4, labels=False, retbins=True), L, "pd.qcut(labels=False, retbins=True) tuple", 4)
    save_pickle("pandas/value_counts_norm.pkl", sales.item.value_counts(normalize=True), L, "value_counts(normalize=True)", 4)
    save_pickle("pandas/rolling_corr.pkl", sales[["qty", "price"]].rolling(5).corr(), L, "rolling(5).corr() (MultiIndex)", 4)
    save_pickle("pandas/get_dummies.pkl", pd.get_dummies(sales[["shop", "item"]], dtype="uint8"), L, "get_dummies", 4)
    save_pickle("pandas/categorical_dtype.pkl", pd.CategoricalDtype(["lo", "hi"], ordered=True), L, "a bare CategoricalDtype", 4)
    save_pickle("pandas/interval_dtype_index.pkl", pd.IntervalIndex.from_breaks([0.0, 0.5, 1.0], closed="left"), L, "IntervalIndex closed='left'", 4)


# ================================================================ torch
def gen_torch():
    L = "torch 1.13"
    seq = nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4, 2), nn.BatchNorm1d(2))
    seq.train()
    for _ in range(2):
        seq(torch.randn(4, 3, 8, 8))
    seq.eval()
    save_torch("torch/seq_batchnorm_state_dict.pt", seq.state_dict(), L, "nn.Sequential with BatchNorm buffers (running_mean/var, num_batches_tracked): state_dict")
    save_torch("torch/seq_batchnorm_module.pt", seq, L, "the whole nn.Sequential module")
    save_torch("torch/seq_batchnorm_legacy.pt", seq.state_dict(), L, "state_dict, legacy format", _use_new_zipfile_serialization=False)
    ema = copy.deepcopy(seq)
    with torch.no_grad():
        for pe, pm in zip(ema.parameters(), seq.parameters()):
            pe.mul_(0.999).add_(pm, alpha=0.001)
    save_torch("torch/ema_checkpoint.pt", {"model": seq.state_dict(), "model_ema": ema.state_dict(), "ema_decay": 0.999, "ema_updates": 2}, L, "checkpoint with an EMA copy (deepcopy) state_dict")
    save_torch("torch/ema_module.pt", ema, L, "the EMA deepcopy as a whole module")
    model = nn.Linear(4, 2)

    def opt():
        return torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)

    sch = {
        "onecycle_linear": lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.5, total_steps=20, anneal_strategy="linear", three_phase=True),
        "cosine_warm_restarts": lambda o: torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(o, T_0=5, T_mult=2, eta_min=1e-4),
        "plateau_max": lambda o: torch.optim.lr_scheduler.ReduceLROnPlateau(o, mode="max", factor=0.5, patience=1, threshold_mode="abs", cooldown=1),
        "polynomial": lambda o: torch.optim.lr_scheduler.PolynomialLR(o, total_iters=10, power=2.0),
        "linear": lambda o: torch.optim.lr_scheduler.LinearLR(o, start_factor=0.1, total_iters=4),
        "constant": lambda o: torch.optim.lr_scheduler.ConstantLR(o, factor=0.5, total_iters=3),
        "exponential": lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.9),
        "cosine": lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=10),
        "step": lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=3, gamma=0.5),
    }
    for k, mk in sch.items():
        o = opt()
        s = mk(o)
        for i in range(4):
            o.step()
            s.step(1.0 - 0.1 * i) if k == "plateau_max" else s.step()
        save_torch(f"torch/sched_{k}.pt", {"optimizer": o.state_dict(), "scheduler": s.state_dict(), "step": 4}, L, f"{type(s).__name__} + SGD state_dicts after 4 steps")
    o = opt()
    ch = torch.optim.lr_scheduler.ChainedScheduler([torch.optim.lr_scheduler.ConstantLR(o, factor=0.5, total_iters=2), torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.9)])
    o.step(); ch.step()
    save_torch("torch/sched_chained.pt", ch.state_dict(), L, "ChainedScheduler state_dict")
    o = opt()
    lam = torch.optim.lr_scheduler.LambdaLR(o, lr_lambda=lambda e: 0.95 ** e)
    o.step(); lam.step()
    save_torch("torch/sched_lambda.pt", lam.state_dict(), L, "LambdaLR state_dict (the lambda itself is not saved)")
    scaler = torch.cuda.amp.GradScaler(init_scale=1024.0, growth_interval=100, enabled=True)
    save_torch("torch/gradscaler_state.pt", {"scaler": scaler.state_dict(), "amp": True}, L, "GradScaler state_dict (CPU build: a disabled scaler's dict)")
    from torch.ao.quantization import observer as ob, fake_quantize as fq
    x = torch.randn(16, 4)
    obs = {"minmax": ob.MinMaxObserver(), "moving_avg": ob.MovingAverageMinMaxObserver(averaging_constant=0.1),
           "per_channel": ob.PerChannelMinMaxObserver(ch_axis=1), "moving_per_channel": ob.MovingAveragePerChannelMinMaxObserver(ch_axis=1),
           "histogram": ob.HistogramObserver(bins=64)}
    for k, o_ in obs.items():
        o_(x)
        save_torch(f"torch/observer_{k}_state_dict.pt", o_.state_dict(), L, f"{type(o_).__name__} state_dict after one batch")
        save_torch(f"torch/observer_{k}_module.pt", o_, L, f"{type(o_).__name__} as a whole module")
    f_ = fq.FakeQuantize(); f_(x)
    save_torch("torch/fakequantize_state_dict.pt", f_.state_dict(), L, "FakeQuantize state_dict")
    # a Hugging Face Trainer-style checkpoint folder
    d = "hf_trainer_checkpoint-500"
    m = nn.Sequential(nn.Embedding(20, 8), nn.LayerNorm(8), nn.Linear(8, 20))
    o = torch.optim.AdamW(m.parameters(), lr=5e-4, weight_decay=0.01)
    m(torch.tensor([[1, 2, 3]])).sum().backward(); o.step()
    s = torch.optim.lr_scheduler.LambdaLR(o, lambda st: min(1.0, (st + 1) / 10))
    s.step()
    save_torch(f"{d}/pytorch_model.bin", m.state_dict(), "torch 1.13 / HF Trainer layout", "model state_dict named pytorch_model.bin")
    save_torch(f"{d}/optimizer.pt", o.state_dict(), "torch 1.13 / HF Trainer layout", "AdamW state_dict")
    save_torch(f"{d}/scheduler.pt", s.state_dict(), "torch 1.13 / HF Trainer layout", "LambdaLR state_dict")
    save_torch(f"{d}/scaler.pt", torch.cuda.amp.GradScaler().state_dict(), "torch 1.13 / HF Trainer layout", "GradScaler state_dict")
    rng = {"python": random.getstate(), "numpy": np.random.get_state(), "cpu": torch.random.get_rng_state()}
    save_torch(f"{d}/rng_state.pth", rng, "torch 1.13 / HF Trainer layout", "rng_state.pth: random.getstate() tuple, np.random.get_state() tuple, torch rng tensor")
    save_json(f"{d}/trainer_state.json", {"best_metric": None, "epoch": 1.0, "global_step": 500, "is_hyper_param_search": False,
                                          "log_history": [{"epoch": 1.0, "learning_rate": 5e-4, "loss": 2.31, "step": 500}],
                                          "max_steps": 1000, "num_train_epochs": 2, "total_flos": 1234.0, "trial_name": None, "trial_params": None},
              "HF Trainer layout", "trainer_state.json")
    # LoRA adapter folder
    d = "hf_lora_adapter"
    lora = {f"base_model.model.model.layers.{i}.self_attn.{p}.lora_{ab}.weight": torch.randn(4 if ab == "A" else 16, 16 if ab == "A" else 4) * 0.01
            for i in range(2) for p in ("q_proj", "v_proj") for ab in ("A", "B")}
    save_torch(f"{d}/adapter_model.bin", lora, "torch 1.13 / PEFT layout", "LoRA adapter_model.bin (torch.save of the lora_A/lora_B state_dict)")
    save_json(f"{d}/adapter_config.json", {"alpha_pattern": {"v_proj": 32}, "auto_mapping": None, "base_model_name_or_path": "TinyLlama/TinyLlama-1.1B-Chat-v1.0",
                                           "bias": "none", "fan_in_fan_out": False, "inference_mode": True, "init_lora_weights": True,
                                           "layers_pattern": None, "layers_to_transform": [0, 1], "lora_alpha": 16, "lora_dropout": 0.05,
                                           "modules_to_save": ["lm_head"], "peft_type": "LORA", "r": 4, "rank_pattern": {"q_proj": 8}, "revision": None,
                                           "target_modules": ["q_proj", "v_proj"], "task_type": "CAUSAL_LM", "use_dora": False, "use_rslora": True},
              "PEFT layout", "LoRA adapter_config.json with rank_pattern/alpha_pattern/layers_to_transform/use_rslora")
    save_text(f"{d}/README.md", "---\nlibrary_name: peft\nbase_model: TinyLlama/TinyLlama-1.1B-Chat-v1.0\n---\n\n# LoRA adapter\n", "PEFT layout", "model card")


# ================================================================ numpy
def gen_numpy():
    L = "numpy 1.24.2"
    m = np.ma.masked_array(np.arange(12.0).reshape(3, 4), mask=np.eye(3, 4, dtype=bool), fill_value=-999.0)
    save_pickle("numpy/masked_2d.pkl", m, L, "np.ma.masked_array with a mask and fill_value", 4)
    save_pickle("numpy/masked_2d_p2.pkl", m, L, "the same", 2)
    save_pickle("numpy/masked_int_hardmask.pkl", np.ma.masked_array([1, 2, 3], mask=[0, 1, 0], hard_mask=True, dtype=np.int16), L, "hard-mask int16 masked array", 5)
    save_pickle("numpy/masked_invalid.pkl", np.ma.masked_invalid(np.array([1.0, np.nan, np.inf, 4.0])), L, "np.ma.masked_invalid", 4)
    rec = np.rec.fromrecords([(1, 2.5, b"ab"), (2, 3.5, b"cd")], names="id,score,tag")
    save_pickle("numpy/recarray_fromrecords.pkl", rec, L, "np.rec.fromrecords", 4)
    save_pickle("numpy/recarray_fromarrays.pkl", np.rec.fromarrays([np.arange(3), np.linspace(0, 1, 3)], names=["a", "b"]), L, "np.rec.fromarrays", 3)
    np.save(path("numpy/recarray.npy"), rec)
    row("numpy/recarray.npy", L, "np.save of a record array (structured dtype, no pickle)")
    np.save(path("numpy/masked_data.npy"), m.filled())
    row("numpy/masked_data.npy", L, "np.save of masked.filled()")
    members = {f"layer_{i:02d}_{k}": RNG.randn(3, 2).astype(np.float32) for i in range(20) for k in ("w", "b")}
    np.savez(path("numpy/many_members.npz"), **members)
    row("numpy/many_members.npz", L, "np.savez of 40 named members")
    np.savez_compressed(path("numpy/many_members_compressed.npz"), *[np.full(4, i, dtype=np.int8) for i in range(64)])
    row("numpy/many_members_compressed.npz", L, "np.savez_compressed of 64 positional members (arr_0..arr_63)")
    np.savez(path("numpy/mixed_dtypes.npz"), dt=np.arange("2024-01", "2024-06", dtype="datetime64[M]"), u=np.array(["α", "β"]),
             c=np.array([1 + 2j], dtype=np.complex128), rec=rec, b=np.array([True, False]), m=np.ma.getmaskarray(m))
    row("numpy/mixed_dtypes.npz", L, "np.savez of datetime64/unicode/complex/record/bool members")


# ================================================================ statsmodels / xgboost
def gen_statsmodels_xgboost():
    import statsmodels.api as sm
    from statsmodels.tsa.arima.model import ARIMA
    from statsmodels.tsa.statespace.sarimax import SARIMAX
    L = "statsmodels 0.13.5"
    y = np.cumsum(RNG.randn(60)) + 10
    idx = pd.date_range("2020-01-31", periods=60, freq="M")
    ys = pd.Series(y, index=idx)
    fits = {
        "arima_111": lambda: ARIMA(ys, order=(1, 1, 1)).fit(),
        "arima_trend": lambda: ARIMA(ys, order=(2, 0, 0), trend="ct").fit(),
        "sarimax_seasonal": lambda: SARIMAX(ys, order=(1, 0, 0), seasonal_order=(1, 0, 0, 4)).fit(disp=False),
        "sarimax_exog": lambda: SARIMAX(ys, exog=np.arange(60.0), order=(1, 0, 1)).fit(disp=False),
    }
    for k, f in fits.items():
        try:
            r = f()
            r.save(path(f"statsmodels/{k}.pickle"))
            row(f"statsmodels/{k}.pickle", L, f"{type(r).__name__}.save()")
        except Exception as e:  # noqa: BLE001
            LEFT_OUT.append(f"statsmodels/{k}: {e}")
    r = ARIMA(ys, order=(1, 1, 0)).fit()
    r.save(path("statsmodels/arima_remove_data.pickle"), remove_data=True)
    row("statsmodels/arima_remove_data.pickle", L, "ARIMAResults.save(remove_data=True)")
    import xgboost as xgb
    L = "xgboost 1.7.4"
    from sklearn.datasets import make_classification
    X, yy = make_classification(n_samples=100, n_features=4, random_state=0)
    c = xgb.XGBClassifier(n_estimators=5, max_depth=2, random_state=0).fit(X, yy)
    save_pickle("xgboost/xgbclassifier.pkl", c, L, "XGBClassifier pickle", 4)
    save_pickle("xgboost/xgbclassifier_p2.pkl", c, L, "XGBClassifier pickle", 2)
    save_joblib("xgboost/xgbclassifier.joblib", c, L, "XGBClassifier")
    r_ = xgb.XGBRegressor(n_estimators=5, max_depth=2, random_state=0).fit(X, X[:, 0])
    save_pickle("xgboost/xgbregressor.pkl", r_, L, "XGBRegressor pickle", 5)
    save_pickle("xgboost/booster.pkl", c.get_booster(), L, "a bare Booster pickle", 4)


# ================================================================ MLflow folders
def mlmodel(flavors, sig=True):
    s = ("artifact_path: model\nflavors:\n" + flavors + "mlflow_version: 2.9.2\nmodel_uuid: 0d5e8a1b2c3d4e5f60718293a4b5c6d7\n")
    if sig:
        s += ("signature:\n  inputs: '[{\"type\": \"double\", \"name\": \"f0\", \"required\": true}, {\"type\": \"double\", \"name\": \"f1\", \"required\": true}]'\n"
              "  outputs: '[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"int64\", \"shape\": [-1]}}]'\n  params: null\n")
    return s + "utc_time_created: '2026-01-01 00:00:00.000000'\n"


CONDA = "channels:\n- conda-forge\ndependencies:\n- python=3.11.2\n- pip<=23.3.1\n- pip:\n  - mlflow==2.9.2\n{deps}name: mlflow-env\n"
PYENV = "python: 3.11.2\nbuild_dependencies:\n- pip==23.3.1\n- setuptools==68.2.2\n- wheel==0.41.3\ndependencies:\n- -r requirements.txt\n"


def mlflow_sidecars(d, deps):
    save_text(f"{d}/conda.yaml", CONDA.format(deps="".join(f"  - {x}\n" for x in deps)), "MLflow layout", "conda.yaml")
    save_text(f"{d}/python_env.yaml", PYENV, "MLflow layout", "python_env.yaml")
    save_text(f"{d}/requirements.txt", "mlflow==2.9.2\n" + "".join(x + "\n" for x in deps), "MLflow layout", "requirements.txt")


def gen_mlflow():
    from sklearn.linear_model import LogisticRegression
    from sklearn.datasets import make_classification
    X, y = make_classification(n_samples=60, n_features=2, n_informative=2, n_redundant=0, random_state=0)
    lr = LogisticRegression().fit(X, y)
    d = "mlflow_sklearn_model"
    save_text(f"{d}/MLmodel", mlmodel("  python_function:\n    env:\n      conda: conda.yaml\n      virtualenv: python_env.yaml\n    loader_module: mlflow.sklearn\n    model_path: model.pkl\n    predict_fn: predict\n    python_version: 3.11.2\n  sklearn:\n    code: null\n    pickled_model: model.pkl\n    serialization_format: cloudpickle\n    sklearn_version: 1.2.1\n"), "MLflow layout", "MLmodel (sklearn flavor)")
    mlflow_sidecars(d, ["scikit-learn==1.2.1", "cloudpickle==2.2.0"])
    save_pickle(f"{d}/model.pkl", lr, "sklearn 1.2.1 / MLflow", "model.pkl (LogisticRegression, pickle.dumps as cloudpickle would for a library class)", 4)
    save_json(f"{d}/input_example.json", {"columns": ["f0", "f1"], "data": [[0.1, 0.2]]}, "MLflow layout", "input_example.json")
    d = "mlflow_pytorch_model"
    net = nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 2))
    save_text(f"{d}/MLmodel", mlmodel("  python_function:\n    data: data\n    env:\n      conda: conda.yaml\n      virtualenv: python_env.yaml\n    loader_module: mlflow.pytorch\n    pickle_module_name: mlflow.pytorch.pickle_module\n    python_version: 3.11.2\n  pytorch:\n    code: null\n    model_data: data\n    pytorch_version: 1.13.0\n", sig=False), "MLflow layout", "MLmodel (pytorch flavor)")
    mlflow_sidecars(d, ["torch==1.13.0"])
    save_torch(f"{d}/data/model.pth", net, "torch 1.13 / MLflow", "data/model.pth: the whole nn.Sequential")
    save_text(f"{d}/data/pickle_module_info.txt", "mlflow.pytorch.pickle_module", "MLflow layout", "data/pickle_module_info.txt")
    d = "mlflow_statsmodels_model"
    import statsmodels.api as sm
    res = sm.OLS(X[:, 0], sm.add_constant(X[:, 1])).fit()
    save_text(f"{d}/MLmodel", mlmodel("  python_function:\n    data: model.statsmodels\n    env:\n      conda: conda.yaml\n      virtualenv: python_env.yaml\n    loader_module: mlflow.statsmodels\n    python_version: 3.11.2\n  statsmodels:\n    code: null\n    data: model.statsmodels\n    statsmodels_version: 0.13.5\n", sig=False), "MLflow layout", "MLmodel (statsmodels flavor)")
    mlflow_sidecars(d, ["statsmodels==0.13.5"])
    res.save(path(f"{d}/model.statsmodels"))
    row(f"{d}/model.statsmodels", "statsmodels 0.13.5 / MLflow", "OLSResults.save() named model.statsmodels")
    d = "mlflow_xgboost_model"
    import xgboost as xgb
    b = xgb.XGBClassifier(n_estimators=3, max_depth=2, random_state=0).fit(X, y)
    save_text(f"{d}/MLmodel", mlmodel("  python_function:\n    data: model.xgb\n    env:\n      conda: conda.yaml\n      virtualenv: python_env.yaml\n    loader_module: mlflow.xgboost\n    python_version: 3.11.2\n  xgboost:\n    code: null\n    data: model.xgb\n    model_class: xgboost.sklearn.XGBClassifier\n    model_format: xgb\n    xgb_version: 1.7.4\n"), "MLflow layout", "MLmodel (xgboost flavor)")
    mlflow_sidecars(d, ["xgboost==1.7.4"])
    b.save_model(path(f"{d}/model.xgb"))
    row(f"{d}/model.xgb", "xgboost 1.7.4 / MLflow", "XGBClassifier.save_model('model.xgb') (binary/JSON by extension)")
    d = "mlflow_pyfunc_model"
    save_text(f"{d}/MLmodel", mlmodel("  python_function:\n    artifacts:\n      scaler:\n        path: artifacts/scaler.joblib\n        uri: /tmp/scaler.joblib\n    cloudpickle_version: 2.2.0\n    env:\n      conda: conda.yaml\n      virtualenv: python_env.yaml\n    loader_module: mlflow.pyfunc.model\n    python_model: python_model.pkl\n    python_version: 3.11.2\n", sig=False), "MLflow layout", "MLmodel (pyfunc python_model + artifacts)")
    mlflow_sidecars(d, ["scikit-learn==1.2.1"])
    from sklearn.preprocessing import StandardScaler
    save_joblib(f"{d}/artifacts/scaler.joblib", StandardScaler().fit(X), "sklearn 1.2.1 / MLflow", "artifact StandardScaler")
    # python_model.pkl: a library object stands in for the user's PythonModel (which would be __main__ code)
    save_pickle(f"{d}/python_model.pkl", {"threshold": 0.5, "labels": ["neg", "pos"]}, "MLflow layout", "python_model.pkl stand-in (plain dict)", 4)


# ================================================================ Spark ML folders (stdlib)
def hadoop_crc(data, bpc=512):
    """a Hadoop ChecksumFileSystem .crc file: b'crc\\0', bytesPerChecksum, then big-endian CRC32 per chunk"""
    out = b"crc\x00" + struct.pack(">I", bpc)
    for i in range(0, max(len(data), 1), bpc):
        out += struct.pack(">I", zlib.crc32(data[i:i + bpc]) & 0xFFFFFFFF)
    return out


def spark_meta(d, meta, lib):
    data = (json.dumps(meta, separators=(",", ":")) + "\n").encode()
    with open(path(f"{d}/metadata/part-00000"), "wb") as f:
        f.write(data)
    row(f"{d}/metadata/part-00000", lib, f"metadata JSON ({meta['class']})")
    with open(path(f"{d}/metadata/.part-00000.crc"), "wb") as f:
        f.write(hadoop_crc(data))
    row(f"{d}/metadata/.part-00000.crc", lib, "Hadoop CRC of the metadata")
    open(path(f"{d}/metadata/_SUCCESS"), "wb").close()
    row(f"{d}/metadata/_SUCCESS", lib, "empty _SUCCESS marker")
    with open(path(f"{d}/metadata/._SUCCESS.crc"), "wb") as f:
        f.write(hadoop_crc(b""))
    row(f"{d}/metadata/._SUCCESS.crc", lib, "Hadoop CRC of _SUCCESS")


def gen_spark():
    L = "Spark ML 3.5 layout (stdlib)"
    base = "spark_pipeline_model"
    ts = 1767225600000
    spark_meta(base, {"class": "pyspark.ml.pipeline.PipelineModel", "timestamp": ts, "sparkVersion": "3.5.0", "uid": "PipelineModel_3f1c",
                      "paramMap": {"stageUids": ["StringIndexer_8a2b", "VectorAssembler_1d4e", "LogisticRegression_77c0"]},
                      "defaultParamMap": {}, "language": "Python"}, L)
    spark_meta(f"{base}/stages/0_StringIndexer_8a2b", {"class": "org.apache.spark.ml.feature.StringIndexerModel", "timestamp": ts, "sparkVersion": "3.5.0",
               "uid": "StringIndexer_8a2b", "paramMap": {"inputCol": "city", "outputCol": "city_idx", "handleInvalid": "keep"},
               "defaultParamMap": {"stringOrderType": "frequencyDesc", "handleInvalid": "error", "outputCol": "StringIndexer_8a2b__output"}}, L)
    spark_meta(f"{base}/stages/1_VectorAssembler_1d4e", {"class": "org.apache.spark.ml.feature.VectorAssembler", "timestamp": ts, "sparkVersion": "3.5.0",
               "uid": "VectorAssembler_1d4e", "paramMap": {"inputCols": ["city_idx", "age"], "outputCol": "features"},
               "defaultParamMap": {"handleInvalid": "error"}}, L)
    spark_meta(f"{base}/stages/2_LogisticRegression_77c0", {"class": "org.apache.spark.ml.classification.LogisticRegressionModel", "timestamp": ts,
               "sparkVersion": "3.5.0", "uid": "LogisticRegression_77c0", "paramMap": {"maxIter": 20, "regParam": 0.01, "featuresCol": "features", "labelCol": "label"},
               "defaultParamMap": {"family": "auto", "threshold": 0.5, "standardization": True, "tol": 1e-6}}, L)
    base = "spark_mlflow_sparkml"
    save_text(f"{base}/MLmodel", mlmodel("  python_function:\n    data: sparkml\n    env:\n      conda: conda.yaml\n      virtualenv: python_env.yaml\n    loader_module: mlflow.spark\n    python_version: 3.11.2\n  spark:\n    code: null\n    model_class: pyspark.ml.pipeline.PipelineModel\n    model_data: sparkml\n    pyspark_version: 3.5.0\n", sig=False), "MLflow layout", "MLmodel (spark flavor)")
    spark_meta(f"{base}/sparkml", {"class": "pyspark.ml.pipeline.PipelineModel", "timestamp": ts, "sparkVersion": "3.5.0", "uid": "PipelineModel_5e6f",
                                   "paramMap": {"stageUids": ["Tokenizer_0a1b"]}, "defaultParamMap": {}, "language": "Python"}, L)
    spark_meta(f"{base}/sparkml/stages/0_Tokenizer_0a1b", {"class": "org.apache.spark.ml.feature.Tokenizer", "timestamp": ts, "sparkVersion": "3.5.0",
               "uid": "Tokenizer_0a1b", "paramMap": {"inputCol": "text", "outputCol": "words"}, "defaultParamMap": {"outputCol": "Tokenizer_0a1b__output"}}, L)


# ================================================================ HF config folders (stdlib)
def gen_hf():
    L = "HF layout (stdlib JSON)"
    d = "hf_bert_tiny"
    save_json(f"{d}/config.json", {"architectures": ["BertForSequenceClassification"], "attention_probs_dropout_prob": 0.1, "hidden_act": "gelu",
                                   "hidden_size": 128, "id2label": {"0": "NEG", "1": "POS"}, "label2id": {"NEG": 0, "POS": 1}, "model_type": "bert",
                                   "num_attention_heads": 2, "num_hidden_layers": 2, "vocab_size": 30, "torch_dtype": "float32",
                                   "transformers_version": "4.40.0"}, L, "BERT config.json")
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + list("abcdefghijklmnopqrstuvwxy")
    save_text(f"{d}/vocab.txt", "\n".join(vocab) + "\n", L, "WordPiece vocab.txt")
    save_json(f"{d}/tokenizer.json", {"version": "1.0", "truncation": None, "padding": None,
                                      "added_tokens": [{"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False, "normalized": False, "special": True} for i, t in enumerate(vocab[:5])],
                                      "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True, "strip_accents": None, "lowercase": True},
                                      "pre_tokenizer": {"type": "BertPreTokenizer"},
                                      "post_processor": {"type": "TemplateProcessing", "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
                                                         "pair": [], "special_tokens": {"[CLS]": {"id": "[CLS]", "ids": [2], "tokens": ["[CLS]"]}, "[SEP]": {"id": "[SEP]", "ids": [3], "tokens": ["[SEP]"]}}},
                                      "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
                                      "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##", "max_input_chars_per_word": 100, "vocab": {t: i for i, t in enumerate(vocab)}}},
              L, "fast tokenizer.json (WordPiece)")
    save_json(f"{d}/tokenizer_config.json", {"clean_up_tokenization_spaces": True, "cls_token": "[CLS]", "do_lower_case": True, "mask_token": "[MASK]",
                                             "model_max_length": 512, "pad_token": "[PAD]", "sep_token": "[SEP]", "strip_accents": None,
                                             "tokenize_chinese_chars": True, "tokenizer_class": "BertTokenizer", "unk_token": "[UNK]"}, L, "tokenizer_config.json")
    save_json(f"{d}/special_tokens_map.json", {"cls_token": "[CLS]", "mask_token": "[MASK]", "pad_token": "[PAD]", "sep_token": "[SEP]", "unk_token": "[UNK]"}, L, "special_tokens_map.json")
    d = "hf_gpt2_bpe"
    save_json(f"{d}/config.json", {"activation_function": "gelu_new", "architectures": ["GPT2LMHeadModel"], "bos_token_id": 0, "eos_token_id": 0,
                                   "model_type": "gpt2", "n_ctx": 64, "n_embd": 32, "n_head": 2, "n_layer": 2, "n_positions": 64, "vocab_size": 16,
                                   "task_specific_params": {"text-generation": {"do_sample": True, "max_length": 50}}}, L, "GPT-2 config.json")
    save_json(f"{d}/vocab.json", {t: i for i, t in enumerate(["<|endoftext|>", "a", "b", "c", "Ġ", "ab", "Ġa", "bc"])}, L, "BPE vocab.json")
    save_text(f"{d}/merges.txt", "#version: 0.2\na b\nĠ a\nb c\n", L, "BPE merges.txt")
    save_json(f"{d}/generation_config.json", {"bos_token_id": 0, "eos_token_id": 0, "transformers_version": "4.40.0"}, L, "generation_config.json")
    d = "hf_llama_chat"
    tpl = ("{% for message in messages %}{% if message['role'] == 'system' %}{{ '<|system|>\\n' + message['content'] + eos_token }}"
           "{% elif message['role'] == 'user' %}{{ '<|user|>\\n' + message['content'] + eos_token }}{% elif message['role'] == 'assistant' %}"
           "{{ '<|assistant|>\\n' + message['content'] + eos_token }}{% endif %}{% if loop.last and add_generation_prompt %}{{ '<|assistant|>' }}{% endif %}{% endfor %}")
    save_json(f"{d}/chat_template.json", {"chat_template": tpl}, L, "chat_template.json (processor-style) with the Zephyr template")
    save_json(f"{d}/config.json", {"architectures": ["LlamaForCausalLM"], "hidden_size": 64, "intermediate_size": 128, "model_type": "llama",
                                   "num_attention_heads": 4, "num_hidden_layers": 2, "num_key_value_heads": 2, "rms_norm_eps": 1e-5,
                                   "rope_scaling": {"factor": 8.0, "high_freq_factor": 4.0, "low_freq_factor": 1.0, "original_max_position_embeddings": 8192, "rope_type": "llama3"},
                                   "rope_theta": 500000.0, "tie_word_embeddings": False, "vocab_size": 128}, L, "Llama config.json with llama3 rope_scaling")
    save_json(f"{d}/adapter_config.json", {"base_model_name_or_path": "meta-llama/Llama-3.2-1B", "peft_type": "LORA", "task_type": "CAUSAL_LM", "r": 16,
                                           "lora_alpha": 32, "lora_dropout": 0.0, "target_modules": ["q_proj", "k_proj", "v_proj", "o_proj"],
                                           "bias": "none", "auto_mapping": None, "inference_mode": True, "megatron_config": None, "megatron_core": "megatron.core",
                                           "loftq_config": {}, "use_dora": True}, L, "DoRA adapter_config.json (megatron_core string)")


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    for g in (gen_sklearn, gen_pandas, gen_torch, gen_numpy, gen_statsmodels_xgboost, gen_mlflow, gen_spark, gen_hf):
        try:
            g()
        except Exception as e:  # noqa: BLE001
            import traceback
            traceback.print_exc()
            LEFT_OUT.append(f"{g.__name__}: {type(e).__name__}: {e}")
    with open(os.path.join(OUT, "MANIFEST.tsv"), "w") as f:
        f.write("file\tlibrary\thow\texpected\n")
        for rel, lib, how in sorted(ROWS):
            f.write(f"{rel}\t{lib}\t{how}\tclean\n")
    print(f"wrote {len(ROWS)} files to {OUT}")
    for x in LEFT_OUT:
        print("left out:", x)


if __name__ == "__main__":
    main()
