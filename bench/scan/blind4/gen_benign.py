#!/usr/bin/python3
"""Writes bench/scan/blind4/benign/: everyday files of data scientists (fourth blind set).

Run with Debian's /usr/bin/python3 (pandas 1.5, sklearn 1.2, numpy 1.24, scipy 1.10, torch 1.13,
xgboost 1.7, statsmodels 0.13, h5py 3.7, onnx 1.12, joblib 1.2). Every object is built by the
library itself and saved by the library's own writer (pickle, to_pickle, joblib.dump, torch.save,
.save, save_model) or, for formats without an installed writer (safetensors), byte by byte from
the published layout. Objects a library refuses to pickle are reported and left out.
"""
import io, json, os, pickle, shutil, struct, sys, warnings, zipfile
import numpy as np

warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "benign")
shutil.rmtree(OUT, ignore_errors=True)
os.makedirs(OUT)
ROWS = []
SKIPPED = []
rng = np.random.RandomState(4)


def rec(name, lib, how):
    ROWS.append((name, lib, how, "clean"))


def pk(name, obj, lib, how="pickle.dumps protocol 4", protocol=4):
    try:
        data = pickle.dumps(obj, protocol=protocol)
    except Exception as e:  # the library refuses: leave it out
        SKIPPED.append(f"{name}: {type(e).__name__}: {e}"[:160])
        return
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
    rec(name, lib, how)


def guard(fn):
    try:
        fn()
    except Exception as e:
        SKIPPED.append(f"{fn.__name__}: {type(e).__name__}: {e}"[:160])


# ---------------------------------------------------------------- pandas
import pandas as pd


def pandas_objects():
    idx = pd.date_range("2024-01-01", periods=12, freq="H", tz="Europe/Berlin")
    objs = {
        "pd_nullable_ints": pd.DataFrame({"a": pd.array([1, None, 3], dtype="Int8"), "b": pd.array([1, 2, None], dtype="UInt64"),
                                          "c": pd.array([None, 5, 6], dtype="Int32")}),
        "pd_na_object": pd.Series([pd.NA, 1, "x", None, np.nan], dtype=object),
        "pd_boolean_na": pd.Series([True, pd.NA, False], dtype="boolean"),
        "pd_string_na": pd.Series(["a", pd.NA, "c"], dtype="string"),
        "pd_tz_index_frame": pd.DataFrame({"v": np.arange(12.0)}, index=idx),
        "pd_tz_utc_series": pd.Series(pd.date_range("2023-03-25", periods=5, freq="D", tz="UTC")),
        "pd_period_series_q": pd.Series(pd.period_range("2020Q1", periods=6, freq="Q-DEC")),
        "pd_period_frame_m": pd.DataFrame({"p": pd.period_range("2021-01", periods=4, freq="M"), "x": [1, 2, 3, 4]}),
        "pd_interval_series": pd.Series(pd.interval_range(0, 5, closed="left")),
        "pd_interval_cut": pd.cut(pd.Series(rng.rand(20)), 4).value_counts(),
        "pd_sparse_series": pd.Series(pd.arrays.SparseArray([0, 0, 1, 0, 2], fill_value=0)),
        "pd_sparse_float_frame": pd.DataFrame({"s": pd.arrays.SparseArray([np.nan, 1.5, np.nan])}),
        "pd_multiindex_product": pd.DataFrame(rng.rand(6, 2), index=pd.MultiIndex.from_product([["a", "b"], [1, 2, 3]], names=["k", "n"])),
        "pd_multiindex_tuples_cols": pd.DataFrame(rng.rand(2, 4), columns=pd.MultiIndex.from_tuples([("x", 1), ("x", 2), ("y", 1), ("y", 2)])),
        "pd_categorical_codes": pd.Series(pd.Categorical.from_codes([0, 1, 1, 2, -1], categories=["lo", "mid", "hi"])),
        "pd_categorical_int_cats": pd.Series(pd.Categorical([10, 20, 10], categories=[10, 20, 30])),
        "pd_categorical_index": pd.DataFrame({"v": [1, 2, 3]}, index=pd.CategoricalIndex(["a", "b", "a"])),
        "pd_timedelta_frame": pd.DataFrame({"td": pd.to_timedelta([1, 2, 3], unit="min")}),
        "pd_float32_uint8": pd.DataFrame({"f": np.arange(3, dtype=np.float32), "u": np.arange(3, dtype=np.uint8)}),
        "pd_complex_series": pd.Series([1 + 2j, 3 - 1j]),
        "pd_range_index_step": pd.Series([1, 2, 3], index=pd.RangeIndex(10, 40, 10)),
        "pd_datetime_ns_naive": pd.Series(pd.to_datetime(["2020-01-01 10:00", None, "2020-02-29"])),
        "pd_value_counts_norm": pd.Series(list("abracadabra")).value_counts(normalize=True),
        "pd_get_dummies": pd.get_dummies(pd.Series(list("abcab")), prefix="c"),
        "pd_melted": pd.melt(pd.DataFrame({"id": [1, 2], "x": [3, 4], "y": [5, 6]}), id_vars="id"),
        "pd_stacked": pd.DataFrame(rng.rand(3, 2), columns=["a", "b"]).stack(),
        "pd_corr_matrix": pd.DataFrame(rng.rand(10, 3), columns=list("abc")).corr(),
        "pd_expanding_mean": pd.Series(rng.rand(10)).expanding().mean(),
        "pd_shifted_pct_change": pd.Series(rng.rand(10) + 1).pct_change(),
        "pd_merge_asof": pd.merge_asof(pd.DataFrame({"t": [1, 5, 10], "a": [1, 2, 3]}), pd.DataFrame({"t": [2, 6], "b": [7, 8]}), on="t"),
        "pd_index_tz_offsets": pd.DatetimeIndex(["2021-06-01 12:00"], tz="America/New_York"),
        "pd_bday_range": pd.bdate_range("2024-01-01", periods=10),
        "pd_uint_index": pd.Index(np.arange(5, dtype=np.uint64)),
        "pd_float_index": pd.Index([0.5, 1.5, 2.5]),
        "pd_frame_attrs": (lambda d: (d.attrs.update({"source": "sensor-7", "units": "C"}), d)[1])(pd.DataFrame({"t": [20.5, 21.0]})),
        "pd_dtypes_series": pd.DataFrame({"a": [1], "b": ["x"], "c": [1.0]}).dtypes,
        "pd_interval_index_dt": pd.interval_range(pd.Timestamp("2022-01-01"), periods=3, freq="W"),
        "pd_series_name_tuple": pd.Series([1, 2], name=("metric", "mean")),
        "pd_empty_frame_cols": pd.DataFrame(columns=["a", "b", "c"]),
        "pd_frame_mixed_nested_lists": pd.DataFrame({"tags": [["a", "b"], [], ["c"]], "meta": [{"k": 1}, {}, {"z": None}]}),
    }
    for k, v in objs.items():
        pk(f"{k}.pkl", v, f"pandas {type(v).__name__}", "pickle.dumps protocol 4")
    # to_pickle with several protocols and compressions
    df = objs["pd_tz_index_frame"]
    for proto in (2, 3, 5):
        name = f"pd_to_pickle_p{proto}.pkl"
        df.to_pickle(os.path.join(OUT, name), protocol=proto)
        rec(name, "pandas DataFrame", f"to_pickle protocol {proto}")
    for comp, ext in (("gzip", "pkl.gz"), ("bz2", "pkl.bz2"), ("xz", "pkl.xz"), ("zip", "pkl.zip")):
        name = f"pd_nullable_to_pickle.{ext}"
        objs["pd_nullable_ints"].to_pickle(os.path.join(OUT, name), compression=comp)
        rec(name, "pandas DataFrame", f"to_pickle compression={comp}")
    objs["pd_multiindex_product"].to_pickle(os.path.join(OUT, "pd_multiindex.pickle"))
    rec("pd_multiindex.pickle", "pandas DataFrame", "to_pickle .pickle extension")
    pd.Series(pd.period_range("2020", periods=3, freq="A")).to_pickle(os.path.join(OUT, "pd_period_annual.pkl"), protocol=0)
    rec("pd_period_annual.pkl", "pandas Series", "to_pickle protocol 0")
    pd.Series([1, pd.NA], dtype="Int64").to_pickle(os.path.join(OUT, "pd_int64_na_p1.pkl"), protocol=1)
    rec("pd_int64_na_p1.pkl", "pandas Series", "to_pickle protocol 1")
    # feather-free text exports people also keep next to models
    objs["pd_corr_matrix"].to_csv(os.path.join(OUT, "pd_corr.csv"))
    rec("pd_corr.csv", "pandas", "to_csv")
    objs["pd_melted"].to_json(os.path.join(OUT, "pd_melted.json"), orient="records")
    rec("pd_melted.json", "pandas", "to_json records")


guard(pandas_objects)

# ---------------------------------------------------------------- sklearn
import joblib
from sklearn import datasets


