#!/usr/bin/python3
"""Pickles instances of the public classes of the data-science stack, writes the small ones as
the benign-stack test corpus and records every global and call shape they emit.

    mlsec-scan/tools/allowlist/run            # installs the Debian packages, then runs this

Outputs (paths relative to mlsec-scan/):
    src/test/resources/benign-stack/          the corpus files and MANIFEST.tsv
    tools/allowlist/record.tsv                every (global, use, argument kinds) seen, counted
    tools/allowlist/skipped.tsv               what could not be made, and why

The record is made by walking each pickle with pickletools.genops (pickle_record.py): nothing
is ever unpickled, and only the bytes this script produced are walked. Seeds are fixed,
PYTHONHASHSEED=0 and TZ=UTC so that a rerun with the same library versions writes the same files.
"""
import array
import bz2
import collections
import datetime
import decimal
import fractions
import functools
import gzip
import io
import itertools
import logging
import lzma
import os
import pathlib
import pickle
import random
import re
import sys
import time
import traceback
import uuid
import warnings
import zipfile

if os.environ.get("PYTHONHASHSEED") != "0":  # set/frozenset order must not vary between runs
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)
os.environ["TZ"] = "UTC"
time.tzset()
warnings.filterwarnings("ignore")

HERE = os.path.dirname(os.path.abspath(__file__))
MODULE = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(MODULE, "src", "test", "resources", "benign-stack")
sys.path.insert(0, HERE)

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import scipy  # noqa: E402
import scipy.sparse as sp  # noqa: E402
import sklearn  # noqa: E402
import sklearn.linear_model  # noqa: E402
import sklearn.preprocessing  # noqa: E402
import joblib  # noqa: E402
import torch  # noqa: E402
import xgboost  # noqa: E402
import statsmodels  # noqa: E402
import statsmodels.api as sm  # noqa: E402
import matplotlib  # noqa: E402
from pickle_record import Recorder  # noqa: E402

REC = Recorder()
MANIFEST = []  # (file, library, what, how)
SKIPPED = []  # (library, what, why)
PROTOCOLS = range(0, pickle.HIGHEST_PROTOCOL + 1)
# the corpus keeps every protocol for small value types, two for the rest (size budget)
CORPUS_PROTOCOLS = (2, 5)


def safe_name(s):
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", s).strip("_")[:80]


def write(name, data, library, what, how):
    path = os.path.join(OUT, name)
    with open(path, "wb") as fh:
        fh.write(data)
    MANIFEST.append((name, library, what, how))


def record_pickle(obj, library, what, keep=CORPUS_PROTOCOLS, protocols=PROTOCOLS):
    """Pickles obj with every protocol (recorded) and keeps the protocols in keep as files."""
    for proto in protocols:
        try:
            data = pickle.dumps(obj, protocol=proto)
        except Exception as e:  # some objects refuse old protocols; that is what users see too
            SKIPPED.append((library, "%s protocol %d" % (what, proto), short(e)))
            continue
        where = "%s_%s_p%d.pkl" % (library, safe_name(what), proto)
        REC.walk(data, where)
        # long double values carry uninitialized padding bytes: recorded, not kept as files
        if proto in keep and "float128" not in what and "complex256" not in what:
            write(where, data, library, what, "pickle.dumps(protocol=%d)" % proto)


def short(e):
    return (type(e).__name__ + ": " + str(e)).replace("\t", " ").replace("\n", " ")[:200]


# ---------------------------------------------------------------- stdlib value types


def stdlib():
    values = {
        "datetime": datetime.datetime(2024, 5, 17, 12, 30, 5, 123456),
        "datetime_tz": datetime.datetime(2024, 5, 17, 12, 30, tzinfo=datetime.timezone.utc),
        "datetime_offset": datetime.datetime(
            2024, 5, 17, tzinfo=datetime.timezone(datetime.timedelta(hours=2), "CEST")
        ),
        "date": datetime.date(2024, 5, 17),
        "time": datetime.time(12, 30, 5),
        "time_tz": datetime.time(12, 30, tzinfo=datetime.timezone.utc),
        "timedelta": datetime.timedelta(days=3, seconds=7, microseconds=9),
        "timezone": datetime.timezone(datetime.timedelta(hours=-5)),
        "decimal": decimal.Decimal("3.14159265358979323846"),
        "decimal_special": [decimal.Decimal("NaN"), decimal.Decimal("-Infinity")],
        "fraction": fractions.Fraction(22, 7),
        "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
        "pure_posix_path": pathlib.PurePosixPath("/", "models", "weights.bin"),
        "pure_windows_path": pathlib.PureWindowsPath("C:/models/weights.bin"),
        "re_pattern": re.compile(r"^[a-z]+\d*$", re.IGNORECASE),
        "re_bytes_pattern": re.compile(rb"\x00+"),
        "array_d": array.array("d", [1.0, 2.5]),
        "array_i": array.array("i", [1, 2, 3]),
        "array_u": array.array("u", "hi"),
        "ordered_dict": collections.OrderedDict([("a", 1), ("b", 2)]),
        "defaultdict": collections.defaultdict(list, {"a": [1]}),
        "deque": collections.deque([1, 2, 3], maxlen=5),
        "counter": collections.Counter("abracadabra"),
        "chainmap": collections.ChainMap({"a": 1}, {"b": 2}),
        "namedtuple_free": tuple(collections.namedtuple("P", "x y")(1, 2)),
        "complex": complex(1.5, -2.0),
        "bytearray": bytearray(b"\x00\x01\x02"),
        "set": {1, 2, 3},
        "frozenset": frozenset({"a", "b"}),
        "range": range(2, 10, 3),
        "slice": slice(1, 5, 2),
        "bytes": b"\x00\xff",
        "nested": {"k": [1, 2.0, "s", None, True, (1, 2)], "e": Ellipsis, "ni": NotImplemented},
    }
    for name, v in values.items():
        record_pickle(v, "stdlib", name, keep=PROTOCOLS)
    # value types and enum members a model's metadata holds (hyper-parameters, URLs, addresses,
    # HTTP codes, signal numbers, decimal contexts): recorded so their rows are not hand-written
    import http
    import ipaddress
    import signal
    import socket
    import urllib.parse
    import dateutil.tz
    more = {
        "ipaddress": [ipaddress.IPv4Address("10.0.0.1"), ipaddress.IPv6Address("::1"),
                      ipaddress.IPv4Network("10.0.0.0/8"), ipaddress.IPv6Network("fe80::/64"),
                      ipaddress.IPv4Interface("10.0.0.1/8"), ipaddress.IPv6Interface("::1/128")],
        "struct_time": time.gmtime(0),
        "url_results": [urllib.parse.urlparse("https://example.org/a?b#c"),
                        urllib.parse.urlsplit("https://example.org/x"),
                        urllib.parse.urldefrag("https://example.org/x#f"),
                        urllib.parse.urlparse(b"https://example.org/a"),
                        urllib.parse.urlsplit(b"https://example.org/x"),
                        urllib.parse.urldefrag(b"https://example.org/x#f")],
        "http_enums": list(http.HTTPStatus) + list(http.HTTPMethod),
        "re_flags": list(re.RegexFlag),
        "signal_enums": [signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGKILL,
                         signal.SIGUSR1, signal.SIGUSR2, signal.SIGALRM, signal.SIGCHLD,
                         signal.SIGPIPE, signal.SIGQUIT, signal.SIGSEGV, signal.SIGSTOP,
                         signal.SIGCONT, signal.SIGABRT, signal.SIG_DFL, signal.SIG_IGN,
                         signal.SIG_BLOCK],
        "socket_enums": [socket.AF_INET, socket.AF_INET6, socket.AF_UNIX, socket.AF_UNSPEC,
                         socket.AF_PACKET, socket.SOCK_STREAM, socket.SOCK_DGRAM,
                         socket.SOCK_RAW, socket.SOCK_SEQPACKET],
        "decimal_context": decimal.Context(
            prec=10, traps=[decimal.DivisionByZero, decimal.Overflow, decimal.InvalidOperation,
                            decimal.FloatOperation],
            flags=[decimal.Inexact, decimal.Rounded, decimal.Clamped, decimal.Subnormal,
                   decimal.Underflow]),
        "exceptions": [Exception("x"), ValueError("y"), KeyError("k")],
        "builtin_types": [bool, int, float, str, tuple, bytes, complex],
        "posix_path": pathlib.PosixPath("/models/weights.bin"),
        "dateutil_fixed_tz": [dateutil.tz.tzutc(), dateutil.tz.tzoffset("X", 3600)],
        # what models and pipelines hold besides data (bench/scan/blind2): a seeded PRNG, an id
        # counter (matplotlib's CallbackRegistry), a logger (pickled by name), partials of value
        # constructors, and str methods given as tokenizers and preprocessors
        "none_type": [type(None), {"default_type": type(None)}],
        "random_instance": random.Random(42),
        "itertools_count": [itertools.count(), itertools.count(5, 2)],
        "logger_reference": {"log": logging.getLogger("mymodel.train")},
        "partial_builtins": [functools.partial(int, base=2), functools.partial(round, ndigits=2)],
        "str_methods": [str.split, str.rsplit, str.lower, str.upper, str.strip, str.lstrip,
                        str.rstrip, str.casefold, str.title, str.replace, str.splitlines,
                        bytes.decode],
    }
    for name, v in more.items():
        record_pickle(v, "stdlib", name)
    # every structseq type of the stdlib that can be made from a tuple (os.stat_result,
    # pwd.struct_passwd, resource.struct_rusage, ...; bench/scan/blind4): found by walking the
    # modules, so a type a Python release adds is recorded too, not typed here
    import importlib
    seqs = {}
    for m in sorted(set(sys.builtin_module_names) | {"os", "time", "pwd", "grp", "resource",
                                                     "spwd", "signal"}):
        try:
            mod = importlib.import_module(m)
        except Exception:
            continue
        for n in sorted(dir(mod)):
            t = getattr(mod, n, None)
            if not (isinstance(t, type) and hasattr(t, "n_sequence_fields")
                    and hasattr(t, "n_unnamed_fields")):
                continue
            key = t.__module__ + "." + t.__qualname__
            try:
                seqs.setdefault(key, t(tuple(range(t.n_sequence_fields))))
            except Exception as e:  # sys.flags and the like cannot be made
                SKIPPED.append(("stdlib", "structseq " + key, short(e)))
    record_pickle([seqs[k] for k in sorted(seqs)], "stdlib", "structseq_values")


