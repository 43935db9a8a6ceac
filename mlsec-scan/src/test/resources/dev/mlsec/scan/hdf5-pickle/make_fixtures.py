#!/usr/bin/python3
"""HDF5 files with pickles kept as raw bytes (h5py 3.7, numpy 1.24; Debian's /usr/bin/python3).

    /usr/bin/python3 make_fixtures.py     # writes the .h5 files next to this script

Nothing is ever unpickled: the hostile pickles are made with pickle.dumps of an object whose
__reduce__ names os.system (dumping does not call it); the payload is a harmless echo.
"""
import os
import pickle

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


class Hostile:
    def __reduce__(self):
        return (os.system, ("echo mlsec-h5-pickle",))


def write(name, fill):
    with h5py.File(os.path.join(HERE, name), "w", track_order=True) as f:
        fill(f)


def benign_numeric(f):
    d = f.create_dataset("weights", data=np.arange(4096, dtype="<f8").reshape(64, 64) * 0.37)
    d.attrs["scale"] = np.float64(0.125)
    d.attrs["shape_hint"] = np.array([64, 64], dtype="<i8")
    d.attrs["name"] = "dense_1"
    f.attrs["backend"] = "tensorflow"
    f.attrs["ints"] = np.arange(256, dtype="<u1")  # every byte value, 0x80 included
    f.create_dataset("bytes_like", data=np.frombuffer(bytes(range(256)) * 16, dtype="u1"))


def benign_pickle_attr(f):
    # a pickle of plain data in an opaque attribute: still a pickle, but of builtins only
    f.create_dataset("x", data=np.zeros(8))
    f.attrs["meta"] = np.void(pickle.dumps({"epochs": 3, "classes": ["a", "b"]}, protocol=4))


def hostile_opaque_attr(f):
    f.create_dataset("x", data=np.zeros(8))
    f.attrs["training_state"] = np.void(pickle.dumps(Hostile(), protocol=4))


def hostile_bytes_attr_p2(f):
    f.create_dataset("x", data=np.zeros(8))
    f.attrs["blob"] = np.frombuffer(pickle.dumps(Hostile(), protocol=2), dtype="u1")


def hostile_vlen_dataset_p5(f):
    dt = h5py.vlen_dtype(np.dtype("uint8"))
    ds = f.create_dataset("objects", (2,), dtype=dt)
    ds[0] = np.frombuffer(pickle.dumps([1, 2, 3], protocol=5), dtype="u1")
    ds[1] = np.frombuffer(pickle.dumps(Hostile(), protocol=5), dtype="u1")


for name, fill in [
    ("benign_numeric.h5", benign_numeric),
    ("benign_pickle_attr.h5", benign_pickle_attr),
    ("hostile_opaque_attr_p4.h5", hostile_opaque_attr),
    ("hostile_bytes_attr_p2.h5", hostile_bytes_attr_p2),
    ("hostile_vlen_dataset_p5.h5", hostile_vlen_dataset_p5),
]:
    write(name, fill)