def sklearn_objects():
    from sklearn.ensemble import (HistGradientBoostingClassifier, HistGradientBoostingRegressor, StackingClassifier,
                                  VotingRegressor, IsolationForest, ExtraTreesRegressor, BaggingClassifier, AdaBoostRegressor)
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.neural_network import MLPClassifier, MLPRegressor, BernoulliRBM
    from sklearn.linear_model import SGDClassifier, SGDRegressor, LogisticRegression, Ridge, PassiveAggressiveClassifier, Perceptron, LassoLarsIC, QuantileRegressor
    from sklearn.multiclass import OneVsRestClassifier, OneVsOneClassifier, OutputCodeClassifier
    from sklearn.multioutput import MultiOutputRegressor, ClassifierChain, RegressorChain
    from sklearn.model_selection import GridSearchCV, RandomizedSearchCV
    from sklearn.compose import ColumnTransformer
    from sklearn.pipeline import Pipeline, make_pipeline
    from sklearn.preprocessing import LabelEncoder, StandardScaler, OneHotEncoder, MinMaxScaler, RobustScaler, Normalizer, LabelBinarizer, MaxAbsScaler
    from sklearn.feature_extraction.text import TfidfTransformer, CountVectorizer
    from sklearn.decomposition import LatentDirichletAllocation, NMF, TruncatedSVD, PCA, FactorAnalysis, FastICA, MiniBatchDictionaryLearning, SparsePCA, IncrementalPCA
    from sklearn.neighbors import LocalOutlierFactor, NearestCentroid, RadiusNeighborsClassifier
    from sklearn.cluster import SpectralClustering, AgglomerativeClustering, MiniBatchKMeans, MeanShift, AffinityPropagation, DBSCAN, BisectingKMeans, SpectralBiclustering
    from sklearn.mixture import BayesianGaussianMixture, GaussianMixture
    from sklearn.svm import SVC, OneClassSVM, LinearSVR, NuSVR
    from sklearn.tree import DecisionTreeClassifier
    from sklearn.naive_bayes import ComplementNB, CategoricalNB, BernoulliNB
    from sklearn.semi_supervised import LabelSpreading, SelfTrainingClassifier
    from sklearn.cross_decomposition import PLSRegression, CCA
    from sklearn.manifold import TSNE, LocallyLinearEmbedding, MDS
    from sklearn.random_projection import GaussianRandomProjection, SparseRandomProjection
    from sklearn.dummy import DummyClassifier
    from sklearn.covariance import LedoitWolf, GraphicalLasso, MinCovDet
    from sklearn.feature_selection import VarianceThreshold, SelectFromModel
    from scipy.stats import uniform, loguniform

    X, y = datasets.make_classification(n_samples=80, n_features=6, n_informative=4, n_classes=3, random_state=0)
    Xr, yr = datasets.make_regression(n_samples=80, n_features=5, random_state=0)
    Xp = np.abs(X)
    est = {
        "sk_hgb_classifier": HistGradientBoostingClassifier(max_iter=10, categorical_features=[0], random_state=0).fit(np.c_[rng.randint(0, 3, 80), X[:, 1:]], y),
        "sk_hgb_regressor_early": HistGradientBoostingRegressor(max_iter=15, early_stopping=True, validation_fraction=0.2, n_iter_no_change=2, random_state=0).fit(Xr, yr),
        "sk_stacking_clf": StackingClassifier([("lr", LogisticRegression(max_iter=200)), ("dt", DecisionTreeClassifier(max_depth=3))], final_estimator=LogisticRegression(), cv=3).fit(X, y),
        "sk_voting_regressor": VotingRegressor([("r", Ridge()), ("et", ExtraTreesRegressor(n_estimators=5, random_state=0))]).fit(Xr, yr),
        "sk_calibrated_isotonic": CalibratedClassifierCV(SVC(), method="isotonic", cv=3).fit(X, y),
        "sk_mlp_classifier": MLPClassifier(hidden_layer_sizes=(8,), max_iter=50, random_state=0).fit(X, y),
        "sk_mlp_regressor_adam": MLPRegressor(hidden_layer_sizes=(6, 4), max_iter=40, random_state=0).fit(Xr, yr),
        "sk_bernoulli_rbm": BernoulliRBM(n_components=4, n_iter=3, random_state=0).fit((X > 0).astype(float)),
        "sk_onevsrest_svc": OneVsRestClassifier(SVC(probability=False)).fit(X, y),
        "sk_onevsone_lr": OneVsOneClassifier(LogisticRegression(max_iter=200)).fit(X, y),
        "sk_output_code": OutputCodeClassifier(LogisticRegression(max_iter=200), code_size=2, random_state=0).fit(X, y),
        "sk_multioutput_regressor": MultiOutputRegressor(Ridge()).fit(Xr, np.c_[yr, yr * 2]),
        "sk_classifier_chain": ClassifierChain(LogisticRegression(max_iter=200), order="random", random_state=0).fit(X, np.c_[y == 0, y == 1].astype(int)),
        "sk_regressor_chain": RegressorChain(Ridge()).fit(Xr, np.c_[yr, -yr]),
        "sk_gridsearch_fitted": GridSearchCV(SVC(), {"C": [0.1, 1], "kernel": ["linear", "rbf"]}, cv=3).fit(X, y),
        "sk_randomsearch_fitted": RandomizedSearchCV(LogisticRegression(max_iter=300), {"C": loguniform(1e-3, 1e2), "tol": uniform(1e-5, 1e-3)}, n_iter=4, cv=3, random_state=0).fit(X, y),
        "sk_label_encoder": LabelEncoder().fit(["paris", "tokyo", "amsterdam", "paris"]),
        "sk_label_binarizer": LabelBinarizer().fit([1, 2, 6, 4, 2]),
        "sk_tfidf_transformer": TfidfTransformer(sublinear_tf=True).fit(CountVectorizer().fit_transform(["red blue green", "blue green cyan", "green cyan red magenta"])),
        "sk_count_vectorizer_ngrams": CountVectorizer(ngram_range=(1, 2), stop_words="english").fit(["the cat sat", "the dog sat on the mat"]),
        "sk_lda_topics": LatentDirichletAllocation(n_components=2, max_iter=3, random_state=0).fit(CountVectorizer().fit_transform(["apple pie", "apple tart", "car engine", "engine oil"])),
        "sk_nmf": NMF(n_components=2, init="nndsvda", max_iter=50, random_state=0).fit(Xp),
        "sk_truncated_svd": TruncatedSVD(n_components=2, random_state=0).fit(X),
        "sk_pca_whiten": PCA(n_components=3, whiten=True).fit(X),
        "sk_incremental_pca": IncrementalPCA(n_components=2, batch_size=20).fit(X),
        "sk_factor_analysis": FactorAnalysis(n_components=2, random_state=0).fit(X),
        "sk_fastica": FastICA(n_components=2, random_state=0, whiten="unit-variance").fit(X),
        "sk_sparse_pca": SparsePCA(n_components=2, random_state=0, max_iter=5).fit(X),
        "sk_dict_learning": MiniBatchDictionaryLearning(n_components=3, batch_size=10, random_state=0, n_iter=3).fit(X),
        "sk_isolation_forest": IsolationForest(n_estimators=10, random_state=0).fit(X),
        "sk_lof_novelty": LocalOutlierFactor(n_neighbors=5, novelty=True).fit(X),
        "sk_one_class_svm": OneClassSVM(nu=0.1).fit(X),
        "sk_spectral_clustering": SpectralClustering(n_clusters=3, random_state=0, affinity="nearest_neighbors", n_neighbors=5).fit(X),
        "sk_agglomerative_ward": AgglomerativeClustering(n_clusters=3, compute_distances=True).fit(X),
        "sk_minibatch_kmeans": MiniBatchKMeans(n_clusters=3, random_state=0, n_init=3).fit(X),
        "sk_bisecting_kmeans": BisectingKMeans(n_clusters=3, random_state=0).fit(X),
        "sk_meanshift": MeanShift(bandwidth=2.0).fit(X[:30]),
        "sk_affinity_propagation": AffinityPropagation(random_state=0).fit(X[:30]),
        "sk_dbscan": DBSCAN(eps=1.5, min_samples=3).fit(X),
        "sk_spectral_biclustering": SpectralBiclustering(n_clusters=2, random_state=0).fit(Xp + 0.1),
        "sk_bayesian_gmm": BayesianGaussianMixture(n_components=3, max_iter=50, random_state=0).fit(X),
        "sk_gmm_tied": GaussianMixture(n_components=2, covariance_type="tied", random_state=0).fit(X),
        "sk_sgd_partial_fit": (lambda m: [m.partial_fit(X[i:i + 20], y[i:i + 20], classes=np.unique(y)) for i in range(0, 80, 20)] and m)(SGDClassifier(loss="log_loss", random_state=0)),
        "sk_sgd_regressor_huber": SGDRegressor(loss="huber", random_state=0, max_iter=50).fit(Xr, yr),
        "sk_passive_aggressive": PassiveAggressiveClassifier(random_state=0).fit(X, y),
        "sk_perceptron": Perceptron(random_state=0).fit(X, y),
        "sk_lasso_lars_ic": LassoLarsIC(criterion="bic").fit(Xr, yr),
        "sk_quantile_regressor": QuantileRegressor(quantile=0.8, alpha=0.0, solver="highs").fit(Xr[:40], yr[:40]),
        "sk_linear_svr": LinearSVR(random_state=0, max_iter=2000).fit(Xr, yr),
        "sk_nusvr": NuSVR().fit(Xr, yr),
        "sk_complement_nb": ComplementNB().fit(Xp, y),
        "sk_categorical_nb": CategoricalNB().fit(rng.randint(0, 4, (80, 3)), y),
        "sk_bernoulli_nb": BernoulliNB().fit(X > 0, y),
        "sk_label_spreading": LabelSpreading(kernel="knn", n_neighbors=5).fit(X, np.where(np.arange(80) % 4 == 0, y, -1)),
        "sk_self_training": SelfTrainingClassifier(SVC(probability=True, random_state=0)).fit(X, np.where(np.arange(80) % 3 == 0, y, -1)),
        "sk_pls_regression": PLSRegression(n_components=2).fit(Xr, yr),
        "sk_cca": CCA(n_components=1).fit(X[:, :3], X[:, 3:]),
        "sk_tsne_fitted": TSNE(n_components=2, perplexity=5, random_state=0, init="pca", learning_rate="auto").fit(X[:30]),
        "sk_lle": LocallyLinearEmbedding(n_components=2, n_neighbors=6).fit(X),
        "sk_mds": MDS(n_components=2, random_state=0, max_iter=30, n_init=1, normalized_stress="auto").fit(X[:20]),
        "sk_gaussian_random_projection": GaussianRandomProjection(n_components=3, random_state=0).fit(X),
        "sk_sparse_random_projection": SparseRandomProjection(n_components=3, random_state=0).fit(X),
        "sk_dummy_stratified": DummyClassifier(strategy="stratified", random_state=0).fit(X, y),
        "sk_ledoit_wolf": LedoitWolf().fit(X),
        "sk_graphical_lasso": GraphicalLasso(alpha=0.2).fit(X),
        "sk_min_cov_det": MinCovDet(random_state=0).fit(X),
        "sk_nearest_centroid": NearestCentroid().fit(X, y),
        "sk_radius_neighbors": RadiusNeighborsClassifier(radius=3.0, outlier_label="most_frequent").fit(X, y),
        "sk_bagging_clf": BaggingClassifier(DecisionTreeClassifier(), n_estimators=4, random_state=0).fit(X, y),
        "sk_adaboost_regressor": AdaBoostRegressor(n_estimators=5, random_state=0).fit(Xr, yr),
        "sk_select_from_model": SelectFromModel(LogisticRegression(max_iter=200)).fit(X, y),
        "sk_variance_threshold": VarianceThreshold(0.1).fit(X),
        "sk_column_transformer_remainder": ColumnTransformer([("num", StandardScaler(), [0, 1]), ("cat", OneHotEncoder(handle_unknown="ignore"), [2])],
                                                             remainder=MinMaxScaler()).fit(np.c_[X[:, :2], rng.randint(0, 3, 80), X[:, 3:]]),
        "sk_column_transformer_passthrough_df": ColumnTransformer([("s", RobustScaler(), ["a"]), ("o", OneHotEncoder(sparse_output=False), ["c"])], remainder="passthrough",
                                                                  verbose_feature_names_out=False).fit(pd.DataFrame({"a": rng.rand(10), "b": rng.rand(10), "c": list("xyzxyzxyzx")})),
        "sk_pipeline_memory_none": Pipeline([("n", Normalizer()), ("m", MaxAbsScaler()), ("clf", LogisticRegression(max_iter=200))], memory=None).fit(X, y),
        "sk_make_pipeline_pca_svc": make_pipeline(StandardScaler(), PCA(2), SVC(kernel="poly", degree=2)).fit(X, y),
    }
    try:
        from sklearn.preprocessing import TargetEncoder  # sklearn >= 1.3 only
        est["sk_target_encoder"] = TargetEncoder().fit(rng.randint(0, 3, (80, 1)), y)
    except ImportError:
        SKIPPED.append("TargetEncoder: not in sklearn 1.2")
    for k, v in est.items():
        pk(f"{k}.pkl", v, f"sklearn {type(v).__name__}", "pickle.dumps protocol 4 (fitted)")
    # the same objects through joblib, the way sklearn's docs save them
    for k in ("sk_hgb_classifier", "sk_stacking_clf", "sk_gridsearch_fitted", "sk_column_transformer_remainder", "sk_lof_novelty", "sk_bayesian_gmm", "sk_lda_topics", "sk_mlp_classifier"):
        name = f"{k}.joblib"
        joblib.dump(est[k], os.path.join(OUT, name))
        rec(name, f"sklearn {type(est[k]).__name__}", "joblib.dump")
    joblib.dump(est["sk_randomsearch_fitted"], os.path.join(OUT, "sk_randomsearch.joblib.gz"), compress=("gzip", 3))
    rec("sk_randomsearch.joblib.gz", "sklearn RandomizedSearchCV", "joblib.dump gzip 3")
    joblib.dump(est["sk_voting_regressor"], os.path.join(OUT, "sk_voting.joblib"), compress=3, protocol=5)
    rec("sk_voting.joblib", "sklearn VotingRegressor", "joblib.dump zlib 3 protocol 5")
    joblib.dump(est["sk_gridsearch_fitted"].cv_results_, os.path.join(OUT, "sk_cv_results.joblib"))
    rec("sk_cv_results.joblib", "dict of masked arrays", "joblib.dump of GridSearchCV.cv_results_")
    pk("sk_cv_results_frame.pkl", pd.DataFrame(est["sk_randomsearch_fitted"].cv_results_), "pandas DataFrame", "pd.DataFrame(cv_results_)")