# ---------------------------------------------------------------- numpy


def numpy_values():
    rng = np.random.default_rng(0)
    arrays = {}
    for code in ["?", "b", "B", "h", "H", "i", "I", "l", "L", "q", "Q", "e", "f", "d", "g",
                 "F", "D", "G"]:
        arrays["dtype_" + np.dtype(code).name] = np.arange(4).astype(code)
    arrays["str_U"] = np.array(["ab", "cde"])
    arrays["bytes_S"] = np.array([b"ab", b"c"])
    arrays["void_V"] = np.zeros(2, dtype="V4")
    arrays["object"] = np.array([1, "a", None], dtype=object)
    for unit in ["Y", "M", "D", "h", "m", "s", "ms", "us", "ns"]:
        arrays["datetime64_" + unit] = np.array(["2024-05-17"], dtype="datetime64[%s]" % unit)
        arrays["timedelta64_" + unit] = np.array([3], dtype="timedelta64[%s]" % unit)
    arrays["structured"] = np.array([(1, 2.0, b"x")], dtype=[("a", "<i4"), ("b", "<f8"), ("c", "S1")])
    arrays["subarray"] = np.zeros(2, dtype=[("v", "<f4", (3,))])
    arrays["nested_struct"] = np.zeros(1, dtype=[("p", [("x", "<i2"), ("y", "<i2")])])
    arrays["big_endian"] = np.arange(3, dtype=">i4")
    arrays["fortran"] = np.asfortranarray(np.arange(6.0).reshape(2, 3))
    arrays["zero_d"] = np.array(7.0)
    arrays["empty"] = np.zeros((0, 3))
    arrays["masked"] = np.ma.masked_array([1, 2, 3], mask=[0, 1, 0])
    arrays["masked_struct"] = np.ma.masked_array(np.zeros(2, dtype=[("a", "i4")]), mask=[(1,), (0,)])
    arrays["matrix"] = np.matrix([[1, 2], [3, 4]])
    arrays["recarray"] = np.rec.array([(1, 2.0)], dtype=[("a", "i4"), ("b", "f8")])
    arrays["record_scalar"] = np.rec.array([(1, 2.0)], dtype=[("a", "i4"), ("b", "f8")])[0]
    arrays["char_array"] = np.char.array(["ab", "c"])
    for t in [np.float64(1.5), np.float32(2.5), np.int64(3), np.int8(-1), np.uint16(7),
              np.bool_(True), np.complex128(1 + 2j), np.str_("s"), np.bytes_(b"b"),
              np.datetime64("2024-05-17"), np.timedelta64(5, "s"), np.longdouble(1.25)]:
        arrays["scalar_" + type(t).__name__] = t
    arrays["dtypes"] = [np.dtype("f8"), np.dtype(">i2"), np.dtype("U3"), np.dtype("M8[ns]"),
                        np.dtype([("a", "i4")]), np.dtype("O")]
    arrays["dtype_classes"] = [np.float64, np.int32, np.ndarray, np.dtype]
    arrays["random_state"] = np.random.RandomState(0)
    arrays["generator_pcg64"] = rng
    for bg in ["MT19937", "PCG64", "PCG64DXSM", "Philox", "SFC64"]:
        arrays["bitgen_" + bg] = getattr(np.random, bg)(0)
        arrays["generator_" + bg] = np.random.Generator(getattr(np.random, bg)(0))
    arrays["finfo"] = np.finfo(np.float32)
    arrays["iinfo"] = np.iinfo(np.int16)
    arrays["poly1d"] = np.poly1d([1, 2, 3])
    arrays["polynomial"] = np.polynomial.Polynomial([1, 2, 3])
    arrays["chebyshev"] = np.polynomial.Chebyshev([1, 2])
    for name, v in arrays.items():
        record_pickle(v, "numpy", name)


