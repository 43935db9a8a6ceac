#!/usr/bin/python3
"""Writes real multi-file joblib dumps in the legacy format of joblib < 0.10.

Before 0.10, joblib.dump(obj, "model.pkl") wrote each numpy array to a companion file next to
the pickle ("model.pkl_01.npy", ...) and left an NDArrayWrapper record naming it; with
compress=N, arrays of at least cache_size MB went to zlib companions ("..._01.npy.z",
ZNDArrayWrapper) and the pickle itself to a 'ZF' file. Today's joblib still loads these dumps
(joblib.numpy_pickle_compat) but no longer writes them, so this script is the old pickler's
algorithm (NumpyPickler.save and _write_array of joblib 0.9) around today's joblib classes
and write_zfile; every dump is loaded back with joblib.load and compared.

Run with Debian's interpreter (apt-get install python3-joblib python3-sklearn):
/usr/bin/python3 make_legacy.py [DIR]. Deterministic (fixed seeds, no timestamps).
"""
import os
import pickle
import shutil
import sys
import warnings

import joblib
import numpy as np
from joblib import numpy_pickle_compat as compat
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import LabelEncoder

out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
MEGA = 2 ** 20


class LegacyPickler(pickle._Pickler):  # the Python pickler, whose save() can be overridden
    """joblib 0.9's NumpyPickler: arrays become companion files named after the dump."""

    def __init__(self, filename, compress=0, cache_size=10, protocol=None):
        self._filename = filename
        self.compress = compress
        self.cache_size = cache_size
        self._npy_counter = 0
        self.file = open(filename, "wb") if not compress else __import__("io").BytesIO()
        super().__init__(self.file, protocol=protocol if protocol is not None else pickle.HIGHEST_PROTOCOL)

    def _write_array(self, array, filename):
        if not self.compress:
            np.save(filename, array)
            container = compat.NDArrayWrapper(os.path.basename(filename), type(array),
                                              allow_mmap=not array.dtype.hasobject)
        else:
            filename += ".z"
            _, init_args, state = array.__reduce__()
            with open(filename, "wb") as zfile:
                compat.write_zfile(zfile, state[-1], compress=self.compress)
            container = compat.ZNDArrayWrapper(os.path.basename(filename), init_args, state[:-1])
        return container

    def save(self, obj, save_persistent_id=True):
        if type(obj) in (np.ndarray, np.matrix, np.memmap):
            if self.compress and obj.size * obj.itemsize < self.cache_size * MEGA:
                return super().save(obj, save_persistent_id)
            self._npy_counter += 1
            obj = self._write_array(obj, "%s_%02i.npy" % (self._filename, self._npy_counter))
        return super().save(obj, save_persistent_id)

    def close(self):
        if self.compress:
            with open(self._filename, "wb") as zfile:
                compat.write_zfile(zfile, self.file.getvalue(), self.compress)
        else:
            self.file.close()


def dump(value, filename, legacy_module, **kw):
    # the records carry the module name the writing joblib had: joblib 0.9 had them in
    # joblib.numpy_pickle (still importable there), today's in numpy_pickle_compat
    for cls in (compat.NDArrayWrapper, compat.ZNDArrayWrapper):
        cls.__module__ = legacy_module
    p = LegacyPickler(filename, **kw)
    p.dump(value)
    p.close()


rng = np.random.RandomState(0)
X = rng.rand(30, 4)
y = (X[:, 0] > 0.5).astype(int)
model = LogisticRegression().fit(X, y)
labels = LabelEncoder().fit(["cat", "dog", "bird"])  # classes_ is an object array
state = {"weights": np.arange(12, dtype=np.float32).reshape(3, 4), "bias": np.zeros(3),
         "steps": np.arange(5, dtype=np.int64), "name": "tiny", "matrix": np.matrix([[1, 2], [3, 4]])}

DUMPS = [
    # name, value, module of the records, options
    ("logreg_joblib09_p2", model, "joblib.numpy_pickle", dict(protocol=2)),
    ("logreg_p5", model, "joblib.numpy_pickle_compat", dict()),
    ("label_encoder_object_array_p2", labels, "joblib.numpy_pickle", dict(protocol=2)),
    ("state_dict_p0", state, "joblib.numpy_pickle", dict(protocol=0)),
    ("state_dict_compress3_cache0", state, "joblib.numpy_pickle", dict(compress=3, cache_size=0)),
    ("state_dict_compress1_cache10", state, "joblib.numpy_pickle", dict(compress=1, cache_size=10)),
    ("logreg_compress9_cache0_p2", model, "joblib.numpy_pickle", dict(compress=9, cache_size=0, protocol=2)),
]


def same(a, b):
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, np.ndarray):
        return type(a) is type(b) and a.dtype == b.dtype and np.array_equal(a, b)
    if hasattr(a, "__dict__"):
        return same(vars(a), vars(b))
    return a == b


for name, value, module, kw in DUMPS:
    d = os.path.join(out, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    dump(value, os.path.join(d, "model.pkl"), module, **kw)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # joblib warns that the format is deprecated
        back = joblib.load(os.path.join(d, "model.pkl"))
    assert same(value, back), name
    companions = sorted(os.listdir(d))
    assert len(companions) > 1 or kw.get("cache_size") == 10, (name, companions)
    print(name, companions)