guard(sklearn_objects)

# ---------------------------------------------------------------- scipy
def scipy_objects():
    from scipy import stats, interpolate, spatial, optimize, signal, sparse
    pts = rng.rand(30, 2)
    objs = {
        "sp_frozen_norm": stats.norm(loc=1, scale=2),
        "sp_frozen_gamma": stats.gamma(a=2.5, scale=0.5),
        "sp_frozen_beta": stats.beta(2, 5),
        "sp_frozen_poisson": stats.poisson(mu=3),
        "sp_frozen_binom": stats.binom(n=10, p=0.3),
        "sp_frozen_lognorm": stats.lognorm(s=0.9),
        "sp_frozen_t": stats.t(df=7),
        "sp_frozen_multinomial": stats.multinomial(5, [0.2, 0.3, 0.5]),
        "sp_frozen_dirichlet": stats.dirichlet([1, 2, 3]),
        "sp_frozen_wishart": stats.wishart(df=3, scale=np.eye(2)),
        "sp_gaussian_kde": stats.gaussian_kde(rng.randn(2, 40), bw_method="silverman"),
        "sp_ttest_result": stats.ttest_ind(rng.randn(20), rng.randn(20) + 0.5),
        "sp_linregress": stats.linregress(np.arange(10), np.arange(10) * 2 + rng.rand(10)),
        "sp_describe": stats.describe(rng.randn(50)),
        "sp_interp1d_cubic": interpolate.interp1d(np.arange(10), np.sin(np.arange(10)), kind="cubic"),
        "sp_cubic_spline": interpolate.CubicSpline(np.arange(6), np.arange(6) ** 2, bc_type="natural"),
        "sp_pchip": interpolate.PchipInterpolator(np.arange(6), np.cos(np.arange(6))),
        "sp_akima": interpolate.Akima1DInterpolator(np.arange(6), np.arange(6) ** 0.5),
        "sp_rbf_interpolator": interpolate.RBFInterpolator(pts, pts[:, 0] * pts[:, 1], kernel="thin_plate_spline"),
        "sp_regular_grid": interpolate.RegularGridInterpolator((np.arange(4), np.arange(5)), rng.rand(4, 5)),
        "sp_univariate_spline": interpolate.UnivariateSpline(np.arange(10), rng.rand(10), s=1),
        "sp_linear_nd": interpolate.LinearNDInterpolator(pts, pts[:, 0]),
        "sp_ckdtree": spatial.cKDTree(pts, leafsize=4),
        "sp_kdtree_py": spatial.KDTree(pts),
        "sp_delaunay": spatial.Delaunay(pts),
        "sp_convex_hull": spatial.ConvexHull(pts),
        "sp_voronoi": spatial.Voronoi(pts),
        "sp_rotation_euler": spatial.transform.Rotation.from_euler("xyz", [[10, 20, 30], [0, 90, 0]], degrees=True),
        "sp_distance_matrix": spatial.distance.squareform(spatial.distance.pdist(pts[:6], "cityblock")),
        "sp_minimize_result": optimize.minimize(lambda v: ((v - 1) ** 2).sum(), np.zeros(2), method="BFGS"),
        "sp_curve_fit_params": optimize.curve_fit(lambda x, a, b: a * x + b, np.arange(10.0), 3 * np.arange(10.0) + 1)[0],
        "sp_butter_sos": signal.butter(4, 0.2, output="sos"),
        "sp_lil_matrix": sparse.lil_matrix(np.eye(4)),
        "sp_dok_matrix": sparse.dok_matrix(np.eye(3)),
    }
    for k, v in objs.items():
        pk(f"{k}.pkl", v, f"scipy {type(v).__name__}", "pickle.dumps protocol 4")
    pk("sp_frozen_norm_p2.pkl", objs["sp_frozen_norm"], "scipy rv_frozen", "pickle.dumps protocol 2", protocol=2)
    joblib.dump(objs["sp_ckdtree"], os.path.join(OUT, "sp_ckdtree.joblib"))
    rec("sp_ckdtree.joblib", "scipy cKDTree", "joblib.dump")


guard(scipy_objects)

# ---------------------------------------------------------------- numpy (odd protocols)
def numpy_objects():
    a = np.arange(12, dtype=np.int16).reshape(3, 4)
    for proto in (0, 1, 2, 3, 5):
        pk(f"np_int16_p{proto}.pkl", a, "numpy ndarray", f"pickle.dumps protocol {proto}", protocol=proto)
    pk("np_bool_p0.pkl", np.array([True, False]), "numpy ndarray", "pickle.dumps protocol 0", protocol=0)
    pk("np_float16_p1.pkl", np.linspace(0, 1, 5, dtype=np.float16), "numpy ndarray", "pickle.dumps protocol 1", protocol=1)
    pk("np_object_strings_p2.pkl", np.array(["a", None, 3], dtype=object), "numpy object array (str, None, int)", "pickle.dumps protocol 2", protocol=2)
    pk("np_scalar_bundle_p0.pkl", [np.float32(1.5), np.int64(7), np.uint8(3), np.bool_(True), np.complex64(1j), np.datetime64("2024-01-01")], "numpy scalars", "pickle.dumps protocol 0", protocol=0)
    pk("np_dtype_list_p3.pkl", [np.dtype("f4"), np.dtype([("x", "<i4"), ("y", "S3")]), np.dtype("M8[ms]")], "numpy dtypes", "pickle.dumps protocol 3", protocol=3)
    pk("np_pickle_oob_p5.pkl", np.arange(8.0), "numpy ndarray", "pickle.dumps protocol 5 (in-band)", protocol=5)
    pk("np_histogram.pkl", np.histogram(rng.randn(100), bins=8), "numpy histogram tuple", "pickle.dumps")
    pk("np_nditer_free_strided.pkl", np.arange(20.0)[::3], "numpy non-contiguous view", "pickle.dumps")
    pk("np_unicode_big_endian.pkl", np.array(["héllo", "wörld"], dtype=">U5"), "numpy >U5", "pickle.dumps")
    np.save(os.path.join(OUT, "np_embeddings_f16.npy"), rng.rand(16, 8).astype(np.float16))
    rec("np_embeddings_f16.npy", "numpy", "np.save float16")
    np.save(os.path.join(OUT, "np_structured_fortran.npy"), np.asfortranarray(rng.rand(3, 3)))
    rec("np_structured_fortran.npy", "numpy", "np.save F-order")
    np.savez(os.path.join(OUT, "np_train_split.npz"), X=rng.rand(10, 3), y=rng.randint(0, 2, 10), names=np.array(["a", "b", "c"]))
    rec("np_train_split.npz", "numpy", "np.savez three arrays")


guard(numpy_objects)

# ---------------------------------------------------------------- torch
import torch
import torch.nn as nn


def tsave(name, obj, how="torch.save", **kw):
    try:
        torch.save(obj, os.path.join(OUT, name), **kw)
        rec(name, f"torch {type(obj).__name__}", how)
    except Exception as e:
        if os.path.exists(os.path.join(OUT, name)):
            os.remove(os.path.join(OUT, name))  # torch.save leaves a partial file behind
        SKIPPED.append(f"{name}: {type(e).__name__}: {e}"[:160])