# ---------------------------------------------------------------- pandas


def pandas_values():
    idx = {
        "index_int": pd.Index([1, 2, 3]),
        "index_uint": pd.Index(np.array([1, 2], dtype="uint64")),
        "index_float": pd.Index([1.5, 2.5]),
        "index_object": pd.Index(["a", "b"]),
        "index_bool": pd.Index([True, False]),
        "index_nullable_int": pd.Index(pd.array([1, None], dtype="Int64")),
        "range_index": pd.RangeIndex(0, 10, 2),
        "categorical_index": pd.CategoricalIndex(["a", "b", "a"], ordered=True),
        "datetime_index": pd.date_range("2024-01-01", periods=3, freq="D"),
        "datetime_index_utc": pd.date_range("2024-01-01", periods=3, freq="H", tz="UTC"),
        "datetime_index_berlin": pd.date_range("2024-03-30", periods=3, freq="D", tz="Europe/Berlin"),
        "datetime_index_fixed_offset": pd.DatetimeIndex(
            ["2024-01-01T00:00:00+02:00", "2024-01-02T00:00:00+02:00"]),
        "datetime_index_dateutil": pd.date_range("2024-01-01", periods=2, tz="dateutil/Europe/Paris"),
        "datetime_index_zoneinfo": pd.DatetimeIndex(
            [datetime.datetime(2024, 1, 1, tzinfo=__import__("zoneinfo").ZoneInfo("Asia/Tokyo"))]),
        "period_index": pd.period_range("2024-01", periods=3, freq="M"),
        "interval_index": pd.interval_range(0, 3),
        "timedelta_index": pd.timedelta_range("1 day", periods=3),
        "multi_index": pd.MultiIndex.from_product([["a", "b"], [1, 2]], names=["l", "n"]),
    }
    values = dict(idx)
    values["series_float"] = pd.Series([1.0, 2.0, None], name="s")
    values["series_datetime_tz"] = pd.Series(pd.date_range("2024", periods=2, tz="UTC"))
    values["series_categorical"] = pd.Series(pd.Categorical(["x", "y", "x"]))
    values["series_multiindex"] = pd.Series([1, 2, 3, 4], index=idx["multi_index"])
    values["categorical"] = pd.Categorical(["a", "b", "a"], categories=["b", "a"], ordered=True)
    for dtype in ["Int8", "Int64", "UInt32", "Float32", "Float64", "boolean", "string"]:
        values["array_" + dtype] = pd.array([1, None] if dtype[0] in "IUF" else
                                            ([True, None] if dtype == "boolean" else ["a", None]),
                                            dtype=dtype)
    values["sparse_array"] = pd.arrays.SparseArray([0, 0, 1, 0, 2])
    values["sparse_array_float"] = pd.arrays.SparseArray([0.0, np.nan, 1.0], fill_value=np.nan)
    values["sparse_series"] = pd.Series(pd.arrays.SparseArray([0, 1, 0]))
    values["interval_array"] = pd.arrays.IntervalArray.from_breaks([0, 1, 2])
    values["period_array"] = pd.array(pd.period_range("2024", periods=2, freq="Q"))
    values["datetime_array"] = pd.array(pd.date_range("2024", periods=2, tz="UTC"))
    values["timedelta_array"] = pd.array(pd.timedelta_range("1h", periods=2))
    values["scalars"] = [pd.Timestamp("2024-05-17 12:00"), pd.Timestamp("2024-05-17", tz="UTC"),
                         pd.Timestamp("2024-05-17", tz="Europe/Berlin"), pd.Timedelta("3h"),
                         pd.Period("2024-05", freq="M"), pd.Interval(0, 1, closed="left"),
                         pd.NaT, pd.NA]
    values["offsets_more"] = [pd.offsets.MonthBegin(), pd.offsets.BusinessHour(),
                              pd.offsets.CustomBusinessDay(), pd.offsets.Second(5),
                              pd.offsets.Milli(), pd.offsets.YearBegin(), pd.offsets.SemiMonthEnd(),
                              pd.offsets.BQuarterEnd(), pd.offsets.Easter(),
                              pd.offsets.WeekOfMonth(week=1, weekday=2), pd.offsets.BMonthEnd()]
    import pytz
    values["datetime_index_pytz_eastern"] = pd.date_range(
        "2024-01-01", periods=3, tz=pytz.timezone("US/Eastern"))
    values["timestamp_dateutil_utc"] = pd.Timestamp("2024-01-01", tz="dateutil/UTC")
    values["resampled_frame"] = pd.DataFrame(
        {"v": range(6)}, index=pd.date_range("2024", periods=6, freq="H")).resample("2H").sum()
    values["offsets"] = [pd.offsets.Day(2), pd.offsets.MonthEnd(), pd.offsets.BusinessDay(),
                         pd.offsets.Hour(3), pd.offsets.Week(weekday=0), pd.offsets.QuarterBegin(),
                         pd.offsets.YearEnd(), pd.offsets.Minute(), pd.offsets.DateOffset(months=1)]
    values["dtypes"] = [pd.CategoricalDtype(["a"]), pd.DatetimeTZDtype(tz="UTC"),
                        pd.PeriodDtype("D"), pd.IntervalDtype("int64"), pd.SparseDtype("float"),
                        pd.StringDtype(), pd.Int64Dtype(), pd.BooleanDtype(), pd.Float64Dtype()]
    df = pd.DataFrame({
        "i": [1, 2, 3],
        "f": [0.5, np.nan, 2.0],
        "s": ["a", "b", None],
        "b": [True, False, True],
        "t": pd.date_range("2024-01-01", periods=3, tz="UTC"),
        "td": pd.to_timedelta([1, 2, 3], unit="s"),
        "c": pd.Categorical(["x", "y", "x"]),
        "n": pd.array([1, None, 3], dtype="Int64"),
        "p": pd.period_range("2024", periods=3, freq="M"),
        "sp": pd.arrays.SparseArray([0, 1, 0]),
    })
    values["dataframe_mixed"] = df
    values["dataframe_multiindex"] = pd.DataFrame(
        {"v": [1, 2, 3, 4]}, index=idx["multi_index"]).T
    values["dataframe_empty"] = pd.DataFrame()
    values["groupby_result"] = df.groupby("c").agg({"i": "sum"})
    # groupby objects themselves (kept by notebooks and caches): grouper, groupings, the frame
    tf = pd.DataFrame({"g": ["a", "b", "a", "b"], "k": [1, 1, 2, 2], "v": [1.0, 2.0, 3.0, 4.0]},
                      index=pd.date_range("2024", periods=4, freq="H"))
    values["groupby_frame"] = tf.groupby("g")
    values["groupby_frame_keys"] = tf.groupby(["g", "k"], as_index=False, sort=False)
    values["groupby_series"] = tf["v"].groupby(tf["g"])
    values["groupby_grouper_freq"] = tf.groupby(pd.Grouper(freq="2H"))
    values["groupby_level"] = tf.set_index("g", append=True).groupby(level=1, dropna=False)
    for name, v in values.items():
        record_pickle(v, "pandas", name)
    # to_pickle with every compression it writes (protocol: pandas' default, the highest)
    tmp = os.path.join(OUT, ".tmp")
    for comp, ext in [(None, "pkl"), ("gzip", "pkl.gz"), ("bz2", "pkl.bz2"), ("xz", "pkl.xz"),
                      ("zip", "pkl.zip")]:
        df.to_pickle(tmp, compression=comp)
        with open(tmp, "rb") as fh:
            data = fh.read()
        os.remove(tmp)
        name = "pandas_to_pickle_dataframe_%s.%s" % (comp or "none", ext)
        write(name, data, "pandas", "DataFrame (mixed dtypes)", "DataFrame.to_pickle(compression=%r)" % comp)
    REC.walk(pickle.dumps(df, protocol=pickle.HIGHEST_PROTOCOL), "pandas_to_pickle")


