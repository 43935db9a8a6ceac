#!/usr/bin/python3
"""Writes bench/scan/blind2/benign/: everyday files a data scientist saves, chosen to differ from
bench/scan/blind/ (composites, partial_fit, Bunch datasets, pandas extension dtypes with odd contents,
statsmodels families, scipy interpolators/trees/distributions, torch modules/optimizers/schedulers,
joblib with every compressor, matplotlib/sympy/PIL objects, protocols 0-5).
Run with Debian's /usr/bin/python3. Every row is expected clean unless the MANIFEST says otherwise."""
import collections
import datetime
import decimal
import fractions
import functools
import io
import os
import pathlib
import pickle
import re
import sys
import traceback
import types
import uuid
import warnings

warnings.simplefilter('ignore')
import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'benign')
ROWS = []
FAILED = []
RNG = np.random.RandomState(0)
X = RNG.rand(40, 4)
Y = (X[:, 0] + X[:, 1] > 1).astype(int)
YR = X @ np.array([1.0, -2.0, 0.5, 3.0]) + RNG.rand(40) * 0.1


def put(name, lib, what, fn, expected='clean'):
    path = os.path.join(OUT, name)
    try:
        fn(path)
    except Exception as e:  # a library cannot pickle this object: skip it, say so
        FAILED.append((name, repr(e)[:120]))
        if os.path.exists(path):
            os.remove(path)
        return
    size = os.path.getsize(path)
    if size >= 200_000:
        FAILED.append((name, 'too big: %d' % size))
        os.remove(path)
        return
    ROWS.append((name, lib, what, expected))


def pk(name, lib, what, obj_fn, proto=4, expected='clean'):
    def w(path):
        data = pickle.dumps(obj_fn(), protocol=proto)
        with open(path, 'wb') as f:
            f.write(data)
    put(name, lib, what + ' (protocol %d)' % proto, w, expected)


# ------------------------------------------------------------------ stdlib
def stdlib():
    import argparse
    import zoneinfo
    pk('std_zoneinfo.pkl', 'stdlib', 'zoneinfo.ZoneInfo', lambda: zoneinfo.ZoneInfo('Europe/Paris'))
    pk('std_datetime_zoneinfo.pkl', 'stdlib', 'datetime with ZoneInfo tz',
       lambda: datetime.datetime(2024, 3, 31, 2, 30, tzinfo=zoneinfo.ZoneInfo('America/New_York')))
    pk('std_timezone_named.pkl', 'stdlib', 'datetime.timezone with name',
       lambda: datetime.timezone(datetime.timedelta(hours=5, minutes=30), 'IST'))
    for proto in (0, 1, 2):
        pk('std_bytes_p%d.pkl' % proto, 'stdlib', 'bytes/bytearray (codecs.encode shape under old protocols)',
           lambda: {'b': b'\x00\xffabc', 'ba': bytearray(b'xyz')}, proto)
        pk('std_datetime_p%d.pkl' % proto, 'stdlib', 'date/time/datetime/timedelta',
           lambda: [datetime.date(2020, 1, 2), datetime.time(3, 4, 5, 6), datetime.datetime(2021, 5, 6, 7, 8, 9),
                    datetime.timedelta(days=-3, seconds=5)], proto)
        pk('std_collections_p%d.pkl' % proto, 'stdlib', 'OrderedDict/deque/Counter/defaultdict(set)',
           lambda: [collections.OrderedDict(a=1), collections.deque([1, 2], maxlen=5), collections.Counter('abca'),
                    collections.defaultdict(set, {'k': {1}})], proto)
        pk('std_values_p%d.pkl' % proto, 'stdlib', 'Decimal/Fraction/UUID/complex/pure paths',
           lambda: [decimal.Decimal('-1.5E+3'), decimal.Decimal('NaN'), fractions.Fraction(-7, 3),
                    uuid.UUID(int=12345), 3 - 4j, pathlib.PurePosixPath('/a/b'), pathlib.PureWindowsPath('C:/x')], proto)
    pk('std_simplenamespace.pkl', 'stdlib', 'types.SimpleNamespace', lambda: types.SimpleNamespace(lr=0.1, layers=[1, 2]))
    pk('std_argparse_namespace.pkl', 'stdlib', 'argparse.Namespace (training args)',
       lambda: argparse.Namespace(lr=0.01, epochs=3, out='runs/x'))
    pk('std_userdict_list_string.pkl', 'stdlib', 'UserDict/UserList/UserString',
       lambda: [collections.UserDict(a=1), collections.UserList([1]), collections.UserString('s')])
    pk('std_re_bytes_pattern.pkl', 'stdlib', 're pattern of bytes with flags', lambda: re.compile(b'ab+c', re.I | re.M))
    pk('std_floats.pkl', 'stdlib', 'nan/inf/-0.0/huge ints', lambda: [float('nan'), float('inf'), -0.0, 2 ** 200, -(2 ** 70)])
    pk('std_nested_deep.pkl', 'stdlib', 'deeply nested lists/dicts/tuples/sets',
       lambda: functools.reduce(lambda a, _: {'k': [a, (a,), frozenset({1})]}, range(30), 0))
    pk('std_shared_refs.pkl', 'stdlib', 'shared and recursive references (memo)', lambda: (lambda l: (l.append(l), [l, l])[1])([]))
    import array
    pk('std_array_p5.pkl', 'stdlib', 'array.array float (proto 5)', lambda: array.array('f', [1.5, 2.5]), 5)
    pk('std_array_p1.pkl', 'stdlib', 'array.array long long (proto 1)', lambda: array.array('q', [1, -2]), 1)
    pk('std_slice_range_ellipsis.pkl', 'stdlib', 'slice/range/Ellipsis/NotImplemented',
       lambda: [slice(1, None, 2), range(0, 10, 3), Ellipsis, NotImplemented])


# ------------------------------------------------------------------ numpy
def numpy_():
    pk('np_object_array_of_dicts.pkl', 'numpy', 'object ndarray of dicts',
       lambda: np.array([{'a': 1}, {'b': [1, 2]}, None], dtype=object))
    for proto in (2, 3, 5):
        pk('np_arrays_p%d.pkl' % proto, 'numpy', 'C/F-contiguous and non-contiguous arrays',
           lambda: [np.arange(6.0).reshape(2, 3), np.asfortranarray(np.ones((2, 3), 'i2')), np.arange(10)[::3],
                    np.zeros(0, 'u1')], proto)
    pk('np_dtypes_exotic.pkl', 'numpy', 'dtypes with metadata, subarrays, aligned structs',
       lambda: [np.dtype('f8', metadata={'unit': 'm'}), np.dtype([('a', '<i4', (2, 3)), ('b', 'S3')], align=True),
                np.dtype('>c16'), np.dtype('M8[ns]'), np.dtype('m8[D]')])
    pk('np_datetime_units.pkl', 'numpy', 'datetime64 arrays in several units',
       lambda: [np.array(['2020-01-01', 'NaT'], 'M8[D]'), np.array([1, 2], 'M8[ms]'), np.array([3], 'm8[us]')])
    pk('np_ma_fill.pkl', 'numpy', 'masked array with fill value', lambda: np.ma.array([1.0, 2, 3], mask=[0, 1, 0], fill_value=-9))
    pk('np_void_struct_scalar.pkl', 'numpy', 'structured scalar', lambda: np.zeros(1, [('x', 'f4'), ('y', 'i8')])[0])
    pk('np_str_bytes_scalars.pkl', 'numpy', 'str_/bytes_/bool_/float128 scalars',
       lambda: [np.str_('a'), np.bytes_(b'b'), np.bool_(True), np.longdouble(1.5), np.clongdouble(1j)])
    pk('np_bitgen_states.pkl', 'numpy', 'bit generator state dicts', lambda: np.random.default_rng(1).bit_generator.state)
    pk('np_rng_generator_philox.pkl', 'numpy', 'Generator(Philox)', lambda: np.random.Generator(np.random.Philox(3)))

    def save(arr, **kw):
        return lambda p: np.save(p, arr, **kw)
    put('np_save_datetime.npy', 'numpy', 'np.save of datetime64[s]', save(np.array(['2020-01-01T00:00:01'], 'M8[s]')))
    put('np_save_structured_sub.npy', 'numpy', 'np.save of structured with subarray',
        save(np.zeros(3, [('a', '<f4', (2,)), ('b', 'S4')])))
    put('np_save_bigendian_F.npy', 'numpy', 'np.save of big-endian Fortran array', save(np.asfortranarray(np.ones((3, 2), '>i4'))))
    put('np_save_object_dicts.npy', 'numpy', 'np.save of object array of dicts (embedded pickle, benign)',
        save(np.array([{'a': 1}, [1, 2], 'x'], dtype=object), allow_pickle=True))

    def v(version, arr):
        def w(p):
            with open(p, 'wb') as f:
                np.lib.format.write_array(f, arr, version=version)
        return w
    put('np_format_v2.npy', 'numpy', 'npy format version 2.0', v((2, 0), np.arange(5)))
    put('np_format_v3_utf8_names.npy', 'numpy', 'npy format version 3.0 (utf8 field names)',
        v((3, 0), np.zeros(2, [('\u00e9t\u00e9', 'f4')])))
    put('np_savez_many.npz', 'numpy', 'np.savez with named members', lambda p: np.savez(p, w=np.ones(3), b=np.zeros(2), names=np.array(['a', 'b'])))
    put('np_savez_compressed_object.npz', 'numpy', 'savez_compressed with an object member (embedded pickle, benign)',
        lambda p: np.savez_compressed(p, meta=np.array([{'k': 1}], dtype=object), w=np.ones(4)))