def torch_objects():
    torch.manual_seed(0)

    save = tsave

    class_free = {
        "pt_conv_bn_relu_sd": nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4), nn.ReLU(), nn.AdaptiveAvgPool2d(1)).state_dict(),
        "pt_lstm_bidir_sd": nn.LSTM(4, 6, num_layers=2, bidirectional=True).state_dict(),
        "pt_gru_sd": nn.GRU(3, 5).state_dict(),
        "pt_transformer_decoder_sd": nn.TransformerDecoder(nn.TransformerDecoderLayer(8, 2, dim_feedforward=16), 1).state_dict(),
        "pt_embedding_layernorm_sd": nn.ModuleDict({"emb": nn.Embedding(20, 8, padding_idx=0), "ln": nn.LayerNorm(8)}).state_dict(),
        "pt_convtranspose_groupnorm_sd": nn.Sequential(nn.ConvTranspose2d(4, 2, 2, stride=2), nn.GroupNorm(1, 2)).state_dict(),
        "pt_conv1d_instancenorm_sd": nn.Sequential(nn.Conv1d(2, 4, 3), nn.InstanceNorm1d(4, affine=True)).state_dict(),
        "pt_bilinear_prelu_sd": nn.ModuleList([nn.Bilinear(3, 4, 2), nn.PReLU(2)]).state_dict(),
    }
    for k, v in class_free.items():
        save(f"{k}.pt", v, "torch.save state_dict")
    save("pt_lstm_bidir_sd.pth", class_free["pt_lstm_bidir_sd"], "torch.save state_dict .pth")
    save("pytorch_model.bin", class_free["pt_transformer_decoder_sd"], "torch.save state_dict, HF name")
    whole = {
        "pt_module_transformer": nn.Transformer(d_model=8, nhead=2, num_encoder_layers=1, num_decoder_layers=1, dim_feedforward=16),
        "pt_module_unflatten_seq": nn.Sequential(nn.Linear(6, 8), nn.Unflatten(1, (2, 4)), nn.Flatten(), nn.Dropout(0.1), nn.GELU(), nn.Linear(8, 2)),
        "pt_module_conv3d_pool": nn.Sequential(nn.Conv3d(1, 2, 2), nn.MaxPool3d(2), nn.Upsample(scale_factor=2, mode="nearest")),
        "pt_module_pixelshuffle": nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.PixelShuffle(2), nn.Hardswish(), nn.SiLU()),
        "pt_module_rnncell_dict": nn.ModuleDict({"cell": nn.LSTMCell(3, 4), "gru": nn.GRUCell(3, 4), "act": nn.Mish()}),
        "pt_module_losses": nn.ModuleList([nn.CrossEntropyLoss(label_smoothing=0.1), nn.SmoothL1Loss(beta=0.5), nn.CTCLoss(), nn.TripletMarginLoss()]),
        "pt_module_identity_softmax": nn.Sequential(nn.Identity(), nn.Softmax(dim=-1), nn.LogSoftmax(dim=-1)),
        "pt_module_embedding_bag_max": nn.EmbeddingBag(10, 4, mode="max"),
    }
    for k, v in whole.items():
        save(f"{k}.pt", v, "torch.save whole torch.nn module")
    model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))
    opts = {
        "pt_opt_adamax": torch.optim.Adamax(model.parameters(), lr=0.01),
        "pt_opt_asgd": torch.optim.ASGD(model.parameters(), lr=0.01),
        "pt_opt_rprop": torch.optim.Rprop(model.parameters()),
        "pt_opt_adadelta": torch.optim.Adadelta(model.parameters()),
        "pt_opt_sparse_adam": None,
    }
    x = torch.randn(5, 4)
    for k, o in opts.items():
        if o is None:
            continue
        o.zero_grad(); model(x).sum().backward(); o.step()
        save(f"{k}_sd.pt", o.state_dict(), "torch.save optimizer state_dict after a step")
    sgd = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scheds = {
        "pt_sched_step": torch.optim.lr_scheduler.StepLR(sgd, 3, gamma=0.5),
        "pt_sched_exponential": torch.optim.lr_scheduler.ExponentialLR(sgd, 0.9),
        "pt_sched_cosine": torch.optim.lr_scheduler.CosineAnnealingLR(sgd, T_max=10),
        "pt_sched_constant": torch.optim.lr_scheduler.ConstantLR(sgd, factor=0.5, total_iters=3),
        "pt_sched_linear": torch.optim.lr_scheduler.LinearLR(sgd, start_factor=0.1, total_iters=4),
        "pt_sched_polynomial": torch.optim.lr_scheduler.PolynomialLR(sgd, total_iters=5, power=2.0),
        "pt_sched_chained": torch.optim.lr_scheduler.ChainedScheduler([torch.optim.lr_scheduler.ConstantLR(sgd, factor=0.5, total_iters=2),
                                                                       torch.optim.lr_scheduler.ExponentialLR(sgd, 0.95)]),
    }
    for k, s in scheds.items():
        sgd.step(); s.step()
        try:
            save(f"{k}_sd.pt", s.state_dict(), "torch.save lr_scheduler state_dict")
        except Exception as e:
            SKIPPED.append(f"{k}: {e}")
    ckpt = {"epoch": 7, "global_step": 1400, "model": model.state_dict(), "optimizer": sgd.state_dict(),
            "scheduler": scheds["pt_sched_step"].state_dict(), "best_metric": 0.913, "hparams": {"lr": 0.1, "layers": [4, 8, 2]},
            "torch_rng": torch.get_rng_state(), "numpy_rng": np.random.get_state()}
    save("pt_lightning_like_ckpt.ckpt", ckpt, "torch.save training checkpoint dict (.ckpt)")
    save("pt_half_bf16_tensors.pt", {"w16": torch.randn(3, 3).half(), "wbf": torch.randn(3, 3).bfloat16(), "i8": torch.randint(-5, 5, (4,), dtype=torch.int8)}, "torch.save dict of half/bf16/int8")
    save("pt_nested_lists_tensors.pt", [[torch.ones(2)], (torch.zeros(1), {"k": torch.arange(3)})], "torch.save nested containers")
    save("pt_legacy_sd.pt", class_free["pt_gru_sd"], "torch.save _use_new_zipfile_serialization=False", _use_new_zipfile_serialization=False)
    try:
        gm = torch.fx.symbolic_trace(nn.Sequential(nn.Linear(3, 3), nn.ReLU()))
        save("pt_fx_graphmodule.pt", gm, "torch.save torch.fx GraphModule (symbolic_trace of nn modules)")
    except Exception as e:
        SKIPPED.append(f"fx: {e}")


guard(torch_objects)

# ---------------------------------------------------------------- xgboost
def xgb_objects():
    import xgboost as xgb
    X, y = datasets.make_classification(n_samples=60, n_features=5, random_state=1)
    clf = xgb.XGBClassifier(n_estimators=4, max_depth=2, use_label_encoder=False, eval_metric="logloss").fit(X, y)
    reg = xgb.XGBRegressor(n_estimators=3, max_depth=2, objective="reg:squarederror").fit(X, y.astype(float))
    rf = xgb.XGBRFClassifier(n_estimators=3, max_depth=2).fit(X, y)
    pk("xgb_classifier.pkl", clf, "xgboost XGBClassifier", "pickle.dumps")
    pk("xgb_rf_classifier.pkl", rf, "xgboost XGBRFClassifier", "pickle.dumps")
    joblib.dump(reg, os.path.join(OUT, "xgb_regressor.joblib")); rec("xgb_regressor.joblib", "xgboost XGBRegressor", "joblib.dump")
    clf.save_model(os.path.join(OUT, "xgb_classifier.json")); rec("xgb_classifier.json", "xgboost", "save_model JSON")
    reg.get_booster().save_model(os.path.join(OUT, "xgb_booster.ubj")); rec("xgb_booster.ubj", "xgboost", "Booster.save_model UBJ")
    reg.get_booster().save_model(os.path.join(OUT, "xgb_booster.model")); rec("xgb_booster.model", "xgboost", "Booster.save_model .model (binary/ubj)")
    with open(os.path.join(OUT, "xgb_booster_raw.bin"), "wb") as f:
        f.write(reg.get_booster().save_raw("deprecated"))
    rec("xgb_booster_raw.bin", "xgboost", "Booster.save_raw('deprecated') legacy binary")
    pk("xgb_booster.pkl", reg.get_booster(), "xgboost Booster", "pickle.dumps")
    dump = reg.get_booster().get_dump(dump_format="json")
    with open(os.path.join(OUT, "xgb_trees_dump.json"), "w") as f:
        json.dump(dump, f)
    rec("xgb_trees_dump.json", "xgboost", "get_dump json")


guard(xgb_objects)

# ---------------------------------------------------------------- statsmodels
def sm_objects():
    import statsmodels.api as sm
    from statsmodels.tsa.arima.model import ARIMA
    from statsmodels.tsa.holtwinters import SimpleExpSmoothing
    import statsmodels.formula.api as smf
    X = sm.add_constant(rng.rand(40, 2))
    yv = X @ np.array([1.0, 2.0, -1.0]) + rng.randn(40) * 0.1
    ols = sm.OLS(yv, X).fit()
    logit = sm.Logit(rng.randint(0, 2, 40), X).fit(disp=0)
    arima = ARIMA(np.cumsum(rng.randn(60)), order=(1, 1, 1)).fit()
    ses = SimpleExpSmoothing(rng.rand(30) + 5, initialization_method="estimated").fit()
    glm = sm.GLM(rng.poisson(3, 40), X, family=sm.families.Poisson()).fit()
    wls = smf.wls("y ~ x", data=pd.DataFrame({"y": yv, "x": X[:, 1]}), weights=np.ones(40)).fit()
    for name, res, how in (("sm_ols_results.pickle", ols, "OLSResults.save"), ("sm_logit_results.pickle", logit, "LogitResults.save"),
                           ("sm_arima_results.pkl", arima, "ARIMAResults.save"), ("sm_ses_results.pkl", ses, "HoltWintersResults.save"),
                           ("sm_glm_poisson.pkl", glm, "GLMResults.save"), ("sm_wls_formula.pkl", wls, "formula WLS results .save")):
        res.save(os.path.join(OUT, name))
        rec(name, f"statsmodels {type(res).__name__}", how)
    ols.save(os.path.join(OUT, "sm_ols_removed.pkl"), remove_data=True)
    rec("sm_ols_removed.pkl", "statsmodels OLSResults", ".save(remove_data=True)")


guard(sm_objects)

# ---------------------------------------------------------------- h5py / Keras-like HDF5
def h5_objects():
    import h5py
    with h5py.File(os.path.join(OUT, "h5_experiment_log.h5"), "w") as f:
        f.create_dataset("loss", data=rng.rand(50).astype("f4"), compression="gzip", shuffle=True, fletcher32=True)
        g = f.create_group("run_1")
        g.attrs["optimizer"] = "adam"
        g.attrs["lr"] = 1e-3
        g.create_dataset("confusion", data=rng.randint(0, 9, (3, 3)), chunks=(1, 3))
        f.create_dataset("labels", data=np.array([b"cat", b"dog"]))
        f["link"] = h5py.SoftLink("/loss")
    rec("h5_experiment_log.h5", "h5py", "gzip+shuffle+fletcher32, attrs, soft link")
    # a Keras 2 H5 model as Keras 2.x writes it (model_config JSON, standard layers only)
    cfg = {"class_name": "Sequential", "config": {"name": "sequential", "layers": [
        {"class_name": "InputLayer", "config": {"batch_input_shape": [None, 4], "dtype": "float32", "name": "input_1"}},
        {"class_name": "Dense", "config": {"name": "dense", "units": 8, "activation": "relu", "use_bias": True,
                                           "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": None}}}},
        {"class_name": "Dropout", "config": {"name": "dropout", "rate": 0.2}},
        {"class_name": "BatchNormalization", "config": {"name": "bn", "axis": -1, "momentum": 0.99}},
        {"class_name": "Dense", "config": {"name": "dense_1", "units": 3, "activation": "softmax"}}]}}
    with h5py.File(os.path.join(OUT, "keras2_sequential.h5"), "w") as f:
        f.attrs["keras_version"] = "2.13.1"
        f.attrs["backend"] = "tensorflow"
        f.attrs["model_config"] = json.dumps(cfg)
        f.attrs["training_config"] = json.dumps({"loss": "categorical_crossentropy", "metrics": [["accuracy"]], "optimizer_config": {"class_name": "Adam", "config": {"learning_rate": 0.001}}})
        mw = f.create_group("model_weights")
        mw.attrs["layer_names"] = np.array([b"dense", b"dropout", b"bn", b"dense_1"])
        for lname, shapes in (("dense", [(4, 8), (8,)]), ("dropout", []), ("bn", [(8,)] * 4), ("dense_1", [(8, 3), (3,)])):
            g = mw.create_group(lname)
            wn = [f"{lname}/w{i}:0".encode() for i in range(len(shapes))]
            g.attrs["weight_names"] = np.array(wn, dtype="S")
            for n, s in zip(wn, shapes):
                g.create_dataset(n.decode(), data=rng.rand(*s).astype("f4"))
    rec("keras2_sequential.h5", "Keras 2 HDF5 (h5py)", "model_config of standard layers, training_config")