# ---------------------------------------------------------------- scipy


def scipy_values():
    dense = np.array([[0, 1.5, 0], [2, 0, 0], [0, 0, 3]])
    values = {}
    for fmt in ["csr", "csc", "coo", "bsr", "dia", "dok", "lil"]:
        values[fmt + "_matrix"] = getattr(sp, fmt + "_matrix")(dense)
        if hasattr(sp, fmt + "_array"):
            values[fmt + "_array"] = getattr(sp, fmt + "_array")(dense)
    import scipy.spatial
    import scipy.stats
    import scipy.interpolate
    values["kdtree"] = scipy.spatial.KDTree(dense)
    values["ckdtree"] = scipy.spatial.cKDTree(dense)
    values["rotation"] = scipy.spatial.transform.Rotation.from_euler("z", 30, degrees=True)
    values["frozen_norm"] = scipy.stats.norm(loc=1.0, scale=2.0)
    # every distribution frozen: discrete ones pickle vectorized bound methods (getattr of the
    # generator instance, e.g. poisson_gen._entropy); recorded, a few kept in the corpus
    from scipy.stats import _continuous_distns, _discrete_distns
    for module in (_discrete_distns, _continuous_distns):
        for dname in sorted(module._distn_names):
            dist = getattr(scipy.stats, dname)
            shapes = [0.4] * dist.numargs
            keep = (2, 5) if dname in ("poisson", "binom", "gamma") else ()
            try:
                record_pickle(dist(*shapes), "scipy", "frozen_" + dname, keep=keep)
            except Exception as e:
                SKIPPED.append(("scipy", "frozen " + dname, short(e)))
    # bw_method='silverman' keeps the bound method silverman_factor (getattr(kde, name))
    values["kde_silverman"] = scipy.stats.gaussian_kde([0.0, 1.0, 2.0, 4.0], bw_method="silverman")
    values["interp1d"] = scipy.interpolate.interp1d([0, 1, 2], [0, 1, 4])
    values["cubic_spline"] = scipy.interpolate.CubicSpline([0, 1, 2], [0, 1, 4])
    for name, v in values.items():
        record_pickle(v, "scipy", name)


# ---------------------------------------------------------------- scikit-learn


def sklearn_values():
    from sklearn.utils import all_estimators
    from sklearn.utils.estimator_checks import _construct_instance

    rng = np.random.RandomState(0)
    X = np.abs(rng.rand(24, 4)) + 0.1
    y_cls = np.array([0, 1] * 12)
    y_reg = X[:, 0] * 2 + rng.rand(24) * 0.1
    texts = np.array(["red apple", "green pear", "red pear", "blue plum"] * 6)
    dicts = [{"a": 1.0, "b": i % 3} for i in range(24)]
    Y2 = np.column_stack([y_cls, 1 - y_cls])
    meta = {  # estimators whose required parameters _construct_instance cannot fill
        "ColumnTransformer": lambda C: C([("s", sklearn.preprocessing.StandardScaler(), [0, 1])]),
        "FeatureUnion": lambda C: C([("s", sklearn.preprocessing.StandardScaler())]),
        "GridSearchCV": lambda C: C(sklearn.linear_model.LogisticRegression(), {"C": [1.0]}, cv=2),
        "RandomizedSearchCV": lambda C: C(sklearn.linear_model.LogisticRegression(), {"C": [1.0]},
                                          n_iter=1, cv=2),
        "Pipeline": lambda C: C([("s", sklearn.preprocessing.StandardScaler())]),
        "SparseCoder": lambda C: C(dictionary=np.eye(4)[:2]),
    }
    for name, Est in all_estimators():
        try:
            est = meta[name](Est) if name in meta else _construct_instance(Est)
        except Exception as e:
            SKIPPED.append(("sklearn", name, "construct: " + short(e)))
            continue
        try:
            if isinstance(getattr(est, "n_components", None), int):
                est.set_params(n_components=min(1 if "PLS" in name or name == "CCA" else 2,
                                                est.n_components))
            if name == "GaussianRandomProjection" or name == "SparseRandomProjection":
                est.set_params(n_components=2)
        except Exception:
            pass
        try:
            est.set_params(**{k: 0 for k in est.get_params() if k.endswith("random_state")})
        except Exception:
            pass
        fitted = None
        errors = []
        first = (X, y_reg) if sklearn.base.is_regressor(est) else (X, y_cls)
        for args in (first, (X,), (X, Y2), (X[:, :1], y_reg), (texts,), (texts, y_cls), (dicts,),
                     (X[:, 0].astype(int) % 3,)):
            try:
                fitted = est.fit(*args)
                break
            except Exception as e:
                errors.append(short(e))
        if fitted is None:
            SKIPPED.append(("sklearn", name, "fit: " + " | ".join(errors)))
            continue
        record_pickle(fitted, "sklearn", name, keep=(5,), protocols=(2, 3, 4, 5))
    # a pipeline and a column transformer, as they are saved in practice
    from sklearn.compose import ColumnTransformer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    frame = pd.DataFrame({"n": X[:, 0], "c": ["a", "b", "c"] * 8})
    ct = ColumnTransformer([("num", StandardScaler(), ["n"]), ("cat", OneHotEncoder(), ["c"])])
    pipe = make_pipeline(ct, LogisticRegression()).fit(frame, y_cls)
    record_pickle(pipe, "sklearn", "pipeline_columntransformer_dataframe", keep=(0, 2, 5))
    from sklearn.ensemble import HistGradientBoostingRegressor
    from sklearn.neighbors import BallTree, KDTree, NearestNeighbors
    from sklearn.preprocessing import FunctionTransformer
    extra = {  # what all_estimators' defaults do not reach: every HGB loss, the tree metrics
        "HistGradientBoostingRegressor_" + loss: HistGradientBoostingRegressor(
            loss=loss, max_iter=2, random_state=0, **({"quantile": 0.5} if loss == "quantile" else {}))
        .fit(X, y_reg + (0.1 if loss in ("poisson", "gamma") else 0))
        for loss in ("squared_error", "absolute_error", "poisson", "quantile")
    }
    extra["HistGradientBoostingClassifier_multiclass"] = HistGradientBoostingClassifier(
        max_iter=2, random_state=0).fit(X, (X[:, 0] * 3).astype(int))
    for algo in ("ball_tree", "kd_tree", "brute"):
        extra["NearestNeighbors_" + algo] = NearestNeighbors(algorithm=algo).fit(X)
    for metric in ("euclidean", "manhattan", "chebyshev", "minkowski"):
        extra["BallTree_" + metric] = BallTree(X, metric=metric)
        extra["KDTree_" + metric] = KDTree(X, metric=metric)
    extra["BallTree_haversine"] = BallTree(X[:, :2], metric="haversine")
    extra["FunctionTransformer_log1p"] = FunctionTransformer(np.log1p).fit(X)
    extra["FunctionTransformer_mean"] = FunctionTransformer(np.mean, kw_args={"axis": 1})
    # SGD with every loss of sklearn.linear_model._sgd_fast (bench/scan/blind4): the losses
    # come from the estimators' own loss tables, and every class the module defines must be
    # reached by one of them or by a direct instance, or it is listed in skipped.tsv
    from sklearn.linear_model import SGDClassifier, SGDRegressor
    from sklearn.linear_model import _sgd_fast
    reached = set()
    for Est, y in ((SGDClassifier, y_cls), (SGDRegressor, y_reg)):
        for loss in sorted(Est.loss_functions):
            est = Est(loss=loss, max_iter=5, tol=None, random_state=0).fit(X, y)
            extra[Est.__name__ + "_" + loss] = est
            reached.add(Est.loss_functions[loss][0].__name__)
    for name in sorted(vars(_sgd_fast)):
        cls = getattr(_sgd_fast, name)
        if not (isinstance(cls, type) and issubclass(cls, _sgd_fast.LossFunction)):
            continue
        if name not in reached:
            try:
                extra["sgd_fast_" + name] = cls()
            except Exception as e:
                SKIPPED.append(("sklearn", "_sgd_fast." + name, short(e)))
    for name, est in extra.items():
        record_pickle(est, "sklearn", name, keep=(5,), protocols=(2, 3, 4, 5))
    hgb = HistGradientBoostingClassifier(max_iter=3, random_state=0).fit(X, y_cls)
    record_pickle(hgb, "sklearn", "HistGradientBoostingClassifier_all_protocols", keep=PROTOCOLS)
    return pipe, hgb