# ------------------------------------------------------------------ pandas
def pandas_():
    import pandas as pd
    pk('pd_nullable_bool_int_float.pkl', 'pandas', 'boolean/Int8/UInt64/Float32 nullable arrays in a frame',
       lambda: pd.DataFrame({'b': pd.array([True, None, False], dtype='boolean'), 'i': pd.array([1, None, 3], dtype='Int8'),
                             'u': pd.array([1, 2, None], dtype='UInt64'), 'f': pd.array([0.5, None, 1], dtype='Float32')}))
    pk('pd_string_dtype.pkl', 'pandas', 'string[python] with NA', lambda: pd.Series(['a', None, 'c'], dtype='string'))
    pk('pd_categorical_of_intervals.pkl', 'pandas', 'Categorical of intervals', lambda: pd.cut(pd.Series([1, 5, 9, 3]), 3))
    pk('pd_categorical_tz_ts.pkl', 'pandas', 'Categorical of tz-aware timestamps',
       lambda: pd.Categorical(pd.date_range('2020', periods=3, tz='Asia/Tokyo')))
    pk('pd_categorical_ordered_nan.pkl', 'pandas', 'ordered Categorical with NaN',
       lambda: pd.Categorical(['lo', None, 'hi'], categories=['lo', 'hi'], ordered=True))
    pk('pd_sparse_nan_fill.pkl', 'pandas', 'SparseArray fill NaN in a frame',
       lambda: pd.DataFrame({'s': pd.arrays.SparseArray([np.nan, 1.0, np.nan, np.nan])}))
    pk('pd_multiindex_nan_levels.pkl', 'pandas', 'MultiIndex with NaN in levels',
       lambda: pd.Series([1, 2, 3], index=pd.MultiIndex.from_arrays([['a', None, 'b'], [1.0, 2.0, np.nan]])))
    pk('pd_multiindex_dates.pkl', 'pandas', 'MultiIndex product of dates and strings',
       lambda: pd.DataFrame({'v': range(4)}, index=pd.MultiIndex.from_product([pd.date_range('2020', periods=2, tz='UTC'), ['x', 'y']])))
    pk('pd_index_kinds.pkl', 'pandas', 'complex/bool/bytes/float indexes, RangeIndex with step',
       lambda: [pd.Index([1 + 2j]), pd.Index([True, False]), pd.Index([b'a', b'b']), pd.Index([0.5, np.nan]),
                pd.RangeIndex(5, 50, 7)])
    pk('pd_datetimeindex_freqs.pkl', 'pandas', 'DatetimeIndex with B, W-SUN, QS-JAN, 15T freqs',
       lambda: [pd.date_range('2020', periods=3, freq=f) for f in ('B', 'W-SUN', 'QS-JAN', '15T')])
    pk('pd_offsets.pkl', 'pandas', 'CustomBusinessDay with holidays, Week(weekday), DateOffset(months, days)',
       lambda: [pd.offsets.CustomBusinessDay(holidays=['2020-01-01']), pd.offsets.Week(weekday=2),
                pd.DateOffset(months=1, days=2), pd.offsets.MonthEnd(2)])
    pk('pd_timedelta_index_freq.pkl', 'pandas', 'TimedeltaIndex with freq', lambda: pd.timedelta_range('1 day', periods=3, freq='6H'))
    pk('pd_period_quarter.pkl', 'pandas', 'Period Q and PeriodIndex M', lambda: [pd.Period('2020Q1'), pd.period_range('2020-01', periods=3, freq='M')])
    pk('pd_interval_datetime.pkl', 'pandas', 'IntervalIndex of datetimes', lambda: pd.interval_range(pd.Timestamp('2020'), periods=3, freq='D'))
    pk('pd_timestamp_ns.pkl', 'pandas', 'Timestamp with ns, NaT, NA', lambda: [pd.Timestamp('2020-01-01 00:00:00.000000001'), pd.NaT, pd.NA])

    def attrs():
        df = pd.DataFrame({'a': [1, 2]})
        df.attrs['source'] = 'sensor-7'
        df = df.set_flags(allows_duplicate_labels=False)
        return df
    pk('pd_frame_attrs_noduplicates.pkl', 'pandas', 'frame with attrs and allows_duplicate_labels=False', attrs)
    pk('pd_frame_duplicate_columns.pkl', 'pandas', 'duplicate column names', lambda: pd.DataFrame([[1, 2]], columns=['a', 'a']))
    pk('pd_series_tuple_name.pkl', 'pandas', 'Series named by a tuple', lambda: pd.Series([1], name=('a', 1)))
    pk('pd_frame_mixed_ext.pkl', 'pandas', 'frame mixing tz, period, interval, categorical, sparse columns',
       lambda: pd.DataFrame({'t': pd.date_range('2020', periods=2, tz='Europe/Berlin'), 'p': pd.period_range('2020', periods=2, freq='D'),
                             'iv': pd.IntervalIndex.from_breaks([0, 1, 2]), 'c': pd.Categorical(['x', 'y']),
                             's': pd.arrays.SparseArray([0, 1])}))
    for proto in (0, 1, 2, 3, 5):
        pk('pd_ext_frame_p%d.pkl' % proto, 'pandas', 'extension-dtype frame',
           lambda: pd.DataFrame({'b': pd.array([True, None], dtype='boolean'), 'c': pd.Categorical(['a', None]),
                                 't': pd.date_range('2020', periods=2, tz='UTC')}), proto)
    df = pd.DataFrame({'a': range(5), 'b': list('abcde')})
    for ext, comp in [('pkl.gz', {'method': 'gzip', 'compresslevel': 1}), ('pkl.tar', 'tar'), ('pkl.tar.gz', 'tar'),
                      ('pkl.tar.bz2', 'tar'), ('pkl.tar.xz', 'tar'), ('pkl.bz2', {'method': 'bz2'}), ('pkl.zip', {'method': 'zip', 'archive_name': 'frame.pkl'})]:
        put('pd_to_pickle_%s' % ext.replace('.', '_') + '.' + ext, 'pandas', 'to_pickle compression=%r' % (comp,),
            lambda p, comp=comp: df.to_pickle(p, compression=comp))
    put('pd_to_pickle_p2.pkl', 'pandas', 'to_pickle protocol 2', lambda p: df.to_pickle(p, protocol=2))
    put('pd_to_hdf_table.h5', 'pandas', 'to_hdf table format',
        lambda p: pd.DataFrame({'s': ['x', 'y'], 'v': [1.0, 2.0]}).to_hdf(p, 'df', format='table'))