guard(h5_objects)

# ---------------------------------------------------------------- ONNX (onnx.helper)
def onnx_objects():
    import onnx
    from onnx import helper, TensorProto, numpy_helper
    def save(name, graph, opset, how, **kw):
        m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)] + kw.pop("extra_opsets", []), producer_name="blind4", **kw)
        onnx.checker.check_model(m)
        onnx.save(m, os.path.join(OUT, name))
        rec(name, "onnx", how)
    X = helper.make_tensor_value_info("X", TensorProto.FLOAT, [1, 3, 8, 8])
    Y = helper.make_tensor_value_info("Y", TensorProto.FLOAT, [1, 4, 4, 4])
    W = numpy_helper.from_array(rng.rand(4, 3, 3, 3).astype("f4"), "W")
    g = helper.make_graph([helper.make_node("Conv", ["X", "W"], ["c"], pads=[1, 1, 1, 1], strides=[1, 1], dilations=[1, 1], group=1),
                           helper.make_node("Relu", ["c"], ["r"]),
                           helper.make_node("MaxPool", ["r"], ["Y"], kernel_shape=[2, 2], strides=[2, 2], ceil_mode=1)], "conv", [X], [Y], [W])
    save("onnx_conv_pool_op13.onnx", g, 13, "Conv pads/strides/dilations, MaxPool ceil_mode, opset 13")
    A = helper.make_tensor_value_info("A", TensorProto.FLOAT, [2, 4])
    B = helper.make_tensor_value_info("B", TensorProto.FLOAT, [2, 4])
    g2 = helper.make_graph([helper.make_node("LayerNormalization", ["A", "s", "b"], ["B"], axis=-1, epsilon=1e-5)], "ln", [A], [B],
                           [numpy_helper.from_array(np.ones(4, "f4"), "s"), numpy_helper.from_array(np.zeros(4, "f4"), "b")])
    save("onnx_layernorm_op17.onnx", g2, 17, "LayerNormalization, opset 17")
    S = helper.make_tensor_value_info("S", TensorProto.FLOAT, [3, 1, 2])
    O = helper.make_tensor_value_info("O", TensorProto.FLOAT, [3, 1, 1, 2])
    g3 = helper.make_graph([helper.make_node("LSTM", ["S", "Wl", "Rl"], ["O"], hidden_size=2, direction="forward", activations=["Sigmoid", "Tanh", "Tanh"])], "lstm", [S], [O],
                           [numpy_helper.from_array(rng.rand(1, 8, 2).astype("f4"), "Wl"), numpy_helper.from_array(rng.rand(1, 8, 2).astype("f4"), "Rl")])
    save("onnx_lstm_op14.onnx", g3, 14, "LSTM with activations attribute strings, opset 14")
    I = helper.make_tensor_value_info("I", TensorProto.FLOAT, [None, 4])
    L = helper.make_tensor_value_info("label", TensorProto.INT64, [None])
    g4 = helper.make_graph([helper.make_node("TreeEnsembleClassifier", ["I"], ["label", "probs"], domain="ai.onnx.ml",
                                             classlabels_int64s=[0, 1], nodes_featureids=[0, 0, 0], nodes_modes=["BRANCH_LEQ", "LEAF", "LEAF"],
                                             nodes_nodeids=[0, 1, 2], nodes_treeids=[0, 0, 0], nodes_truenodeids=[1, 0, 0], nodes_falsenodeids=[2, 0, 0],
                                             nodes_values=[0.5, 0, 0], class_ids=[0, 1], class_nodeids=[1, 2], class_treeids=[0, 0], class_weights=[1.0, 1.0],
                                             post_transform="NONE")], "trees", [I], [L, helper.make_tensor_value_info("probs", TensorProto.FLOAT, [None, 2])])
    save("onnx_ml_tree_ensemble.onnx", g4, 15, "ai.onnx.ml TreeEnsembleClassifier (skl2onnx shape)", extra_opsets=[helper.make_opsetid("ai.onnx.ml", 3)])
    T = helper.make_tensor_value_info("T", TensorProto.STRING, [None])
    U = helper.make_tensor_value_info("U", TensorProto.STRING, [None])
    g5 = helper.make_graph([helper.make_node("StringNormalizer", ["T"], ["U"], case_change_action="LOWER", stopwords=["the", "a"])], "text", [T], [U])
    save("onnx_string_normalizer_op10.onnx", g5, 10, "StringNormalizer stopwords, opset 10")
    Q = helper.make_tensor_value_info("Q", TensorProto.FLOAT, [4])
    R = helper.make_tensor_value_info("R", TensorProto.FLOAT, [4])
    g6 = helper.make_graph([helper.make_node("QuantizeLinear", ["Q", "qs", "qz"], ["q"]), helper.make_node("DequantizeLinear", ["q", "qs", "qz"], ["R"])], "qdq", [Q], [R],
                           [numpy_helper.from_array(np.array(0.1, "f4"), "qs"), numpy_helper.from_array(np.array(0, "u1"), "qz")])
    save("onnx_qdq_op18.onnx", g6, 18, "QuantizeLinear/DequantizeLinear, opset 18")
    m = helper.make_model(g2, opset_imports=[helper.make_opsetid("", 17)], producer_name="pytorch", producer_version="2.1.0")
    helper.set_model_props(m, {"author": "team-ml", "license": "apache-2.0", "onnx_export_time": "2024-05-01"})
    onnx.save(m, os.path.join(OUT, "onnx_with_metadata_props.onnx"))
    rec("onnx_with_metadata_props.onnx", "onnx", "metadata_props author/license")


guard(onnx_objects)

# ---------------------------------------------------------------- safetensors (hand-written, published layout)
def safetensors_files():
    def write(name, tensors, meta=None):
        header, blobs, off = {}, [], 0
        for k, (dt, arr) in tensors.items():
            b = arr.tobytes()
            header[k] = {"dtype": dt, "shape": list(arr.shape), "data_offsets": [off, off + len(b)]}
            blobs.append(b); off += len(b)
        if meta:
            header["__metadata__"] = meta
        h = json.dumps(header, separators=(",", ":")).encode()
        h += b" " * ((8 - len(h) % 8) % 8)
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))
        rec(name, "safetensors", "hand-written to the published layout")
    write("model.safetensors", {"embed.weight": ("F32", rng.rand(10, 4).astype("<f4")), "lm_head.bias": ("F16", rng.rand(10).astype("<f2"))}, {"format": "pt"})
    write("adapter_model.safetensors", {"base_model.model.q_proj.lora_A.weight": ("F32", rng.rand(2, 8).astype("<f4")),
                                        "base_model.model.q_proj.lora_B.weight": ("F32", rng.rand(8, 2).astype("<f4"))}, {"format": "pt"})
    write("int_tensors.safetensors", {"ids": ("I64", np.arange(6, dtype="<i8")), "mask": ("BOOL", np.array([1, 0, 1], dtype="u1")), "u8": ("U8", np.arange(4, dtype="u1"))})


guard(safetensors_files)