# ---------------------------------------------------------------- joblib


def joblib_values(pipe, hgb):
    payload = {
        "model": pipe,
        "hgb": hgb,
        "frame": pd.DataFrame({"a": np.arange(5), "t": pd.date_range("2024", periods=5, tz="UTC")}),
        "array": np.arange(10.0),
        "objects": np.array([1, "a"], dtype=object),
    }
    compressions = [None, "zlib", "gzip", "bz2", "lzma", "xz"]
    # lz4 dumps are left out until the scanner reads LZ4 frames (issue 9, format half): the
    # pickle inside is the same as in the other compressions, which the record covers
    SKIPPED.append(("joblib", "compress=lz4", "not in the corpus yet: the scanner has no LZ4 reader"))
    tmp = os.path.join(OUT, ".tmp")
    for comp in compressions:
        joblib.dump(payload, tmp, compress=(comp, 3) if comp else 0)
        with open(tmp, "rb") as fh:
            data = fh.read()
        os.remove(tmp)
        write("joblib_dump_mixed_%s.joblib" % (comp or "none"), data, "joblib",
              "dict of pipeline, HistGradientBoosting, DataFrame, arrays",
              "joblib.dump(compress=%r)" % (((comp, 3),) if comp else 0))
    for proto in (2, 4, 5):
        joblib.dump(payload["frame"], tmp, protocol=proto)
        with open(tmp, "rb") as fh:
            write("joblib_dump_dataframe_p%d.joblib" % proto, fh.read(), "joblib", "DataFrame",
                  "joblib.dump(protocol=%d)" % proto)
        os.remove(tmp)
    # the record: joblib's pickler with the inline array bytes left out (they are not pickle ops)
    from joblib import numpy_pickle
    saved = numpy_pickle.NumpyArrayWrapper.write_array
    numpy_pickle.NumpyArrayWrapper.write_array = lambda self, array, pickler: None
    try:
        for proto in PROTOCOLS:
            buf = io.BytesIO()
            numpy_pickle.NumpyPickler(buf, protocol=proto).dump(payload)
            REC.walk(buf.getvalue(), "joblib_record_p%d" % proto)
    finally:
        numpy_pickle.NumpyArrayWrapper.write_array = saved


# ---------------------------------------------------------------- torch