# ------------------------------------------------------------------ scipy
def scipy_():
    from scipy import interpolate, optimize, signal, sparse, spatial, stats
    from scipy.spatial.transform import Rotation, Slerp
    x = np.linspace(0, 1, 8)
    pk('sp_interp1d_cubic.pkl', 'scipy', 'interp1d cubic', lambda: interpolate.interp1d(x, x ** 2, kind='cubic'))
    pk('sp_regular_grid.pkl', 'scipy', 'RegularGridInterpolator',
       lambda: interpolate.RegularGridInterpolator((x, x), np.outer(x, x)))
    pk('sp_bspline_pchip_akima.pkl', 'scipy', 'BSpline / PchipInterpolator / Akima1DInterpolator',
       lambda: [interpolate.make_interp_spline(x, x ** 3), interpolate.PchipInterpolator(x, x), interpolate.Akima1DInterpolator(x, x)])
    pk('sp_rbf_interpolator.pkl', 'scipy', 'RBFInterpolator', lambda: interpolate.RBFInterpolator(X[:, :2], YR))
    pk('sp_linear_nd.pkl', 'scipy', 'LinearNDInterpolator (Qhull Delaunay inside)',
       lambda: interpolate.LinearNDInterpolator(X[:, :2], YR))
    pk('sp_delaunay.pkl', 'scipy', 'spatial.Delaunay', lambda: spatial.Delaunay(X[:, :2]))
    pk('sp_convexhull.pkl', 'scipy', 'spatial.ConvexHull', lambda: spatial.ConvexHull(X[:, :2]))
    pk('sp_kdtree_ckdtree_p2.pkl', 'scipy', 'KDTree and cKDTree', lambda: [spatial.KDTree(X), spatial.cKDTree(X, leafsize=3)], 2)
    pk('sp_slerp.pkl', 'scipy', 'Slerp of Rotations', lambda: Slerp([0, 1], Rotation.from_euler('z', [0, 90], degrees=True)))
    pk('sp_frozen_multi.pkl', 'scipy', 'frozen dirichlet, wishart, multivariate_t, vonmises, rv_histogram',
       lambda: [stats.dirichlet([1, 2]), stats.wishart(df=3, scale=np.eye(2)), stats.multivariate_t([0, 0], np.eye(2)),
                stats.vonmises(1.0), stats.rv_histogram(np.histogram(YR, bins=5))])
    pk('sp_frozen_more.pkl', 'scipy', 'frozen weibull_min, truncnorm, nbinom, loguniform, randint',
       lambda: [stats.weibull_min(1.5), stats.truncnorm(-1, 1), stats.nbinom(5, 0.5), stats.loguniform(1e-3, 1), stats.randint(0, 9)])
    pk('sp_kde_weights.pkl', 'scipy', 'gaussian_kde with weights and bw_method',
       lambda: stats.gaussian_kde(YR, bw_method='silverman', weights=np.ones(40)))
    pk('sp_test_results.pkl', 'scipy', 'ttest/linregress/pearsonr results',
       lambda: [stats.ttest_ind(X[:, 0], X[:, 1]), stats.linregress(X[:, 0], YR), stats.pearsonr(X[:, 0], YR)])
    pk('sp_minimize_result.pkl', 'scipy', 'OptimizeResult of L-BFGS-B (LbfgsInvHessProduct inside)',
       lambda: optimize.minimize(lambda v: ((v - 1) ** 2).sum(), np.zeros(2), method='L-BFGS-B'))
    pk('sp_lti_systems.pkl', 'scipy', 'signal TransferFunction/StateSpace/ZerosPolesGain',
       lambda: [signal.TransferFunction([1], [1, 2]), signal.StateSpace([[0]], [[1]], [[1]], [[0]]), signal.ZerosPolesGain([], [-1], 1)])
    pk('sp_sparse_arrays.pkl', 'scipy', 'coo_array/csc_array/lil_matrix',
       lambda: [sparse.coo_array(np.eye(3)), sparse.csc_array(np.eye(2)), sparse.lil_matrix(np.eye(2))])
    pk('sp_linear_operator.pkl', 'scipy', 'aslinearoperator of a matrix', lambda: sparse.linalg.aslinearoperator(np.eye(2)))
    from scipy.integrate import solve_ivp
    pk('sp_solve_ivp_dense.pkl', 'scipy', 'solve_ivp result with dense OdeSolution',
       lambda: solve_ivp(lambda t, y: -y, (0, 1), [1.0], dense_output=True))