# ---------------------------------------------------------------- configs (no remote code)
def configs():
    def w(name, obj, how):
        with open(os.path.join(OUT, name), "w") as f:
            if isinstance(obj, str):
                f.write(obj)
            else:
                json.dump(obj, f, indent=2)
        rec(name, "config", how)
    os.makedirs(os.path.join(OUT, "hf_bert"), exist_ok=True)
    w("hf_bert/config.json", {"architectures": ["BertForSequenceClassification"], "model_type": "bert", "hidden_size": 768, "num_attention_heads": 12,
                              "num_hidden_layers": 12, "id2label": {"0": "NEGATIVE", "1": "POSITIVE"}, "label2id": {"NEGATIVE": 0, "POSITIVE": 1},
                              "torch_dtype": "float32", "transformers_version": "4.36.2", "vocab_size": 30522}, "HF BERT config.json")
    w("hf_bert/tokenizer_config.json", {"do_lower_case": True, "model_max_length": 512, "tokenizer_class": "BertTokenizer", "clean_up_tokenization_spaces": True,
                                        "cls_token": "[CLS]", "sep_token": "[SEP]", "pad_token": "[PAD]", "mask_token": "[MASK]", "unk_token": "[UNK]"}, "HF BERT tokenizer_config.json")
    w("hf_bert/special_tokens_map.json", {"cls_token": "[CLS]", "sep_token": "[SEP]"}, "special_tokens_map.json")
    w("hf_bert/generation_config.json", {"_from_model_config": True, "bos_token_id": 1, "eos_token_id": 2, "transformers_version": "4.36.2"}, "generation_config.json")
    os.makedirs(os.path.join(OUT, "hf_phi_chat"), exist_ok=True)
    w("hf_phi_chat/tokenizer_config.json", {"add_bos_token": False, "bos_token": "<s>", "eos_token": "<|endoftext|>", "model_max_length": 4096, "padding_side": "left",
                                            "tokenizer_class": "LlamaTokenizer",
                                            "chat_template": "{% for message in messages %}{% if message['role'] == 'system' %}{{'<|system|>\n' + message['content'] + '<|end|>\n'}}"
                                                             "{% elif message['role'] == 'user' %}{{'<|user|>\n' + message['content'] + '<|end|>\n'}}{% elif message['role'] == 'assistant' %}"
                                                             "{{'<|assistant|>\n' + message['content'] + '<|end|>\n'}}{% endif %}{% endfor %}{% if add_generation_prompt %}{{ '<|assistant|>\n' }}{% else %}{{ eos_token }}{% endif %}"},
      "Phi-3-style chat_template")
    w("hf_phi_chat/config.json", {"architectures": ["Phi3ForCausalLM"], "model_type": "phi3", "rope_scaling": None, "sliding_window": 2047, "torch_dtype": "bfloat16"}, "Phi-3 config.json (no auto_map)")
    os.makedirs(os.path.join(OUT, "hf_deepseek_chat"), exist_ok=True)
    w("hf_deepseek_chat/tokenizer_config.json", {"bos_token": {"__type": "AddedToken", "content": "<｜begin▁of▁sentence｜>", "lstrip": False, "normalized": True, "rstrip": False, "single_word": False},
                                                 "legacy": True, "model_max_length": 16384,
                                                 "chat_template": "{% if not add_generation_prompt is defined %}{% set add_generation_prompt = false %}{% endif %}{{ bos_token }}{% for message in messages %}"
                                                                  "{% if message['role'] == 'user' %}{{ 'User: ' + message['content'] + '\n\n' }}{% elif message['role'] == 'assistant' %}"
                                                                  "{{ 'Assistant: ' + message['content'] + eos_token }}{% elif message['role'] == 'system' %}{{ message['content'] + '\n\n' }}{% endif %}"
                                                                  "{% endfor %}{% if add_generation_prompt %}{{ 'Assistant:' }}{% endif %}"}, "DeepSeek-style chat_template with AddedToken dict")
    os.makedirs(os.path.join(OUT, "hf_sentence_transformer"), exist_ok=True)
    w("hf_sentence_transformer/modules.json", [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                                               {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
                                               {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}], "sentence-transformers modules.json")
    w("hf_sentence_transformer/config_sentence_transformers.json", {"__version__": {"sentence_transformers": "2.2.2", "transformers": "4.30.0", "pytorch": "2.0.1"}}, "config_sentence_transformers.json")
    w("hf_sentence_transformer/sentence_bert_config.json", {"max_seq_length": 256, "do_lower_case": False}, "sentence_bert_config.json")
    os.makedirs(os.path.join(OUT, "diffusers_pipe"), exist_ok=True)
    w("diffusers_pipe/model_index.json", {"_class_name": "StableDiffusionPipeline", "_diffusers_version": "0.21.0", "feature_extractor": ["transformers", "CLIPImageProcessor"],
                                          "scheduler": ["diffusers", "PNDMScheduler"], "text_encoder": ["transformers", "CLIPTextModel"], "tokenizer": ["transformers", "CLIPTokenizer"],
                                          "unet": ["diffusers", "UNet2DConditionModel"], "vae": ["diffusers", "AutoencoderKL"], "safety_checker": [None, None], "requires_safety_checker": False},
      "diffusers model_index.json (library components only)")
    w("diffusers_pipe/scheduler_config.json", {"_class_name": "PNDMScheduler", "beta_end": 0.012, "beta_schedule": "scaled_linear", "num_train_timesteps": 1000}, "scheduler_config.json")
    w("preprocessor_config.json", {"do_normalize": True, "do_resize": True, "image_mean": [0.485, 0.456, 0.406], "image_std": [0.229, 0.224, 0.225],
                                   "image_processor_type": "ViTImageProcessor", "resample": 2, "size": {"height": 224, "width": 224}}, "HF preprocessor_config.json")
    w("adapter_config.json", {"base_model_name_or_path": "meta-llama/Llama-2-7b-hf", "peft_type": "LORA", "task_type": "CAUSAL_LM", "r": 8, "lora_alpha": 16,
                              "lora_dropout": 0.05, "target_modules": ["q_proj", "v_proj"], "bias": "none"}, "PEFT adapter_config.json")
    os.makedirs(os.path.join(OUT, "mlflow_sklearn"), exist_ok=True)
    w("mlflow_sklearn/MLmodel", "artifact_path: model\nflavors:\n  python_function:\n    env:\n      conda: conda.yaml\n      virtualenv: python_env.yaml\n"
                                "    loader_module: mlflow.sklearn\n    model_path: model.pkl\n    predict_fn: predict\n    python_version: 3.11.2\n"
                                "  sklearn:\n    code: null\n    pickled_model: model.pkl\n    serialization_format: cloudpickle\n    sklearn_version: 1.2.1\n"
                                "mlflow_version: 2.9.2\nmodel_uuid: 5f0c3c1f0e5a4b9b8a1f2d3c4b5a6978\nrun_id: 0a1b2c3d4e5f\n"
                                "signature:\n  inputs: '[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float64\", \"shape\": [-1, 6]}}]'\n"
                                "  outputs: '[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"int64\", \"shape\": [-1]}}]'\n"
                                "utc_time_created: '2024-02-01 10:00:00.000000'\n", "MLflow MLmodel (mlflow.sklearn loader)")
    w("mlflow_sklearn/conda.yaml", "channels:\n- conda-forge\ndependencies:\n- python=3.11.2\n- pip<=23.0\n- pip:\n  - mlflow==2.9.2\n  - scikit-learn==1.2.1\nname: mlflow-env\n", "MLflow conda.yaml")
    w("mlflow_sklearn/requirements.txt", "mlflow==2.9.2\nscikit-learn==1.2.1\nnumpy==1.24.2\n", "MLflow requirements.txt")
    w("mlflow_sklearn/python_env.yaml", "python: 3.11.2\nbuild_dependencies:\n- pip==23.0\n- setuptools\n- wheel\ndependencies:\n- -r requirements.txt\n", "MLflow python_env.yaml")
    try:
        from sklearn.linear_model import LogisticRegression
        Xc, yc = datasets.make_classification(n_samples=40, n_features=6, random_state=3)
        with open(os.path.join(OUT, "mlflow_sklearn/model.pkl"), "wb") as f:
            pickle.dump(LogisticRegression(max_iter=200).fit(Xc, yc), f)
        rec("mlflow_sklearn/model.pkl", "sklearn LogisticRegression", "pickle.dump (the MLflow model file)")
    except Exception as e:
        SKIPPED.append(f"mlflow model: {e}")


guard(configs)

# ---------------------------------------------------------------- stdlib / other libs
def misc():
    import networkx as nx, sympy, collections, datetime, enum
    pk("nx_karate_club.pkl", nx.karate_club_graph(), "networkx Graph", "pickle.dumps")
    pk("nx_weighted_digraph_p2.pkl", nx.gnp_random_graph(10, 0.3, seed=1, directed=True), "networkx DiGraph", "pickle.dumps protocol 2", protocol=2)
    pk("sympy_matrix.pkl", sympy.Matrix([[1, sympy.Symbol("x")], [sympy.Rational(1, 3), 0]]), "sympy Matrix", "pickle.dumps")
    pk("stdlib_ordered_dict_p0.pkl", collections.OrderedDict([("b", 1), ("a", 2)]), "collections OrderedDict", "protocol 0", protocol=0)
    pk("stdlib_date_timedelta_p1.pkl", [datetime.date(2024, 2, 29), datetime.timedelta(days=3, seconds=5), datetime.time(12, 30)], "datetime values", "protocol 1", protocol=1)
    pk("stdlib_vocab_dict.pkl", {w: i for i, w in enumerate("the of and to in a is that for it".split())}, "dict str->int vocab", "pickle.dumps")
    pk("stdlib_nested_bytes_p5.pkl", {"blob": b"\x00\x01" * 50, "ba": bytearray(b"xyz"), "t": (1, (2, (3,)))}, "bytes/bytearray/tuple", "protocol 5", protocol=5)


guard(misc)


# ---------------------------------------------------------------- more sklearn: loss objects, score functions, splitters
def sklearn_more():
    from sklearn.linear_model import (SGDClassifier, SGDRegressor, HuberRegressor, TheilSenRegressor, ARDRegression, BayesianRidge, ElasticNetCV,
                                      LogisticRegressionCV, RidgeClassifierCV, OrthogonalMatchingPursuit, PoissonRegressor, GammaRegressor)
    from sklearn.ensemble import GradientBoostingClassifier, GradientBoostingRegressor
    from sklearn.cluster import FeatureAgglomeration
    from sklearn.feature_selection import SelectFpr, SelectFdr, SelectFwe, GenericUnivariateSelect, f_classif, f_regression, r_regression, mutual_info_regression, RFE
    from sklearn.model_selection import KFold, StratifiedKFold, TimeSeriesSplit, GroupKFold, ShuffleSplit, RepeatedStratifiedKFold, GridSearchCV
    from sklearn.kernel_ridge import KernelRidge
    from sklearn.discriminant_analysis import QuadraticDiscriminantAnalysis
    from sklearn.svm import NuSVC, LinearSVC, SVR
    from sklearn.neighbors import KNeighborsRegressor, KNeighborsTransformer
    from sklearn.preprocessing import PolynomialFeatures, Binarizer, QuantileTransformer, KernelCenterer
    from sklearn.feature_extraction import FeatureHasher
    from sklearn.tree import DecisionTreeRegressor, ExtraTreeClassifier
    from sklearn.pipeline import Pipeline, FeatureUnion
    from sklearn.decomposition import PCA
    from sklearn.inspection import permutation_importance
    X, y = datasets.make_classification(n_samples=80, n_features=6, n_informative=4, random_state=2)
    Xr, yr = datasets.make_regression(n_samples=80, n_features=5, random_state=2)
    est = {}
    for loss in ("hinge", "modified_huber", "squared_hinge", "perceptron", "squared_error", "huber", "epsilon_insensitive", "squared_epsilon_insensitive"):
        est[f"sk_sgd_clf_{loss}"] = SGDClassifier(loss=loss, max_iter=20, random_state=0).fit(X, y)
    for loss in ("squared_error", "epsilon_insensitive", "squared_epsilon_insensitive"):
        m = SGDRegressor(loss=loss, random_state=0)
        for i in range(0, 80, 40):
            m.partial_fit(Xr[i:i + 40], yr[i:i + 40])
        est[f"sk_sgd_reg_partial_{loss}"] = m
    for loss in ("log_loss", "exponential"):
        est[f"sk_gb_clf_{loss}"] = GradientBoostingClassifier(loss=loss, n_estimators=5, max_depth=2, random_state=0).fit(X, y)
    for loss in ("squared_error", "absolute_error", "huber", "quantile"):
        est[f"sk_gb_reg_{loss}"] = GradientBoostingRegressor(loss=loss, n_estimators=5, max_depth=2, random_state=0).fit(Xr, yr)
    est["sk_gb_clf_init_zero"] = GradientBoostingClassifier(init="zero", n_estimators=3, random_state=0).fit(X, y)
    est.update({
        "sk_feature_agglomeration_mean": FeatureAgglomeration(n_clusters=2).fit(X),
        "sk_feature_agglomeration_median": FeatureAgglomeration(n_clusters=2, pooling_func=np.median).fit(X),
        "sk_select_fpr_fclassif": SelectFpr(f_classif, alpha=0.1).fit(X, y),
        "sk_select_fdr": SelectFdr(alpha=0.2).fit(X, y),
        "sk_select_fwe_fregression": SelectFwe(f_regression).fit(Xr, yr),
        "sk_generic_univariate_rreg": GenericUnivariateSelect(r_regression, mode="k_best", param=2).fit(Xr, yr),
        "sk_generic_univariate_mireg": GenericUnivariateSelect(mutual_info_regression, mode="percentile", param=50).fit(Xr, yr),
        "sk_rfe_svr": RFE(SVR(kernel="linear"), n_features_to_select=2).fit(Xr, yr),
        "sk_splitters": [KFold(5, shuffle=True, random_state=0), StratifiedKFold(3), TimeSeriesSplit(4, gap=1), GroupKFold(2), ShuffleSplit(3, test_size=0.2, random_state=1), RepeatedStratifiedKFold(n_splits=2, n_repeats=2)],
        "sk_gridsearch_timeseries_cv": GridSearchCV(KernelRidge(), {"alpha": [0.1, 1.0]}, cv=TimeSeriesSplit(3), scoring="neg_mean_absolute_error").fit(Xr, yr),
        "sk_kernel_ridge_rbf": KernelRidge(kernel="rbf", gamma=0.1).fit(Xr, yr),
        "sk_kernel_ridge_laplacian": KernelRidge(kernel="laplacian").fit(Xr, yr),
        "sk_qda": QuadraticDiscriminantAnalysis(reg_param=0.1).fit(X, y),
        "sk_nusvc": NuSVC(nu=0.3).fit(X, y),
        "sk_linear_svc_crammer": LinearSVC(multi_class="crammer_singer", max_iter=2000).fit(X, y),
        "sk_knn_regressor_distance": KNeighborsRegressor(weights="distance", algorithm="brute").fit(Xr, yr),
        "sk_knn_transformer": KNeighborsTransformer(n_neighbors=3, mode="distance").fit(X),
        "sk_poly_features": PolynomialFeatures(degree=2, interaction_only=True).fit(X),
        "sk_binarizer": Binarizer(threshold=0.2).fit(X),
        "sk_quantile_normal": QuantileTransformer(n_quantiles=20, output_distribution="normal").fit(X),
        "sk_kernel_centerer": KernelCenterer().fit(X @ X.T),
        "sk_feature_hasher": FeatureHasher(n_features=16, input_type="string"),
        "sk_tree_poisson": DecisionTreeRegressor(criterion="poisson", max_depth=3).fit(Xr, np.abs(yr)),
        "sk_extra_tree": ExtraTreeClassifier(random_state=0).fit(X, y),
        "sk_huber": HuberRegressor().fit(Xr, yr),
        "sk_theil_sen": TheilSenRegressor(random_state=0, max_subpopulation=50).fit(Xr[:30], yr[:30]),
        "sk_ard": ARDRegression().fit(Xr, yr),
        "sk_bayesian_ridge": BayesianRidge(compute_score=True).fit(Xr, yr),
        "sk_elasticnet_cv": ElasticNetCV(cv=3, l1_ratio=[0.2, 0.8]).fit(Xr, yr),
        "sk_logreg_cv": LogisticRegressionCV(cv=3, max_iter=300).fit(X, y),
        "sk_ridge_clf_cv": RidgeClassifierCV(alphas=[0.1, 1.0, 10.0]).fit(X, y),
        "sk_omp": OrthogonalMatchingPursuit(n_nonzero_coefs=2).fit(Xr, yr),
        "sk_poisson_reg": PoissonRegressor().fit(np.abs(Xr), np.abs(yr) + 1),
        "sk_gamma_reg": GammaRegressor().fit(np.abs(Xr), np.abs(yr) + 1),
        "sk_pipeline_passthrough_step": Pipeline([("scale", "passthrough"), ("pca", PCA(2)), ("clf", LinearSVC(max_iter=2000))]).fit(X, y),
        "sk_feature_union_drop": FeatureUnion([("pca", PCA(2)), ("poly", "drop"), ("bin", Binarizer())]).fit(X),
    })
    m = est["sk_bayesian_ridge"]
    est["sk_permutation_importance"] = permutation_importance(m, Xr, yr, n_repeats=2, random_state=0)
    for k, v in est.items():
        pk(f"{k}.pkl", v, f"sklearn {type(v).__name__}", "pickle.dumps protocol 4 (fitted)")
    for k in ("sk_gb_reg_huber", "sk_sgd_clf_modified_huber", "sk_feature_agglomeration_median"):
        joblib.dump(est[k], os.path.join(OUT, f"{k}.joblib"), compress=1)
        rec(f"{k}.joblib", f"sklearn {type(est[k]).__name__}", "joblib.dump compress=1")


guard(sklearn_more)


# ---------------------------------------------------------------- more torch: hooks, parametrisations, wrappers
def torch_more():
    from torch.nn.utils import weight_norm, spectral_norm, prune
    save = tsave
    save("pt_weight_norm_linear.pt", weight_norm(nn.Linear(4, 3)), "torch.save module with weight_norm hook")
    save("pt_spectral_norm_conv.pt", spectral_norm(nn.Conv2d(2, 2, 3)), "torch.save module with spectral_norm hook")
    lin = nn.Linear(6, 4); prune.l1_unstructured(lin, "weight", amount=0.5)
    save("pt_pruned_linear.pt", lin, "torch.save module pruned with prune.l1_unstructured (forward_pre_hook)")
    save("pt_pruned_linear_sd.pt", lin.state_dict(), "state_dict of a pruned module (weight_orig, weight_mask)")
    save("pt_data_parallel.pt", nn.DataParallel(nn.Sequential(nn.Linear(3, 3))), "torch.save nn.DataParallel wrapper")
    save("pt_data_parallel_sd.pt", nn.DataParallel(nn.Linear(3, 2)).state_dict(), "DataParallel state_dict (module. prefix)")
    save("pt_sync_batchnorm.pt", nn.SyncBatchNorm(4), "torch.save nn.SyncBatchNorm")
    save("pt_adaptive_log_softmax.pt", nn.AdaptiveLogSoftmaxWithLoss(8, 20, cutoffs=[5, 10]), "torch.save AdaptiveLogSoftmaxWithLoss")
    save("pt_weight_norm_sd.pt", weight_norm(nn.Linear(4, 3)).state_dict(), "weight_norm state_dict (weight_g, weight_v)")


guard(torch_more)


def scipy_more():
    from scipy import stats, interpolate, signal
    from scipy.stats import qmc
    objs = {
        "sp_rv_histogram": stats.rv_histogram(np.histogram(rng.randn(100), bins=10)),
        "sp_rv_discrete_values": stats.rv_discrete(name="loaded_die", values=([1, 2, 3], [0.2, 0.3, 0.5])),
        "sp_qmc_sobol": qmc.Sobol(d=2, scramble=True, seed=1),
        "sp_qmc_lhs": qmc.LatinHypercube(d=3, seed=2),
        "sp_bootstrap_result": stats.bootstrap((rng.randn(20),), np.mean, n_resamples=50, random_state=0).confidence_interval,
        "sp_barycentric": interpolate.BarycentricInterpolator(np.arange(5.0), np.arange(5.0) ** 2),
        "sp_krogh": interpolate.KroghInterpolator(np.arange(4.0), np.arange(4.0) ** 3),
        "sp_nearest_nd": interpolate.NearestNDInterpolator(rng.rand(10, 2), rng.rand(10)),
        "sp_clough_tocher": interpolate.CloughTocher2DInterpolator(rng.rand(12, 2), rng.rand(12)),
        "sp_state_space": signal.StateSpace(np.eye(2), np.ones((2, 1)), np.ones((1, 2)), np.zeros((1, 1))),
        "sp_zpk": signal.ZerosPolesGain([1.0], [0.5, 0.2], 1.0, dt=0.1),
    }
    for k, v in objs.items():
        pk(f"{k}.pkl", v, f"scipy {type(v).__name__}", "pickle.dumps protocol 4")


guard(scipy_more)

# ---------------------------------------------------------------- second round: more everyday objects
def round2():
    import random, logging, datetime, dateutil.relativedelta as rd, dateutil.rrule as rr, dateutil.tz as dtz
    from pandas.tseries.holiday import Holiday, nearest_workday, AbstractHolidayCalendar
    from pandas.tseries import offsets as off
    from sklearn.linear_model import LogisticRegression, SGDOneClassSVM, PassiveAggressiveRegressor, Lars, LassoLars, MultiTaskLasso, MultiTaskElasticNet
    from sklearn.ensemble import RandomTreesEmbedding, StackingRegressor, VotingClassifier
    from sklearn.covariance import EmpiricalCovariance, ShrunkCovariance, OAS
    from sklearn.neural_network import MLPClassifier
    from sklearn.manifold import SpectralEmbedding
    from sklearn.semi_supervised import LabelPropagation
    from sklearn.cluster import KMeans
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.preprocessing import FunctionTransformer
    from sklearn.linear_model import Ridge
    from sklearn.tree import DecisionTreeClassifier
    from sklearn.ensemble import HistGradientBoostingRegressor
    import scipy.special
    from scipy import interpolate, optimize
    X, y = datasets.make_classification(n_samples=60, n_features=5, random_state=5)
    Xr, yr = datasets.make_regression(n_samples=60, n_features=4, random_state=5)
    objs = {
        "r2_random_Random": random.Random(1234),
        "r2_logging_logrecord": logging.LogRecord("train", logging.INFO, "train.py", 10, "epoch %d loss %.3f", (3, 0.25), None),
        "r2_relativedelta": rd.relativedelta(months=+1, weekday=rd.FR(-1)),
        "r2_rrule": rr.rrule(rr.WEEKLY, count=4, dtstart=datetime.datetime(2024, 1, 1), byweekday=(rr.MO, rr.TH)),
        "r2_dateutil_tzoffset": datetime.datetime(2024, 1, 1, tzinfo=dtz.tzoffset("IST", 19800)),
        "r2_dateutil_tzutc_frame": pd.DataFrame({"t": [datetime.datetime(2024, 1, 1, tzinfo=dtz.tzutc())]}),
        "r2_holiday_observance": Holiday("Founders", month=7, day=4, observance=nearest_workday),
        "r2_holiday_offset_weekday": Holiday("Memorial", month=5, day=31, offset=pd.DateOffset(weekday=rd.MO(-1))),
        "r2_offsets_bundle": [off.Easter(), off.FY5253(weekday=4, startingMonth=12, variation="nearest"), off.LastWeekOfMonth(weekday=2),
                              off.CustomBusinessHour(start="09:00", end="17:00"), off.BusinessMonthEnd(), off.SemiMonthEnd(), off.Week(weekday=0), pd.tseries.frequencies.to_offset("15min")],
        "r2_pd_dtypes": [pd.CategoricalDtype(["a", "b"], ordered=True), pd.IntervalDtype("int64", "right"), pd.SparseDtype("float", np.nan), pd.PeriodDtype("D"), pd.DatetimeTZDtype(tz="UTC")],
        "r2_pd_timedelta_timestamp": [pd.Timedelta("1 days 02:00:00"), pd.Timestamp("2024-03-10 03:30", tz="US/Eastern"), pd.NaT, pd.Period("2024-03", "M"), pd.Interval(0, 1, closed="both")],
        "r2_pd_factorize": pd.factorize(pd.Series(list("abcab"))),
        "r2_pd_qcut_bins": pd.qcut(pd.Series(rng.rand(20)), 4, retbins=True),
        "r2_pd_explode_json_normalize": pd.json_normalize([{"a": 1, "b": {"c": 2}}, {"a": 3, "b": {"c": 4}}]),
        "r2_pd_grouper": pd.Grouper(key="t", freq="W"),
        "r2_sk_logreg_p0": None, "r2_sk_logreg_p1": None,
        "r2_sgd_one_class_svm": SGDOneClassSVM(random_state=0).fit(X),
        "r2_pa_regressor": PassiveAggressiveRegressor(random_state=0).fit(Xr, yr),
        "r2_lars": Lars(n_nonzero_coefs=3).fit(Xr, yr),
        "r2_lasso_lars": LassoLars(alpha=0.1).fit(Xr, yr),
        "r2_multitask_lasso": MultiTaskLasso(alpha=0.1).fit(Xr, np.c_[yr, yr]),
        "r2_multitask_enet": MultiTaskElasticNet(alpha=0.1).fit(Xr, np.c_[yr, -yr]),
        "r2_random_trees_embedding": RandomTreesEmbedding(n_estimators=3, max_depth=2, random_state=0).fit(X),
        "r2_stacking_regressor": StackingRegressor([("r", Ridge()), ("h", HistGradientBoostingRegressor(max_iter=5))], cv=3).fit(Xr, yr),
        "r2_voting_soft": VotingClassifier([("lr", LogisticRegression(max_iter=200)), ("dt", DecisionTreeClassifier(max_depth=2))], voting="soft").fit(X, y),
        "r2_covariances": [EmpiricalCovariance().fit(X), ShrunkCovariance().fit(X), OAS().fit(X)],
        "r2_mlp_sgd_solver": MLPClassifier(solver="sgd", hidden_layer_sizes=(4,), max_iter=20, random_state=0).fit(X, y),
        "r2_mlp_lbfgs_solver": MLPClassifier(solver="lbfgs", hidden_layer_sizes=(4,), max_iter=20, random_state=0).fit(X, y),
        "r2_spectral_embedding": SpectralEmbedding(n_components=2, random_state=0).fit(X),
        "r2_label_propagation": LabelPropagation().fit(X, np.where(np.arange(60) % 3 == 0, y, -1)),
        "r2_kmeans_elkan": KMeans(n_clusters=2, algorithm="elkan", n_init=2, random_state=0).fit(X),
        "r2_calibrated_sigmoid_noensemble": CalibratedClassifierCV(LogisticRegression(max_iter=200), method="sigmoid", ensemble=False, cv=3).fit(X, y),
        "r2_function_transformer_expit": FunctionTransformer(scipy.special.expit, inverse_func=scipy.special.logit).fit(X),
        "r2_function_transformer_np_clip": FunctionTransformer(np.clip, kw_args={"a_min": 0, "a_max": 1}).fit(X),
        "r2_hgb_monotonic_interaction": HistGradientBoostingRegressor(max_iter=5, monotonic_cst=[1, 0, 0, -1], interaction_cst=[[0, 1], [2, 3]]).fit(Xr, yr),
        "r2_tree_class_weight": DecisionTreeClassifier(class_weight="balanced", max_depth=3).fit(X, y),
        "r2_scipy_ppoly_bpoly": [interpolate.PPoly(rng.rand(3, 2), [0, 1, 2]), interpolate.BPoly(rng.rand(3, 2), [0, 1, 2])],
        "r2_scipy_rect_bivariate": interpolate.RectBivariateSpline(np.arange(5.0), np.arange(6.0), rng.rand(5, 6)),
        "r2_scipy_lsq_spline": interpolate.LSQUnivariateSpline(np.arange(10.0), rng.rand(10), [3.0, 6.0]),
        "r2_scipy_bounds_constraints": [optimize.Bounds([0, 0], [1, 2]), optimize.LinearConstraint(np.eye(2), 0, 1)],
        "r2_numpy_ufunc_refs": [np.add, np.log1p, np.maximum, np.isnan],
        "r2_stat_result": os.stat(OUT),
        "r2_posix_path": __import__("pathlib").Path("/data/models/run-17/model.pt"),
    }
    objs["r2_sk_logreg_p0"] = LogisticRegression(max_iter=200).fit(X, y)
    for k, v in objs.items():
        if k == "r2_sk_logreg_p0":
            pk(f"{k}.pkl", v, "sklearn LogisticRegression", "pickle.dumps protocol 0", protocol=0)
            pk("r2_sk_logreg_p1.pkl", v, "sklearn LogisticRegression", "pickle.dumps protocol 1", protocol=1)
            continue
        if v is None:
            continue
        pk(f"{k}.pkl", v, f"{type(v).__module__.split('.')[0]} {type(v).__name__}", "pickle.dumps protocol 4")
    pk("r2_logging_logrecord_p2.pkl", objs["r2_logging_logrecord"], "logging LogRecord", "pickle.dumps protocol 2 (SocketHandler-style)", protocol=2)
    pk("r2_random_Random_p0.pkl", objs["r2_random_Random"], "random Random", "pickle.dumps protocol 0", protocol=0)
    # torch round 2
    from torch.optim.swa_utils import SWALR, AveragedModel
    model = nn.Linear(3, 2)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    swalr = SWALR(opt, swa_lr=0.05, anneal_epochs=2)
    tsave("r2_pt_swalr_sd.pt", swalr.state_dict(), "SWALR scheduler state_dict")
    tsave("r2_pt_multiplicative_lr_free.pt", torch.optim.lr_scheduler.MultiStepLR(opt, [2, 4]).state_dict(), "MultiStepLR state_dict")
    tsave("r2_pt_lazy_linear.pt", nn.LazyLinear(4), "whole nn.LazyLinear (UninitializedParameter)")
    tsave("r2_pt_misc_layers.pt", nn.Sequential(nn.ZeroPad2d(1), nn.ReflectionPad2d(1), nn.ChannelShuffle(1), nn.LocalResponseNorm(2), nn.Hardtanh(), nn.RReLU(), nn.Softmax2d(),
                                               nn.LPPool2d(2, 2), nn.Threshold(0.1, 0.0)), "whole module of less common layers")
    tsave("r2_pt_fold_unfold.pt", nn.ModuleList([nn.Fold((4, 4), 2), nn.Unfold(2), nn.CosineSimilarity(), nn.PairwiseDistance(), nn.GLU(), nn.Tanhshrink(), nn.Softmin(1)]), "ModuleList of functional-style layers")
    tsave("r2_pt_rnn_relu.pt", nn.RNN(3, 4, nonlinearity="relu", batch_first=True), "whole nn.RNN relu")
    tsave("r2_pt_fractional_maxpool.pt", nn.FractionalMaxPool2d(2, output_ratio=0.5), "FractionalMaxPool2d")
    tsave("r2_pt_formats_qschemes.pt", {"fmt": torch.channels_last, "q": torch.per_tensor_affine, "dt": torch.float16}, "memory_format/qscheme/dtype values")
    ds = torch.utils.data.TensorDataset(torch.arange(10.0), torch.arange(10))
    tsave("r2_pt_subset_concat.pt", {"subset": torch.utils.data.Subset(ds, [1, 2, 3]), "concat": torch.utils.data.ConcatDataset([ds, ds])}, "Subset and ConcatDataset")
    tsave("r2_pt_samplers.pt", [torch.utils.data.RandomSampler(ds), torch.utils.data.BatchSampler(torch.utils.data.SequentialSampler(ds), 4, False)], "samplers")
    tsave("r2_pt_dataloader.pt", torch.utils.data.DataLoader(ds, batch_size=4, shuffle=False), "whole DataLoader (default_collate function reference)")
    try:
        tsave("r2_pt_averaged_model.pt", AveragedModel(model), "AveragedModel")
    except Exception as e:
        SKIPPED.append(f"AveragedModel: {e}")
    # statsmodels round 2
    import statsmodels.api as sm
    from statsmodels.tsa.statespace.sarimax import SARIMAX
    from statsmodels.tsa.api import VAR, ExponentialSmoothing
    from statsmodels.tsa.seasonal import STL
    ts = np.cumsum(rng.randn(48)) + 10
    for name, fn, how in (("r2_sm_sarimax.pkl", lambda: SARIMAX(ts, order=(1, 0, 0), seasonal_order=(0, 1, 0, 12)).fit(disp=False), "SARIMAXResults.save(remove_data=True)"),
                          ("r2_sm_var.pkl", lambda: VAR(np.c_[ts, ts[::-1] + rng.randn(48)]).fit(1), "VARResults.save"),
                          ("r2_sm_holt_damped.pkl", lambda: ExponentialSmoothing(ts, trend="add", damped_trend=True).fit(), "ExponentialSmoothing damped .save"),
                          ("r2_sm_stl.pkl", lambda: STL(pd.Series(ts, index=pd.date_range("2020-01", periods=48, freq="M"))).fit(), "STL DecomposeResult pickled")):
        try:
            res = fn()
            if hasattr(res, "save"):
                res.save(os.path.join(OUT, name), remove_data=name == "r2_sm_sarimax.pkl")
            else:
                with open(os.path.join(OUT, name), "wb") as f:
                    pickle.dump(res, f)
            rec(name, f"statsmodels {type(res).__name__}", how)
        except Exception as e:
            SKIPPED.append(f"{name}: {type(e).__name__}: {e}"[:160])


guard(round2)

# ---------------------------------------------------------------- third round: tutorial-style text pipelines and encoders
def round3():
    import collections
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
    from sklearn.impute import SimpleImputer
    from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, FunctionTransformer
    docs = ["the quick brown fox", "jumps over the lazy dog", "the dog barks", "quick quick fox"]
    objs = {
        "r3_defaultdicts": {"int": collections.defaultdict(int, {"a": 1}), "set": collections.defaultdict(set, {"k": {1}}), "dict": collections.defaultdict(dict),
                            "float": collections.defaultdict(float), "counter": collections.defaultdict(collections.Counter, {"x": collections.Counter("aab")})},
        "r3_countvec_str_split": CountVectorizer(tokenizer=str.split, lowercase=False).fit(docs),
        "r3_tfidf_str_lower": TfidfVectorizer(preprocessor=str.lower).fit(docs),
        "r3_imputer_pd_na": SimpleImputer(missing_values=pd.NA, strategy="most_frequent").fit(pd.DataFrame({"c": pd.array(["a", pd.NA, "a"], dtype="string")}).astype(object)),
        "r3_onehot_infrequent_drop": OneHotEncoder(drop="first", min_frequency=2, handle_unknown="infrequent_if_exist", sparse_output=False).fit(np.array([["a"], ["a"], ["b"], ["b"], ["c"]], dtype=object)),
        "r3_ordinal_nan": OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-2, encoded_missing_value=-1).fit(np.array([["x"], [np.nan], ["y"]], dtype=object)),
        "r3_function_transformer_nan_to_num": FunctionTransformer(np.nan_to_num, validate=True).fit(np.ones((2, 2))),
    }
    for k, v in objs.items():
        pk(f"{k}.pkl", v, f"{type(v).__module__.split('.')[0]} {type(v).__name__}", "pickle.dumps protocol 4")
    joblib.dump(objs["r3_tfidf_str_lower"], os.path.join(OUT, "r3_tfidf_str_lower.joblib"))
    rec("r3_tfidf_str_lower.joblib", "sklearn TfidfVectorizer", "joblib.dump")


guard(round3)

total = 0
for root, _, files in os.walk(OUT):
    for fn in files:
        total += os.path.getsize(os.path.join(root, fn))
with open(os.path.join(OUT, "MANIFEST.tsv"), "w") as f:
    f.write("file\tlibrary/class\thow made\texpected\n")
    for r in sorted(ROWS):
        f.write("\t".join(r) + "\n")
print(f"{len(ROWS)} files, {total} bytes")
for s in SKIPPED:
    print("skipped:", s)