def torch_values():
    torch.manual_seed(0)
    # dtype, device and qscheme objects as hyper-parameters hold them (each pickles by name)
    consts = [getattr(torch, n) for n in sorted(dir(torch))
              if isinstance(getattr(torch, n, None), (torch.dtype, torch.qscheme))]
    record_pickle(consts + [torch.device("cpu"), torch.device("cuda", 0)], "torch",
                  "dtype_device_qscheme_objects")
    # classes as hyper-parameters name them (an estimator's dtype=, a type check's class)
    record_pickle([np.bool_, np.bytes_, np.str_, np.object_, np.void, np.datetime64,
                   np.timedelta64, np.longdouble, np.clongdouble, type(pd.NA),
                   torch.nn.Parameter, pathlib.WindowsPath, np.uint8, np.uint16, np.uint32,
                   np.uint64, torch.cuda.FloatStorage, torch.cuda.LongStorage,
                   torch.storage.TypedStorage, torch.storage.UntypedStorage, np.ma.masked],
                  "mixed", "class_references")
    # structseqs of torch.topk/max results are kept as they come (torch.return_types.*)
    record_pickle([torch.topk(torch.arange(5.0), 2), torch.max(torch.ones(2, 2), 0)], "torch",
                  "return_types")
    record_pickle(np.ma.array([(1, 2.0)], dtype=[("a", int), ("b", float)])[0], "numpy",
                  "masked_void_record")
    import scipy.stats
    record_pickle(scipy.stats.rv_discrete(values=([0, 1, 2], [0.25, 0.5, 0.25])), "scipy",
                  "rv_discrete_values")
    tensors = {}
    for dt in [torch.float32, torch.float64, torch.float16, torch.bfloat16, torch.int8,
               torch.int16, torch.int32, torch.int64, torch.uint8, torch.bool, torch.complex64,
               torch.complex128]:
        tensors[str(dt).replace("torch.", "")] = torch.arange(4).to(dt)
    base = torch.tensor([0.5, -1.0, 2.0])
    tensors["qint8_per_tensor"] = torch.quantize_per_tensor(base, 0.1, 0, torch.qint8)
    tensors["quint8_per_tensor"] = torch.quantize_per_tensor(base, 0.1, 10, torch.quint8)
    tensors["qint32_per_tensor"] = torch.quantize_per_tensor(base, 0.1, 0, torch.qint32)
    tensors["qint8_per_channel"] = torch.quantize_per_channel(
        torch.ones(2, 3), torch.tensor([0.1, 0.2]), torch.tensor([0, 0]), 0, torch.qint8)
    tensors["sparse_coo"] = torch.eye(3).to_sparse()
    tensors["sparse_csr"] = torch.eye(3).to_sparse_csr()
    tensors["parameter"] = torch.nn.Parameter(torch.ones(2))
    tensors["view_strided"] = torch.arange(8.0).reshape(2, 4)[:, 1::2]
    tensors["channels_last"] = torch.zeros(1, 2, 2, 2).to(memory_format=torch.channels_last)
    tensors["requires_grad"] = torch.ones(2, requires_grad=True)
    net = torch.nn.Sequential(
        torch.nn.Conv2d(1, 2, 3), torch.nn.BatchNorm2d(2), torch.nn.ReLU(), torch.nn.Flatten(),
        torch.nn.Linear(2, 2), torch.nn.LayerNorm(2), torch.nn.Dropout(), torch.nn.Embedding(3, 2),
        torch.nn.LSTM(2, 2), torch.nn.GRU(2, 2))
    objects = {"tensors_every_dtype": tensors, "state_dict_sequential": net.state_dict(),
               "module_sequential": net}
    lin = torch.nn.Linear(3, 2)
    loss = lin(torch.ones(1, 3)).sum()
    loss.backward()
    for opt_name in ["SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta", "Adamax",
                     "NAdam", "RAdam", "ASGD", "Rprop", "LBFGS"]:
        kwargs = {"lr": 0.1}
        if opt_name == "SGD":
            kwargs["momentum"] = 0.9
        opt = getattr(torch.optim, opt_name)(lin.parameters(), **kwargs)
        try:
            opt.step(lambda: lin(torch.ones(1, 3)).sum()) if opt_name == "LBFGS" else opt.step()
        except Exception as e:
            SKIPPED.append(("torch", "optimizer " + opt_name, short(e)))
        objects["optimizer_" + opt_name] = opt.state_dict()
    sched_opt = torch.optim.SGD(lin.parameters(), lr=0.1)
    scheds = {
        "StepLR": lambda o: torch.optim.lr_scheduler.StepLR(o, 2),
        "MultiStepLR": lambda o: torch.optim.lr_scheduler.MultiStepLR(o, [1, 3]),
        "ExponentialLR": lambda o: torch.optim.lr_scheduler.ExponentialLR(o, 0.9),
        "CosineAnnealingLR": lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, 10),
        "ReduceLROnPlateau": lambda o: torch.optim.lr_scheduler.ReduceLROnPlateau(o),
        "CyclicLR": lambda o: torch.optim.lr_scheduler.CyclicLR(o, 0.01, 0.1),
        "OneCycleLR": lambda o: torch.optim.lr_scheduler.OneCycleLR(o, 0.1, total_steps=10),
        "CosineAnnealingWarmRestarts": lambda o: torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(o, 5),
        "LinearLR": lambda o: torch.optim.lr_scheduler.LinearLR(o),
        "ConstantLR": lambda o: torch.optim.lr_scheduler.ConstantLR(o),
        "PolynomialLR": lambda o: torch.optim.lr_scheduler.PolynomialLR(o),
    }
    for name, make in scheds.items():
        try:
            s = make(sched_opt)
            sched_opt.step()
            s.step(1.0) if name == "ReduceLROnPlateau" else s.step()
            objects["scheduler_" + name] = s.state_dict()
        except Exception as e:
            SKIPPED.append(("torch", "scheduler " + name, short(e)))
    objects["checkpoint"] = {"epoch": 3, "model": lin.state_dict(), "optimizer": objects["optimizer_Adam"],
                             "scheduler": objects.get("scheduler_StepLR"), "rng": torch.get_rng_state(),
                             "numpy_rng": np.random.RandomState(0).get_state()}
    objects["meta_tensor"] = torch.empty(2, 3, device="meta")
    # lazy modules before their first forward hold UninitializedParameter/Buffer, pickled as
    # cls(requires_grad) (torch/nn/parameter.py UninitializedTensorMixin.__reduce_ex__)
    lazy = {n: getattr(torch.nn, n) for n in sorted(dir(torch.nn)) if n.startswith("Lazy")}
    objects["lazy_uninitialized"] = {
        "parameter": torch.nn.parameter.UninitializedParameter(),
        "buffer": torch.nn.parameter.UninitializedBuffer(),
    }
    # their state_dicts (a whole lazy module also pickles its hooks as bound methods)
    for n, cls in lazy.items():
        try:
            objects["lazy_state_dict_" + n] = (cls(2) if "Norm" in n or "Linear" in n
                                               else cls(2, 3)).state_dict()
        except Exception as e:
            SKIPPED.append(("torch", "lazy module " + n, short(e)))
    for name, obj in objects.items():
        for key, t in (obj.items() if name == "tensors_every_dtype" else [(None, obj)]):
            what = name if key is None else name + "_" + key
            buf = io.BytesIO()
            try:
                torch.save(t, buf)
            except Exception as e:
                SKIPPED.append(("torch", what, short(e)))
                continue
            data = buf.getvalue()
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                for n in z.namelist():
                    if n.endswith("data.pkl"):
                        REC.walk(z.read(n), "torch_" + what)
            write("torch_save_%s.pt" % safe_name(what), data, "torch", what, "torch.save (zip)")
    # pickle.dumps and joblib.dump of tensors (not torch.save): torch.storage._load_from_bytes
    for key in ("float32", "bfloat16", "int64", "bool", "complex64", "qint8_per_tensor", "parameter"):
        record_pickle(tensors[key], "torch", "pickle_dumps_tensor_" + key, protocols=(1, 2, 3, 4, 5))
    record_pickle(lin.state_dict(), "torch", "pickle_dumps_state_dict", protocols=(1, 2, 3, 4, 5))
    tmp = os.path.join(OUT, ".tmp")
    joblib.dump({"state_dict": lin.state_dict()}, tmp, compress=("gzip", 3))
    with open(tmp, "rb") as fh:
        write("joblib_dump_torch_state_dict_gzip.joblib", fh.read(), "torch", "state_dict in a dict",
              "joblib.dump(compress=('gzip', 3))")
    os.remove(tmp)
    buf = io.BytesIO()
    torch.save(objects["state_dict_sequential"], buf, _use_new_zipfile_serialization=False)
    REC.walk(buf.getvalue(), "torch_legacy", max_pickles=4)
    write("torch_save_state_dict_sequential_legacy.pt", buf.getvalue(), "torch",
          "state_dict_sequential", "torch.save(_use_new_zipfile_serialization=False)")


# ---------------------------------------------------------------- xgboost, statsmodels


def xgboost_values():
    rng = np.random.RandomState(0)
    X = rng.rand(30, 3)
    y = (X[:, 0] > 0.5).astype(int)
    models = {
        "XGBClassifier": xgboost.XGBClassifier(n_estimators=2, max_depth=2).fit(X, y),
        "XGBRegressor": xgboost.XGBRegressor(n_estimators=2, max_depth=2).fit(X, X[:, 1]),
        "Booster": xgboost.train({"max_depth": 2}, xgboost.DMatrix(X, label=y), 2),
    }
    for name, m in models.items():
        record_pickle(m, "xgboost", name, keep=(2, 5))