# ------------------------------------------------------------------ sklearn
def sklearn_():
    from sklearn import calibration, compose, datasets, decomposition, ensemble, feature_selection, impute, isotonic
    from sklearn import linear_model, model_selection, multioutput, naive_bayes, neighbors, pipeline, preprocessing, svm, tree
    from sklearn import cluster, feature_extraction, gaussian_process, kernel_approximation, multiclass, metrics, neural_network
    import pandas as pd
    frame = pd.DataFrame({'num': X[:, 0], 'num2': X[:, 1], 'cat': list('abcd') * 10})
    frame.loc[3, 'num'] = np.nan

    def column_transformer():
        ct = compose.ColumnTransformer([
            ('num', pipeline.make_pipeline(impute.SimpleImputer(strategy='median'), preprocessing.StandardScaler()), ['num', 'num2']),
            ('cat', preprocessing.OneHotEncoder(handle_unknown='ignore'), ['cat']),
            ('log', preprocessing.FunctionTransformer(np.log1p, inverse_func=np.expm1), compose.make_column_selector(pattern='num2'))],
            remainder='drop')
        return pipeline.Pipeline([('prep', ct), ('clf', linear_model.LogisticRegression())]).fit(frame, Y)
    pk('sk_pipeline_columntransformer.pkl', 'sklearn', 'Pipeline(ColumnTransformer(imputer+scaler, onehot, FunctionTransformer(log1p)))', column_transformer)
    pk('sk_featureunion.pkl', 'sklearn', 'FeatureUnion(PCA, SelectKBest(f_classif)) + SVC',
       lambda: pipeline.make_pipeline(pipeline.FeatureUnion([('pca', decomposition.PCA(2)),
                                                            ('kb', feature_selection.SelectKBest(feature_selection.f_classif, k=2))]),
                                      svm.SVC(probability=True)).fit(X, Y))
    pk('sk_calibrated_isotonic.pkl', 'sklearn', 'CalibratedClassifierCV(LinearSVC, isotonic)',
       lambda: calibration.CalibratedClassifierCV(svm.LinearSVC(), method='isotonic', cv=2).fit(X, Y))
    pk('sk_calibrated_sigmoid_prefit.pkl', 'sklearn', 'CalibratedClassifierCV sigmoid prefit',
       lambda: calibration.CalibratedClassifierCV(naive_bayes.GaussianNB().fit(X, Y), cv='prefit').fit(X, Y))
    pk('sk_stacking_classifier.pkl', 'sklearn', 'StackingClassifier(RF, kNN -> LR)',
       lambda: ensemble.StackingClassifier([('rf', ensemble.RandomForestClassifier(5, random_state=0)),
                                            ('knn', neighbors.KNeighborsClassifier(3))], cv=2).fit(X, Y))
    pk('sk_stacking_regressor.pkl', 'sklearn', 'StackingRegressor(Ridge, DecisionTree)',
       lambda: ensemble.StackingRegressor([('r', linear_model.Ridge()), ('t', tree.DecisionTreeRegressor(max_depth=2))], cv=2).fit(X, YR))
    pk('sk_voting_soft.pkl', 'sklearn', 'VotingClassifier soft',
       lambda: ensemble.VotingClassifier([('lr', linear_model.LogisticRegression()), ('nb', naive_bayes.GaussianNB())], voting='soft').fit(X, Y))

    def partial(est, *a):
        def f():
            e = est
            for _ in range(2):
                e.partial_fit(*a)
            return e
        return f
    pk('sk_sgd_partial_fit.pkl', 'sklearn', 'SGDClassifier after partial_fit', partial(linear_model.SGDClassifier(), X, Y, [0, 1]))
    pk('sk_minibatchkmeans_partial_fit.pkl', 'sklearn', 'MiniBatchKMeans after partial_fit', partial(cluster.MiniBatchKMeans(3, n_init=3), X))
    pk('sk_mlp_partial_fit.pkl', 'sklearn', 'MLPClassifier after partial_fit', partial(neural_network.MLPClassifier((5,)), X, Y, [0, 1]))
    pk('sk_ipca_partial_fit.pkl', 'sklearn', 'IncrementalPCA after partial_fit', partial(decomposition.IncrementalPCA(2), X))
    pk('sk_mnb_partial_fit.pkl', 'sklearn', 'MultinomialNB after partial_fit', partial(naive_bayes.MultinomialNB(), X, Y, [0, 1]))
    pk('sk_scaler_partial_fit.pkl', 'sklearn', 'StandardScaler after partial_fit', partial(preprocessing.StandardScaler(), X))
    pk('sk_bunch_iris.pkl', 'sklearn', 'load_iris() Bunch', datasets.load_iris)
    pk('sk_bunch_wine_frame.pkl', 'sklearn', 'load_wine(as_frame=True) Bunch with DataFrame', lambda: datasets.load_wine(as_frame=True))
    pk('sk_bunch_diabetes_p2.pkl', 'sklearn', 'load_diabetes() Bunch', datasets.load_diabetes, 2)
    pk('sk_gridsearch_fitted.pkl', 'sklearn', 'GridSearchCV fitted (cv_results_ with masked arrays)',
       lambda: model_selection.GridSearchCV(svm.SVC(), {'C': [0.1, 1], 'kernel': ['rbf', 'linear']}, cv=2).fit(X, Y))
    pk('sk_randomsearch_scipy_dists.pkl', 'sklearn', 'RandomizedSearchCV with scipy loguniform/randint',
       lambda: model_selection.RandomizedSearchCV(ensemble.RandomForestClassifier(random_state=0),
                                                  {'n_estimators': __import__('scipy.stats').stats.randint(2, 5),
                                                   'min_samples_leaf': __import__('scipy.stats').stats.loguniform(1e-2, 0.3)},
                                                  n_iter=2, cv=2, random_state=0).fit(X, Y))
    pk('sk_transformed_target.pkl', 'sklearn', 'TransformedTargetRegressor(log1p/expm1)',
       lambda: compose.TransformedTargetRegressor(linear_model.LinearRegression(), func=np.log1p, inverse_func=np.expm1).fit(X, np.abs(YR)))
    texts = ['the cat sat', 'a dog ran', 'cats and dogs', 'the end'] * 3
    pk('sk_tfidf_custom.pkl', 'sklearn', 'TfidfVectorizer with token_pattern, ngrams, stop words',
       lambda: feature_extraction.text.TfidfVectorizer(token_pattern=r'(?u)\b\w+\b', ngram_range=(1, 2), stop_words='english').fit(texts))
    pk('sk_dictvectorizer.pkl', 'sklearn', 'DictVectorizer', lambda: feature_extraction.DictVectorizer().fit([{'a': 1, 'b': 'x'}]))
    pk('sk_spline_kbins.pkl', 'sklearn', 'SplineTransformer + KBinsDiscretizer',
       lambda: [preprocessing.SplineTransformer().fit(X), preprocessing.KBinsDiscretizer(3, encode='ordinal').fit(X)])
    pk('sk_multiclass_multioutput.pkl', 'sklearn', 'OneVsRest / MultiOutputRegressor / ClassifierChain',
       lambda: [multiclass.OneVsRestClassifier(linear_model.LogisticRegression()).fit(X, (X[:, 0] * 3).astype(int)),
                multioutput.MultiOutputRegressor(linear_model.Ridge()).fit(X, np.c_[YR, YR]),
                multioutput.ClassifierChain(linear_model.LogisticRegression()).fit(X, np.c_[Y, 1 - Y])])
    pk('sk_rfe_selectfrommodel.pkl', 'sklearn', 'RFE + SelectFromModel',
       lambda: [feature_selection.RFE(linear_model.LogisticRegression(), n_features_to_select=2).fit(X, Y),
                feature_selection.SelectFromModel(ensemble.ExtraTreesClassifier(5, random_state=0)).fit(X, Y)])
    pk('sk_isotonic.pkl', 'sklearn', 'IsotonicRegression (interp1d inside)', lambda: isotonic.IsotonicRegression().fit(X[:, 0], YR))
    pk('sk_gp_composite_kernel.pkl', 'sklearn', 'GaussianProcessRegressor with RBF*Constant+White kernel',
       lambda: gaussian_process.GaussianProcessRegressor(gaussian_process.kernels.ConstantKernel() * gaussian_process.kernels.RBF()
                                                         + gaussian_process.kernels.WhiteKernel()).fit(X[:10], YR[:10]))
    pk('sk_balltree_kdtree_standalone.pkl', 'sklearn', 'BallTree/KDTree (Cython) standalone',
       lambda: [neighbors.BallTree(X, metric='manhattan'), neighbors.KDTree(X, leaf_size=5)])
    pk('sk_tree_cython_p2.pkl', 'sklearn', 'DecisionTree (Cython Tree) protocol 2', lambda: tree.DecisionTreeClassifier(max_depth=3).fit(X, Y), 2)
    pk('sk_hgb_categorical_earlystop.pkl', 'sklearn', 'HistGradientBoosting with categorical features and early stopping',
       lambda: ensemble.HistGradientBoostingClassifier(max_iter=10, categorical_features=[False, False, False, True],
                                                       early_stopping=True, validation_fraction=0.3).fit(np.c_[X[:, :3], (X[:, 3] * 4).astype(int)], Y))
    pk('sk_hgb_regressor_quantile_p5.pkl', 'sklearn', 'HistGradientBoostingRegressor loss=quantile (Cython loss)',
       lambda: ensemble.HistGradientBoostingRegressor(loss='quantile', quantile=0.8, max_iter=5).fit(X, YR), 5)
    pk('sk_hgb_abs_p0.pkl', 'sklearn', 'HistGradientBoostingRegressor loss=absolute_error protocol 0',
       lambda: ensemble.HistGradientBoostingRegressor(loss='absolute_error', max_iter=3).fit(X, YR), 0)
    pk('sk_cv_splitters_scorer.pkl', 'sklearn', 'KFold/StratifiedKFold/TimeSeriesSplit + make_scorer',
       lambda: [model_selection.KFold(3, shuffle=True, random_state=1), model_selection.StratifiedKFold(2),
                model_selection.TimeSeriesSplit(2), metrics.make_scorer(metrics.f1_score, average='macro')])
    pk('sk_nystroem_pipeline.pkl', 'sklearn', 'Nystroem + SGD pipeline',
       lambda: pipeline.make_pipeline(kernel_approximation.Nystroem(n_components=5), linear_model.SGDClassifier()).fit(X, Y))


# ------------------------------------------------------------------ statsmodels
def statsmodels_():
    import pandas as pd
    import statsmodels.api as sm
    import statsmodels.formula.api as smf
    exog = sm.add_constant(X[:, :2])
    cnt = np.round(np.abs(YR)).astype(int)
    Y = ((X[:, 0] + RNG.rand(40)) > 1).astype(int)  # not separable

    def fit(f, remove=False):
        def g():
            r = f()
            if remove:
                r.remove_data()
            return r
        return g
    for remove in (False, True):
        suf = '_removed' if remove else ''
        pk('sm_ols%s.pkl' % suf, 'statsmodels', 'OLS results%s' % suf, fit(lambda: sm.OLS(YR, exog).fit(), remove))
        pk('sm_glm_poisson%s.pkl' % suf, 'statsmodels', 'GLM Poisson results%s' % suf,
           fit(lambda: sm.GLM(cnt, exog, family=sm.families.Poisson()).fit(), remove))
        pk('sm_logit%s.pkl' % suf, 'statsmodels', 'Logit results%s' % suf, fit(lambda: sm.Logit(Y, exog).fit(disp=0), remove))
    pk('sm_glm_binomial_probit.pkl', 'statsmodels', 'GLM Binomial(probit link)',
       fit(lambda: sm.GLM(Y, exog, family=sm.families.Binomial(link=sm.families.links.probit())).fit()))
    pk('sm_wls.pkl', 'statsmodels', 'WLS results', fit(lambda: sm.WLS(YR, exog, weights=np.linspace(1, 2, 40)).fit()))
    pk('sm_rlm_huber.pkl', 'statsmodels', 'RLM HuberT', fit(lambda: sm.RLM(YR, exog, M=sm.robust.norms.HuberT()).fit()))
    pk('sm_quantreg.pkl', 'statsmodels', 'QuantReg', fit(lambda: sm.QuantReg(YR, exog).fit(q=0.5)))
    pk('sm_mnlogit.pkl', 'statsmodels', 'MNLogit', fit(lambda: sm.MNLogit((X[:, 0] * 3).astype(int), exog).fit(disp=0)))
    pk('sm_probit.pkl', 'statsmodels', 'Probit', fit(lambda: sm.Probit(Y, exog).fit(disp=0)))
    ts = pd.Series(np.sin(np.arange(48) / 3.0) + RNG.rand(48) * 0.1, index=pd.date_range('2020', periods=48, freq='M'))
    pk('sm_autoreg.pkl', 'statsmodels', 'AutoReg results', fit(lambda: sm.tsa.AutoReg(ts, lags=2).fit()))
    pk('sm_arima.pkl', 'statsmodels', 'ARIMA(1,0,0) results', fit(lambda: sm.tsa.arima.ARIMA(ts, order=(1, 0, 0)).fit(), True))
    pk('sm_holtwinters.pkl', 'statsmodels', 'ExponentialSmoothing results',
       fit(lambda: sm.tsa.ExponentialSmoothing(ts + 2, trend='add').fit()))
    pk('sm_stl.pkl', 'statsmodels', 'STL decomposition result', lambda: sm.tsa.STL(ts, period=12).fit())
    pk('sm_ecdf.pkl', 'statsmodels', 'ECDF',
       lambda: sm.distributions.ECDF(YR))
    df = pd.DataFrame({'y': YR, 'x1': X[:, 0], 'x2': X[:, 1], 'g': list('ab') * 20})
    pk('sm_formula_ols_columns.pkl', 'statsmodels', 'formula OLS y ~ x1 + x2 + C(g) (pickles restore_design_info + formula)',
       fit(lambda: smf.ols('y ~ x1 + x2 + C(g)', df).fit()))
    pk('sm_formula_ols_transforms.pkl', 'statsmodels', 'formula OLS with np.log, I(x**2), interaction',
       fit(lambda: smf.ols('y ~ np.log(x1) + I(x2 ** 2) + x1:x2', df).fit()))
    pk('sm_formula_logit.pkl', 'statsmodels', 'formula Logit', fit(lambda: smf.logit('y ~ x1 + C(g)', df.assign(y=Y)).fit(disp=0)))


# ------------------------------------------------------------------ xgboost
def xgboost_():
    import joblib
    import xgboost as xgb
    pk('xgb_booster_multiclass.pkl', 'xgboost', 'Booster multi:softprob',
       lambda: xgb.train({'objective': 'multi:softprob', 'num_class': 3, 'max_depth': 2}, xgb.DMatrix(X, (X[:, 0] * 3).astype(int)), 3))
    pk('xgb_regressor_p2.pkl', 'xgboost', 'XGBRegressor', lambda: xgb.XGBRegressor(n_estimators=3, max_depth=2).fit(X, YR), 2)
    pk('xgb_classifier_earlystop.pkl', 'xgboost', 'XGBClassifier with early stopping',
       lambda: xgb.XGBClassifier(n_estimators=20, max_depth=2, early_stopping_rounds=2).fit(X, Y, eval_set=[(X, Y)], verbose=False))
    pk('xgb_ranker.pkl', 'xgboost', 'XGBRanker', lambda: xgb.XGBRanker(n_estimators=2, max_depth=2).fit(X, Y, group=[20, 20]))
    pk('xgb_rf.pkl', 'xgboost', 'XGBRFClassifier', lambda: xgb.XGBRFClassifier(n_estimators=3, max_depth=2).fit(X, Y))
    m = xgb.XGBClassifier(n_estimators=3, max_depth=2).fit(X, Y)
    for comp in ('zlib', 'lz4', 'xz'):
        put('xgb_classifier_joblib_%s.joblib' % comp, 'xgboost', 'XGBClassifier joblib %s' % comp, lambda p, c=comp: joblib.dump(m, p, compress=(c, 3)))