def matplotlib_values():
    """matplotlib's public picklable objects (Agg backend, no display): a figure with axes, a line,
    a legend, text and an image; artists alone; colormaps and norms; paths, transforms, markers."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.colors as mcolors
    import matplotlib.figure
    import matplotlib.lines
    import matplotlib.markers
    import matplotlib.path
    import matplotlib.pyplot as plt
    import matplotlib.transforms as mtransforms
    fig, ax = plt.subplots(1, 2, figsize=(2, 1), dpi=50)
    ax[0].plot([0, 1, 2], [1, 3, 2], "o-", label="a")
    ax[0].legend()
    ax[0].set_title("t")
    ax[0].text(0.5, 0.5, "x")
    ax[1].imshow(np.arange(6.0).reshape(2, 3), cmap="viridis")
    values = {
        "Figure_subplots_legend_image": fig,
        "Figure_empty": matplotlib.figure.Figure(figsize=(1, 1)),
        "Axes": ax[0],
        "Line2D": matplotlib.lines.Line2D([0, 1], [0, 1], color="r"),
        "colormaps": [matplotlib.colormaps["viridis"], matplotlib.colormaps["tab10"],
                      mcolors.ListedColormap(["r", "g"]),
                      mcolors.LinearSegmentedColormap.from_list("rg", ["r", "g"])],
        "norms": [mcolors.Normalize(0, 1), mcolors.LogNorm(1, 10), mcolors.BoundaryNorm([0, 1, 2], 2),
                  mcolors.TwoSlopeNorm(0.0, -1.0, 1.0), mcolors.SymLogNorm(1.0), mcolors.PowerNorm(2.0)],
        "Path_transforms_markers": [matplotlib.path.Path([[0, 0], [1, 1]]), mtransforms.Affine2D().rotate(1.0),
                                    mtransforms.Bbox.unit(), mtransforms.IdentityTransform(),
                                    mtransforms.blended_transform_factory(ax[0].transData, ax[0].transAxes),
                                    matplotlib.markers.MarkerStyle("o")],
    }
    for name, v in values.items():
        record_pickle(v, "matplotlib", name, keep=(2, 5))
    plt.close("all")


def statsmodels_values():
    rng = np.random.RandomState(0)
    X = sm.add_constant(rng.rand(30, 2))
    y = X @ np.array([1.0, 2.0, -1.0]) + rng.rand(30) * 0.1
    yb = (rng.rand(30) > 0.5).astype(int)
    frame = pd.DataFrame(X[:, 1:], columns=["a", "b"])
    frame["y"] = y
    import statsmodels.formula.api as smf
    models = {
        "OLS_results": sm.OLS(y, X).fit(),
        "Logit_results": sm.Logit(yb, X).fit(disp=0),
        "GLM_results": sm.GLM(y, X).fit(),
        "WLS_results": sm.WLS(y, X, weights=np.ones(30)).fit(),
        "ols_formula_results": smf.ols("y ~ a + b", data=frame).fit(),
    }
    models["Poisson_results"] = sm.Poisson(rng.poisson(2, size=30), X).fit(disp=0)
    models["MNLogit_results"] = sm.MNLogit((X[:, 1] * 3).astype(int), X).fit(disp=0)
    from statsmodels.tsa.holtwinters import ExponentialSmoothing
    models["ExponentialSmoothing_results"] = ExponentialSmoothing(rng.rand(30) + 1).fit()
    from statsmodels.tsa.arima.model import ARIMA
    try:
        models["ARIMA_results"] = ARIMA(y, order=(1, 0, 0)).fit()
    except Exception as e:
        SKIPPED.append(("statsmodels", "ARIMA", short(e)))
    for name, m in models.items():
        try:
            m.remove_data()
        except Exception:
            pass
        record_pickle(m, "statsmodels", name, keep=(2, 5))
    # state-space results as fit() returns them (data kept): their Cython filter, smoother and
    # representation objects are rebuilt by calling the extension types with their arrays
    from statsmodels.tsa.statespace.sarimax import SARIMAX
    from statsmodels.tsa.api import UnobservedComponents
    series = np.cumsum(rng.rand(36))
    kept = {"SARIMAX_results_with_data": lambda: SARIMAX(series, order=(1, 0, 0)).fit(disp=0),
            "UnobservedComponents_results_with_data": lambda: UnobservedComponents(series, "llevel").fit(disp=0)}
    for name, make in kept.items():
        record_pickle(make(), "statsmodels", name, keep=(5,))


def typing_values():
    """Every public name of typing (and typing_extensions) that takes a subscript, subscripted
    with plain types as annotations hold them: pickle writes each as operator.getitem(form, args),
    and the record of those calls is where the scanner's typing-forms resource comes from. Forms
    that refuse every trial (Generic and Protocol want type variables) are recorded as skipped."""
    import typing
    mods = [typing]
    try:
        import typing_extensions
        mods.append(typing_extensions)
    except ImportError:
        SKIPPED.append(("typing", "typing_extensions", "not installed"))
    trials = [lambda f: f[int], lambda f: f[int, str], lambda f: f[[int], str],
              lambda f: f[int, "meta"], lambda f: f["a", 1], lambda f: f[int, ...],
              lambda f: f[int, int, int]]
    aliases = []
    for mod in mods:
        for name in sorted(getattr(mod, "__all__", [])):
            form = getattr(mod, name, None)
            if form is None:
                continue
            for trial in trials:
                try:
                    alias = trial(form)
                    pickle.dumps(alias, protocol=2)
                except Exception:
                    continue
                aliases.append((mod.__name__ + "." + name, alias))
                break
            else:
                SKIPPED.append(("typing", mod.__name__ + "." + name, "no plain subscript pickles"))
    for name, alias in aliases:
        record_pickle(alias, "typing", name, keep=())
    record_pickle([a for _, a in aliases], "typing", "all_aliases", keep=(2, 5))


FROZEN_EPOCH = 1577836800.0  # 2020-01-01T00:00:00Z: zip and gzip headers carry the clock


def astropy_values():
    """astropy's data classes (read in astropy 5.2: units/core.py _recreate_irreducible_unit,
    quantity.py, coordinates/, table/): quantities, units, constants, angles, locations, sky
    coordinates in several frames, distances, representations, tables and times."""
    import astropy.constants as const
    import astropy.coordinates as coord
    import astropy.table
    import astropy.time
    import astropy.units as u
    values = {
        "quantity": 3.0 * u.m / u.s,
        "quantity_array": np.array([1.0, 2.0]) * u.km,
        "quantity_composite": 5 * u.kg * u.m ** 2 / u.s ** 2,
        "units": [u.m, u.km, u.deg, u.Jy, u.erg / u.s / u.cm ** 2, u.dimensionless_unscaled,
                  u.Unit("10 m"), u.mag, u.dex],
        "logquantity": u.Magnitude(-2.5),
        "constants": [const.c, const.G, const.h, const.k_B, const.M_sun, const.R_earth, const.m_e],
        "angles": [coord.Angle("10d30m"), coord.Latitude(45 * u.deg), coord.Longitude(270 * u.deg),
                   coord.Angle([1, 2] * u.rad)],
        "distance": coord.Distance(10 * u.pc),
        "earth_location": coord.EarthLocation(lon=10 * u.deg, lat=50 * u.deg, height=100 * u.m),
        "earth_location_geocentric": coord.EarthLocation.from_geocentric(1e6, 2e6, 3e6, unit=u.m),
        "skycoord_icrs": coord.SkyCoord(ra=10.5 * u.deg, dec=41.2 * u.deg),
        "skycoord_galactic": coord.SkyCoord(l=[1, 2] * u.deg, b=[3, 4] * u.deg, frame="galactic"),
        "skycoord_fk5_distance": coord.SkyCoord(1 * u.deg, 2 * u.deg, distance=3 * u.kpc,
                                                frame="fk5", equinox="J2000"),
        "frames": [coord.ICRS(1 * u.deg, 2 * u.deg), coord.Galactic(3 * u.deg, 4 * u.deg),
                   coord.FK4(5 * u.deg, 6 * u.deg)],
        "representations": [coord.CartesianRepresentation(1, 2, 3, unit=u.m),
                            coord.SphericalRepresentation(1 * u.deg, 2 * u.deg, 3 * u.m),
                            coord.UnitSphericalRepresentation(1 * u.deg, 2 * u.deg),
                            coord.CylindricalRepresentation(1 * u.m, 2 * u.deg, 3 * u.m)],
        "table": astropy.table.Table({"a": [1, 2], "b": ["x", "y"]}, meta={"k": "v"}),
        "qtable": astropy.table.QTable({"d": [1.0, 2.0] * u.m, "n": [3, 4]}, meta={"k": "v"}),
        "table_masked": astropy.table.Table({"a": [1, 2]}, masked=True),
        "time": astropy.time.Time("2024-01-01T00:00:00", scale="utc"),
        "time_array": astropy.time.Time([2460000.5, 2460001.5], format="jd", scale="tdb"),
        "timedelta": astropy.time.TimeDelta(3600 * u.s),
    }
    # every built-in frame that is made without arguments (SkyOffsetFrame needs an origin)
    frames = []
    for n in coord.builtin_frames.__all__:
        cls = getattr(coord.builtin_frames, n)
        if isinstance(cls, type) and issubclass(cls, coord.BaseCoordinateFrame) and n != "SkyOffsetFrame":
            frames.append(cls())
    values["builtin_frames"] = frames
    for name, v in values.items():
        record_pickle(v, "astropy", name)


def nltk_values():
    """nltk's data classes (read in nltk 3.8: probability.py, lm/, classify/, tree/, grammar.py):
    frequency and probability distributions, language models, classifiers, trees, grammars.
    Nothing here needs nltk_data (no corpus or model download)."""
    import nltk
    import nltk.lm
    from nltk import probability as p
    words = "the cat sat on the mat the dog sat".split()
    fd = p.FreqDist(words)
    cfd = p.ConditionalFreqDist((len(w), w) for w in words)
    train = [({"last": w[-1], "len": len(w)}, w[0] in "tc") for w in words]
    sents = [["the", "cat", "sat"], ["the", "dog", "sat", "down"]]
    lms = {}
    for cls in (nltk.lm.MLE, nltk.lm.Laplace, nltk.lm.WittenBellInterpolated):
        m = cls(2)
        ngrams, vocab = nltk.lm.preprocessing.padded_everygram_pipeline(2, sents)
        m.fit(ngrams, vocab)
        lms["lm_" + cls.__name__] = m
    lid = nltk.lm.Lidstone(0.1, 2)
    ngrams, vocab = nltk.lm.preprocessing.padded_everygram_pipeline(2, sents)
    lid.fit(ngrams, vocab)
    lms["lm_Lidstone"] = lid
    values = {
        "freqdist": fd,
        "conditional_freqdist": cfd,
        "probdists": [p.MLEProbDist(fd), p.LaplaceProbDist(fd), p.ELEProbDist(fd),
                      p.LidstoneProbDist(fd, 0.5), p.WittenBellProbDist(fd, bins=20),
                      p.UniformProbDist(words), p.DictionaryProbDist({"a": 0.5, "b": 0.5})],
        "conditional_probdist": p.ConditionalProbDist(cfd, p.ELEProbDist),
        "naive_bayes": nltk.NaiveBayesClassifier.train(train),
        "vocabulary": nltk.lm.Vocabulary(words, unk_cutoff=1),
        "tree": nltk.Tree.fromstring("(S (NP the cat) (VP sat))"),
        "cfg": nltk.CFG.fromstring("S -> NP VP\nNP -> 'the' N\nN -> 'cat'\nVP -> 'sat'"),
        "unigram_tagger": nltk.UnigramTagger([[("the", "DT"), ("cat", "NN")]]),
    }
    values.update(lms)
    for name, v in values.items():
        record_pickle(v, "nltk", name)


def main():
    time.time = lambda: FROZEN_EPOCH
    np.random.seed(0)
    torch.manual_seed(0)
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    steps = [stdlib, numpy_values, pandas_values, scipy_values]
    for step in steps:
        step()
    pipe, hgb = sklearn_values()
    joblib_values(pipe, hgb)
    for step in (torch_values, xgboost_values, statsmodels_values, matplotlib_values, typing_values,
                 astropy_values, nltk_values):
        try:
            step()
        except Exception:
            traceback.print_exc()
            raise
    import astropy
    import nltk
    versions = {m.__name__: m.__version__ for m in (np, pd, scipy, sklearn, joblib, torch, xgboost,
                                                     statsmodels, matplotlib, astropy, nltk)}
    with open(os.path.join(OUT, "MANIFEST.tsv"), "w") as fh:
        fh.write("# made by mlsec-scan/tools/allowlist/make_stack.py with Python %s; %s\n" % (
            sys.version.split()[0], ", ".join("%s %s" % kv for kv in sorted(versions.items()))))
        fh.write("file\tlibrary\twhat\thow made\n")
        for row in sorted(MANIFEST):
            fh.write("\t".join(row) + "\n")
    with open(os.path.join(HERE, "record.tsv"), "w") as fh:
        fh.write("# every global the stack pickles emit, by pickle_record.py; made by make_stack.py\n")
        fh.write("global\tuse\targs\tcount\texample\n")
        for (q, use, args), (n, ex) in sorted(REC.uses.items()):
            fh.write("%s\t%s\t%s\t%d\t%s\n" % (q, use, ",".join(args), n, ex))
    with open(os.path.join(HERE, "skipped.tsv"), "w") as fh:
        fh.write("library\twhat\twhy\n")
        for row in sorted(SKIPPED):
            fh.write("\t".join(row) + "\n")
    total = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    print("%d files, %d bytes, %d record rows, %d skipped" % (len(MANIFEST), total, len(REC.uses), len(SKIPPED)))


if __name__ == "__main__":
    main()