# ------------------------------------------------------------------ torch
def torch_():
    import torch
    from torch import nn
    torch.manual_seed(0)

    def tsave(obj_fn, **kw):
        return lambda p: torch.save(obj_fn(), p, **kw)
    mods = {
        'conv_bn': lambda: nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten()),
        'lstm': lambda: nn.LSTM(4, 3, num_layers=2, bidirectional=True),
        'gru_embedding': lambda: nn.ModuleDict({'emb': nn.Embedding(10, 4, padding_idx=0), 'gru': nn.GRU(4, 3)}),
        'transformer_layer': lambda: nn.TransformerEncoderLayer(8, 2, dim_feedforward=16),
        'layernorm_dropout': lambda: nn.Sequential(nn.Linear(4, 4), nn.LayerNorm(4), nn.Dropout(0.1), nn.GELU()),
    }
    for k, f in mods.items():
        put('pt_state_dict_%s.pt' % k, 'torch', 'state_dict of %s' % k, tsave(lambda f=f: f().state_dict()))
        put('pt_whole_module_%s.pt' % k, 'torch', 'torch.save of a whole standard %s module' % k, tsave(f))
    model = nn.Linear(4, 2)

    def optim(cls, **kw):
        def f():
            o = cls(model.parameters(), **kw)
            model(torch.ones(1, 4)).sum().backward()
            o.step()
            return o.state_dict()
        return f
    for name, cls, kw in [('adam', torch.optim.Adam, {'lr': 1e-3}), ('sgd_momentum', torch.optim.SGD, {'lr': 0.1, 'momentum': 0.9}),
                          ('adamw_amsgrad', torch.optim.AdamW, {'amsgrad': True}), ('rmsprop', torch.optim.RMSprop, {}),
                          ('adagrad', torch.optim.Adagrad, {})]:
        put('pt_optimizer_%s.pt' % name, 'torch', 'optimizer %s state_dict after a step' % name, tsave(optim(cls, **kw)))

    def sched(make):
        def f():
            o = torch.optim.SGD(model.parameters(), lr=0.1)
            s = make(o)
            o.step()
            s.step()
            return s.state_dict()
        return f
    for name, make in [('steplr', lambda o: torch.optim.lr_scheduler.StepLR(o, 2)),
                       ('onecycle', lambda o: torch.optim.lr_scheduler.OneCycleLR(o, 0.1, total_steps=10)),
                       ('cosine_warm', lambda o: torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(o, 3)),
                       ('plateau', lambda o: torch.optim.lr_scheduler.ReduceLROnPlateau(o)),
                       ('multistep', lambda o: torch.optim.lr_scheduler.MultiStepLR(o, [1, 3]))]:
        if name == 'plateau':
            def f(make=make):
                o = torch.optim.SGD(model.parameters(), lr=0.1)
                s = make(o)
                s.step(1.0)
                return s.state_dict()
            put('pt_scheduler_%s.pt' % name, 'torch', 'LR scheduler %s state_dict' % name, tsave(f))
        else:
            put('pt_scheduler_%s.pt' % name, 'torch', 'LR scheduler %s state_dict' % name, tsave(sched(make)))

    def checkpoint():
        o = torch.optim.Adam(model.parameters())
        return {'epoch': 3, 'model': model.state_dict(), 'optimizer': o.state_dict(), 'rng': torch.get_rng_state(),
                'args': {'lr': 0.1}, 'best': torch.tensor(0.5)}
    put('pt_checkpoint_dict.pth', 'torch', 'training checkpoint dict', tsave(checkpoint))
    put('pt_checkpoint_legacy.pt', 'torch', 'checkpoint in the legacy (non-zip) format', tsave(checkpoint, _use_new_zipfile_serialization=False))
    put('pt_checkpoint_proto4.pt', 'torch', 'checkpoint with pickle_protocol=4', tsave(checkpoint, pickle_protocol=4))
    put('pt_quantized_tensors.pt', 'torch', 'per-tensor and per-channel quantized tensors',
        tsave(lambda: [torch.quantize_per_tensor(torch.rand(4), 0.1, 3, torch.quint8),
                       torch.quantize_per_channel(torch.rand(2, 3), torch.tensor([0.1, 0.2]), torch.tensor([0, 1]), 0, torch.qint8)]))
    put('pt_dynamic_quantized_state_dict.pt', 'torch', 'state_dict of a dynamically quantized Linear model',
        tsave(lambda: torch.quantization.quantize_dynamic(nn.Sequential(nn.Linear(4, 4)), {nn.Linear}, dtype=torch.qint8).state_dict()))
    put('pt_misc_values.pt', 'torch', 'dtype/device/Size/Generator state/complex/bool/int8 tensors',
        tsave(lambda: [torch.float16, torch.device('cpu'), torch.Size([2, 3]), torch.Generator().get_state(),
                       torch.zeros(2, dtype=torch.complex64), torch.ones(2, dtype=torch.bool), torch.arange(3, dtype=torch.int8)]))
    put('pt_distribution_normal.pt', 'torch', 'torch.distributions.Normal', tsave(lambda: torch.distributions.Normal(torch.zeros(2), torch.ones(2))))
    put('pt_tensordataset.pt', 'torch', 'TensorDataset', tsave(lambda: torch.utils.data.TensorDataset(torch.ones(3, 2), torch.zeros(3))))
    put('pt_parameter_views.pt', 'torch', 'Parameter and a view sharing storage',
        tsave(lambda: (lambda t: [nn.Parameter(t), t[1:], t.T])(torch.arange(6.0).reshape(2, 3))))
    pk('pt_plain_pickle_tensor.pkl', 'torch', 'pickle.dumps of a tensor and a module (no torch.save)',
       lambda: [torch.arange(4.0), nn.Linear(2, 2)])


# ------------------------------------------------------------------ joblib
def joblib_():
    import joblib
    from sklearn.linear_model import LogisticRegression
    import pandas as pd
    obj = {'w': np.arange(2000, dtype='f8'), 'model': LogisticRegression().fit(X, Y), 'df': pd.DataFrame({'a': range(3)})}
    for comp in ('zlib', 'gzip', 'bz2', 'lzma', 'xz', 'lz4'):
        for level in (1, 9):
            put('jl_%s_%d.joblib' % (comp, level), 'joblib', 'joblib.dump compress=(%s, %d)' % (comp, level),
                lambda p, c=comp, l=level: joblib.dump(obj, p, compress=(c, l)))
    for ext in ('z', 'gz', 'bz2', 'lzma', 'xz', 'lz4'):
        put('jl_inferred.pkl.%s' % ext, 'joblib', 'joblib.dump with the compressor inferred from .%s' % ext,
            lambda p: joblib.dump(obj, p))
    put('jl_compress_int3.joblib', 'joblib', 'compress=3 (zlib)', lambda p: joblib.dump(obj, p, compress=3))
    put('jl_compress_true.joblib', 'joblib', 'compress=True', lambda p: joblib.dump(obj, p, compress=True))
    put('jl_mmapable_arrays.joblib', 'joblib', 'uncompressed dump of several arrays (mmap-able, aligned)',
        lambda p: joblib.dump([np.ones((50, 20)), np.arange(100, dtype='i4'), np.zeros(3, [('a', 'f4')])], p))
    put('jl_protocol2.joblib', 'joblib', 'joblib.dump protocol 2', lambda p: joblib.dump(obj, p, protocol=2))
    put('jl_object_arrays.joblib', 'joblib', 'joblib dump of object arrays (pickled data inside the dump)',
        lambda p: joblib.dump({'o': np.array([{'a': 1}, 'x', None], dtype=object), 'f': np.ones(3)}, p))
    put('jl_fileobj_gzip.joblib.gz', 'joblib', 'joblib.dump into a gzip.GzipFile object',
        lambda p: (lambda gz: (joblib.dump(obj, gz), gz.close()))(__import__('gzip').GzipFile(p, 'wb', mtime=0)))


# ------------------------------------------------------------------ matplotlib / sympy / PIL
def habits():
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.colors as mcolors
    import matplotlib.pyplot as plt
    from matplotlib import markers, path as mpath, transforms
    pk('mpl_colormaps_norms.pkl', 'matplotlib', 'ListedColormap, LinearSegmentedColormap, Normalize, LogNorm, BoundaryNorm',
       lambda: [mcolors.ListedColormap(['r', 'g']), plt.get_cmap('viridis'), mcolors.Normalize(0, 1), mcolors.LogNorm(1, 10),
                mcolors.BoundaryNorm([0, 1, 2], 2)])
    pk('mpl_transforms_paths.pkl', 'matplotlib', 'Affine2D, Path, MarkerStyle',
       lambda: [transforms.Affine2D().rotate(0.5), mpath.Path([[0, 0], [1, 1]]), markers.MarkerStyle('o')])

    def fig():
        f, ax = plt.subplots(figsize=(2, 2))
        ax.plot([1, 2, 3], [3, 1, 2], label='x')
        ax.legend()
        return f
    pk('mpl_figure.pkl', 'matplotlib', 'pickled Figure with a line and legend', fig)
    import sympy
    x, y = sympy.symbols('x y', positive=True)
    pk('sympy_expr.pkl', 'sympy', 'expression sin(x)**2 + exp(y)/x', lambda: sympy.sin(x) ** 2 + sympy.exp(y) / x)
    pk('sympy_matrix_rational.pkl', 'sympy', 'Matrix, Rational, Float, pi, I', lambda: [sympy.Matrix([[x, 1], [0, y]]), sympy.Rational(3, 7),
                                                                                      sympy.Float('1.25'), sympy.pi, sympy.I])
    pk('sympy_solution_p2.pkl', 'sympy', 'solve() result list', lambda: sympy.solve(x ** 2 - 4, x), 2)
    from PIL import Image
    pk('pil_image_rgb.pkl', 'PIL', 'Image RGB 8x8', lambda: Image.new('RGB', (8, 8), (10, 20, 30)))
    pk('pil_image_palette.pkl', 'PIL', 'Image P with palette', lambda: Image.new('RGB', (4, 4)).convert('P'))
    pk('pil_image_la_p2.pkl', 'PIL', 'Image LA protocol 2', lambda: Image.new('LA', (4, 4)), 2)


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    for part in (stdlib, numpy_, pandas_, scipy_, sklearn_, statsmodels_, xgboost_, torch_, joblib_, habits, more):
        try:
            part()
        except Exception:
            traceback.print_exc()
            FAILED.append((part.__name__, 'section failed'))
    with open(os.path.join(OUT, 'MANIFEST.tsv'), 'w') as f:
        f.write('file\tlibrary\twhat\texpected\n')
        for r in ROWS:
            f.write('\t'.join(r) + '\n')
    total = sum(os.path.getsize(os.path.join(OUT, n)) for n in os.listdir(OUT))
    print('%d benign files, %d bytes' % (len(ROWS), total))
    for n, why in FAILED:
        print('skipped', n, why, file=sys.stderr)



# ------------------------------------------------------------------ round 2
def more():
    import itertools
    import logging
    import random
    import string
    import typing
    import pandas as pd
    import pandas.tseries.holiday  # noqa: F401
    pk('std_random_instance.pkl', 'stdlib', 'random.Random(42) (BUILD setstate)', lambda: random.Random(42))
    pk('std_logger_ref.pkl', 'stdlib', 'logging.getLogger by name (Logger.__reduce__)', lambda: {'log': logging.getLogger('mymodel.train')})
    pk('std_partial_builtins.pkl', 'stdlib', 'functools.partial(int, base=2), partial(round, ndigits=2)',
       lambda: [functools.partial(int, base=2), functools.partial(round, ndigits=2)])
    pk('std_typing_aliases.pkl', 'stdlib', 'typing.List[int], Optional[str], list[int]',
       lambda: [typing.List[int], typing.Optional[str], list[int], typing.Dict[str, float]])
    pk('std_string_template.pkl', 'stdlib', 'string.Template', lambda: string.Template('$who ran'))
    pk('std_itertools_count.pkl', 'stdlib', 'itertools.count (an id generator inside an object)', lambda: itertools.count(5, 2))
    pk('std_timezone_utc_p2.pkl', 'stdlib', 'datetime.timezone.utc', lambda: [datetime.timezone.utc, datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)], 2)
    import dateutil.tz
    import pytz
    pk('pd_timestamp_dateutil_tz.pkl', 'pandas', 'Timestamp/DatetimeIndex with dateutil tz',
       lambda: [pd.Timestamp('2020-01-01', tz='dateutil/Europe/London'), pd.date_range('2020', periods=2, tz=dateutil.tz.tzutc())])
    pk('pd_timestamp_pytz_fixed.pkl', 'pandas', 'Timestamp with pytz FixedOffset and pytz.utc',
       lambda: [pd.Timestamp('2020-01-01', tz=pytz.FixedOffset(90)), pd.Timestamp('2020-01-01', tz=pytz.utc)])
    pk('pd_holiday_calendar.pkl', 'pandas', 'USFederalHolidayCalendar and a Holiday with observance',
       lambda: [pd.tseries.holiday.USFederalHolidayCalendar(),
                pd.tseries.holiday.Holiday('x', month=7, day=4, observance=pd.tseries.holiday.nearest_workday)])
    pk('pd_frame_object_values.pkl', 'pandas', 'object column of Decimal, date, UUID, PurePath',
       lambda: pd.DataFrame({'o': [decimal.Decimal('1.1'), datetime.date(2020, 1, 1), uuid.UUID(int=1), pathlib.PurePosixPath('a')]}))
    from scipy import stats
    pk('sp_stats_results2.pkl', 'scipy', 'describe/kstest/mode/chi2_contingency results',
       lambda: [stats.describe(YR), stats.kstest(YR, 'norm'), stats.mode([1, 1, 2], keepdims=False),
                stats.chi2_contingency([[3, 4], [5, 6]])])
    pk('sp_kde_scott.pkl', 'scipy', 'gaussian_kde default (scott)', lambda: stats.gaussian_kde(YR))
    from sklearn import compose, ensemble, feature_extraction, feature_selection, inspection, linear_model, metrics
    from sklearn import model_selection, neighbors, pipeline, preprocessing
    texts = ['The Cat sat', 'a dog ran', 'cats and dogs', 'the end'] * 3
    pk('sk_countvec_str_methods.pkl', 'sklearn', 'CountVectorizer(tokenizer=str.split, preprocessor=str.lower)',
       lambda: feature_extraction.text.CountVectorizer(tokenizer=str.split, preprocessor=str.lower).fit(texts))
    pk('sk_select_score_funcs.pkl', 'sklearn', 'SelectKBest(mutual_info_classif), SelectPercentile(chi2)',
       lambda: [feature_selection.SelectKBest(feature_selection.mutual_info_classif, k=2).fit(X, Y),
                feature_selection.SelectPercentile(feature_selection.chi2, percentile=50).fit(X, Y)])
    pk('sk_balltree_metrics.pkl', 'sklearn', 'BallTree haversine/minkowski p=3, DistanceMetric mahalanobis',
       lambda: [neighbors.BallTree(X[:, :2], metric='haversine'), neighbors.BallTree(X, metric='minkowski', p=3),
                metrics.DistanceMetric.get_metric('mahalanobis', VI=np.eye(4))])
    pk('sk_ct_passthrough_ordinal.pkl', 'sklearn', "ColumnTransformer remainder='passthrough', OrdinalEncoder(unknown_value=nan)",
       lambda: compose.ColumnTransformer([('o', preprocessing.OrdinalEncoder(handle_unknown='use_encoded_value', unknown_value=np.nan), [3])],
                                         remainder='passthrough').fit(np.c_[X[:, :3], (X[:, 3] * 3).astype(int)]))
    pk('sk_glm_tweedie_gamma.pkl', 'sklearn', 'TweedieRegressor(power=1.5), GammaRegressor (Cython losses)',
       lambda: [linear_model.TweedieRegressor(power=1.5).fit(X, np.abs(YR) + 0.1), linear_model.GammaRegressor().fit(X, np.abs(YR) + 0.1)])
    pk('sk_functiontransformer_partial_round.pkl', 'sklearn', 'FunctionTransformer(partial(np.round, decimals=2))',
       lambda: preprocessing.FunctionTransformer(functools.partial(np.round, decimals=2)).fit(X))
    pk('sk_permutation_importance_cv.pkl', 'sklearn', 'permutation_importance Bunch + cross_validate dict',
       lambda: [inspection.permutation_importance(linear_model.LogisticRegression().fit(X, Y), X, Y, n_repeats=2, random_state=0),
                model_selection.cross_validate(linear_model.Ridge(), X, YR, cv=2)])
    pk('sk_knn_distance_pipeline_p1.pkl', 'sklearn', 'KNeighborsRegressor(weights=distance) pipeline protocol 1',
       lambda: pipeline.make_pipeline(preprocessing.RobustScaler(), neighbors.KNeighborsRegressor(3, weights='distance')).fit(X, YR), 1)
    pk('sk_gb_classifier_init_zero.pkl', 'sklearn', "GradientBoostingClassifier(init='zero', loss=exponential)",
       lambda: ensemble.GradientBoostingClassifier(n_estimators=3, init='zero', loss='exponential').fit(X, Y))
    import statsmodels.api as sm
    import statsmodels.formula.api as smf
    exog = sm.add_constant(X[:, :2])
    Yn = ((X[:, 0] + RNG.rand(40)) > 1).astype(int)
    cnt = np.round(np.abs(YR)).astype(int)
    pk('sm_negbin.pkl', 'statsmodels', 'NegativeBinomial', lambda: sm.NegativeBinomial(cnt, exog).fit(disp=0))
    pk('sm_glm_gamma_log.pkl', 'statsmodels', 'GLM Gamma(log link)',
       lambda: sm.GLM(np.abs(YR) + 0.1, exog, family=sm.families.Gamma(link=sm.families.links.Log())).fit())
    pk('sm_glm_tweedie.pkl', 'statsmodels', 'GLM Tweedie(var_power=1.5)',
       lambda: sm.GLM(np.abs(YR), exog, family=sm.families.Tweedie(var_power=1.5)).fit())
    groups = np.repeat(np.arange(8), 5)
    pk('sm_gee_exchangeable.pkl', 'statsmodels', 'GEE Exchangeable',
       lambda: sm.GEE(YR, exog, groups=groups, cov_struct=sm.cov_struct.Exchangeable()).fit())
    df = pd.DataFrame({'y': YR, 'x1': X[:, 0], 'g': groups})
    pk('sm_mixedlm.pkl', 'statsmodels', 'MixedLM formula with groups', lambda: smf.mixedlm('y ~ x1', df, groups=df['g']).fit())
    ts = pd.Series(np.sin(np.arange(48) / 3.0) + RNG.rand(48) * 0.1, index=pd.date_range('2020', periods=48, freq='M'))
    pk('sm_sarimax_removed.pkl', 'statsmodels', 'SARIMAX results remove_data',
       lambda: (lambda r: (r.remove_data(), r)[1])(sm.tsa.SARIMAX(ts, order=(1, 0, 0), seasonal_order=(0, 0, 0, 0)).fit(disp=0)))
    pk('sm_unobserved_components.pkl', 'statsmodels', 'UnobservedComponents local level',
       lambda: (lambda r: (r.remove_data(), r)[1])(sm.tsa.UnobservedComponents(ts, 'local level').fit(disp=0)))
    pk('sm_var.pkl', 'statsmodels', 'VAR results', lambda: sm.tsa.VAR(np.c_[ts.values, ts.values[::-1]]).fit(1))
    pk('sm_seasonal_decompose.pkl', 'statsmodels', 'seasonal_decompose result', lambda: sm.tsa.seasonal_decompose(ts, period=12))
    pk('sm_descrstats_table2x2.pkl', 'statsmodels', 'DescrStatsW and Table2x2',
       lambda: [sm.stats.DescrStatsW(YR), sm.stats.Table2x2(np.array([[3, 4], [5, 6]]))])
    pk('sm_prediction_result.pkl', 'statsmodels', 'OLS get_prediction result', lambda: sm.OLS(YR, exog).fit().get_prediction(exog[:3]))
    pk('sm_simple_exp_smoothing.pkl', 'statsmodels', 'SimpleExpSmoothing results', lambda: sm.tsa.SimpleExpSmoothing(ts + 2).fit())
    pk('sm_logit_noisy.pkl', 'statsmodels', 'Logit on non-separable data', lambda: sm.Logit(Yn, exog).fit(disp=0))
    import xgboost as xgb
    from sklearn.metrics import mean_absolute_error
    pk('xgb_callbacks_callable_metric.pkl', 'xgboost', 'XGBRegressor with EarlyStopping callback and a callable eval_metric',
       lambda: xgb.XGBRegressor(n_estimators=5, max_depth=2, eval_metric=mean_absolute_error,
                                callbacks=[xgb.callback.EarlyStopping(rounds=2)]).fit(X, YR, eval_set=[(X, YR)], verbose=False))
    pk('xgb_categorical_frame.pkl', 'xgboost', 'XGBClassifier enable_categorical on a pandas frame',
       lambda: xgb.XGBClassifier(n_estimators=3, max_depth=2, tree_method='hist', enable_categorical=True).fit(
           pd.DataFrame({'a': X[:, 0], 'c': pd.Categorical(list('abcd') * 10)}), Y))
    pk('xgb_booster_feature_names.pkl', 'xgboost', 'Booster with feature names and types',
       lambda: xgb.train({'max_depth': 2}, xgb.DMatrix(X, YR, feature_names=list('abcd'), feature_types=['float'] * 4), 2))
    import torch
    from torch import nn
    tsave = lambda f: (lambda p: torch.save(f(), p))  # noqa: E731
    put('pt_weight_norm_module.pt', 'torch', 'whole module with weight_norm (WeightNorm hook object)',
        tsave(lambda: nn.utils.weight_norm(nn.Linear(4, 2))))
    put('pt_spectral_norm_module.pt', 'torch', 'whole module with spectral_norm (hook objects)',
        tsave(lambda: nn.utils.spectral_norm(nn.Linear(4, 2))))
    put('pt_mha_transformer_encoder.pt', 'torch', 'whole MultiheadAttention and TransformerEncoder',
        tsave(lambda: [nn.MultiheadAttention(8, 2), nn.TransformerEncoder(nn.TransformerEncoderLayer(8, 2, 16), 1)]))
    put('pt_losses_with_weights.pt', 'torch', 'CrossEntropyLoss(weight, label_smoothing), BCEWithLogitsLoss(pos_weight)',
        tsave(lambda: [nn.CrossEntropyLoss(weight=torch.ones(3), label_smoothing=0.1), nn.BCEWithLogitsLoss(pos_weight=torch.ones(1))]))
    put('pt_optimizer_object.pt', 'torch', 'whole SGD optimizer object and a StepLR object',
        tsave(lambda: (lambda o: [o, torch.optim.lr_scheduler.StepLR(o, 2)])(torch.optim.SGD(nn.Linear(2, 2).parameters(), lr=0.1))))
    put('pt_return_types_packed.pt', 'torch', 'torch.return_types.topk/max and a PackedSequence',
        tsave(lambda: [torch.topk(torch.arange(5.0), 2), torch.max(torch.ones(2, 2), 0),
                       nn.utils.rnn.pack_sequence([torch.ones(3, 1), torch.ones(2, 1)])]))

    def tensor_attr():
        t = torch.ones(2, requires_grad=True)
        u = torch.zeros(2)
        u.note = 'calibrated'
        return [t, u]
    put('pt_tensor_with_attr.pt', 'torch', 'tensor with a Python attribute (_rebuild_from_type_v2) and requires_grad',
        tsave(tensor_attr))
    put('pt_qconfig.pt', 'torch', 'default qconfig (partial-wrapped observer classes)',
        tsave(lambda: torch.ao.quantization.get_default_qconfig('fbgemm')))

    def qat():
        m = nn.Sequential(torch.ao.quantization.QuantStub(), nn.Linear(4, 4), nn.ReLU(), torch.ao.quantization.DeQuantStub())
        m.train()
        m.qconfig = torch.ao.quantization.get_default_qat_qconfig('fbgemm')
        return torch.ao.quantization.prepare_qat(m)
    put('pt_qat_prepared_model.pt', 'torch', 'whole QAT-prepared model (FakeQuantize, observers)', tsave(qat))
    put('pt_dynamic_quantized_model.pt', 'torch', 'whole dynamically quantized model',
        tsave(lambda: torch.quantization.quantize_dynamic(nn.Sequential(nn.Linear(4, 4)), {nn.Linear}, dtype=torch.qint8)))
    put('pt_sparse_csr.pt', 'torch', 'sparse CSR tensor', tsave(lambda: torch.eye(3).to_sparse_csr()))

    def jit(p):
        m = torch.jit.trace(nn.Sequential(nn.Linear(4, 2), nn.Tanh()), torch.ones(1, 4))
        torch.jit.save(m, p, _extra_files={'meta.json': '{"v": 1}'})
    put('pt_jit_traced_extra_files.pt', 'torch', 'torch.jit.save of a traced model with extra files', jit)



if __name__ == '__main__':
    main()
