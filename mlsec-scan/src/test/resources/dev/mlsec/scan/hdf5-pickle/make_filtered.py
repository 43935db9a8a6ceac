#!/usr/bin/python3
"""HDF5 files with pickles of protocols 0 and 1 and pickles in gzip/shuffle-filtered chunked
datasets, as h5py 3.7 writes them (Debian's /usr/bin/python3).

    /usr/bin/python3 make_filtered.py     # writes the filtered_*.h5 files next to this script

The pickles are assembled here opcode by opcode (nothing is pickled or unpickled); the hostile
ones name os.system with a harmless echo and are never loaded.
"""
import os

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

# protocol 0: text opcodes (GLOBAL, MARK, STRING, TUPLE, REDUCE)
P0_EVIL = b"cos\nsystem\n(S'echo mlsec-h5-p0'\ntR."
# protocol 1: binary opcodes without PROTO (GLOBAL, BINPUT, MARK, SHORT_BINSTRING, TUPLE, REDUCE)
P1_EVIL = b"cos\nsystem\nq\x00(U\x10echo mlsec-h5-p1q\x01tq\x02Rq\x03."
# protocol 1 list whose second item is the call: the GLOBAL is not at the start
P1_LIST_EVIL = b"]q\x00(K\x01cos\nsystem\nq\x01(U\x02idq\x02tq\x03Rq\x04e."
# protocol 4 (PROTO, FRAME, STACK_GLOBAL)
_BODY = (b"\x8c\x02os\x94\x8c\x06system\x94\x93\x94\x8c\x10echo mlsec-h5-p4\x94\x85\x94R\x94.")
P4_EVIL = b"\x80\x04\x95" + len(_BODY).to_bytes(8, "little") + _BODY
# plain data, protocols 0 and 4: a dict of builtins
P0_PLAIN = b"(dp0\nVepochs\np1\nI3\nsVname\np2\nVdense\np3\ns."
_PB = b"}\x94(\x8c\x06epochs\x94K\x03\x8c\x04name\x94\x8c\x05dense\x94u."
P4_PLAIN = b"\x80\x04\x95" + len(_PB).to_bytes(8, "little") + _PB


def u8(b):
    return np.frombuffer(b, dtype="u1")


def write(name, fill):
    # no group and no timestamps (track_times=False on every dataset): the same bytes every run
    fcpl = h5py.h5p.create(h5py.h5p.FILE_CREATE)
    fcpl.set_obj_track_times(False)  # the root group's times
    fid = h5py.h5f.create(os.path.join(HERE, name).encode(), h5py.h5f.ACC_TRUNC, fcpl=fcpl)
    with h5py.File(fid) as f:
        fill(f)


def weights(f, compression):
    # Keras-like weights: float32 kernels and biases, chunked and filtered when compression is set
    rng = np.random.RandomState(0)
    kw = {"compression": compression, "shuffle": True} if compression else {}
    f.create_dataset("dense_kernel:0", data=rng.rand(64, 32).astype("<f4"), track_times=False, **kw)
    f.create_dataset("dense_bias:0", data=rng.rand(32).astype("<f4"), track_times=False, **kw)
    f.attrs["backend"] = "tensorflow"


CASES = {
    # protocol 0 and 1 pickles kept as bytes in attributes and datasets
    "filtered_hostile_p0_opaque_attr.h5": lambda f: (weights(f, None), f.attrs.__setitem__("state", np.void(P0_EVIL))),
    "filtered_hostile_p0_str_attr.h5": lambda f: (weights(f, None), f.attrs.__setitem__("state", P0_EVIL.decode())),
    "filtered_hostile_p1_u8_attr.h5": lambda f: (weights(f, None), f.attrs.__setitem__("state", u8(P1_EVIL))),
    "filtered_hostile_p1_list_dataset.h5": lambda f: (weights(f, None), f.create_dataset("state", data=u8(P1_LIST_EVIL), track_times=False)),
    # pickles in deflate (gzip) filtered chunked datasets, with and without shuffle
    "filtered_hostile_gzip_p4.h5": lambda f: (weights(f, "gzip"), f.create_dataset("state", data=u8(P4_EVIL), compression="gzip", track_times=False)),
    "filtered_hostile_gzip_shuffle_p4.h5": lambda f: (weights(f, "gzip"), f.create_dataset("state", data=u8(P4_EVIL), compression="gzip", shuffle=True, track_times=False)),
    "filtered_hostile_gzip_p0.h5": lambda f: (weights(f, "gzip"), f.create_dataset("state", data=u8(P0_EVIL), compression="gzip", compression_opts=9, track_times=False)),
    "filtered_hostile_gzip_p1.h5": lambda f: (weights(f, "gzip"), f.create_dataset("state", data=u8(P1_EVIL), compression="gzip", shuffle=True, track_times=False)),
    # benign: filtered weights, plain-data pickles in every form
    "filtered_benign_gzip_weights.h5": lambda f: weights(f, "gzip"),
    "filtered_benign_gzip_plain_pickles.h5": lambda f: (
        weights(f, "gzip"),
        f.create_dataset("meta_p4", data=u8(P4_PLAIN), compression="gzip", shuffle=True, track_times=False),
        f.create_dataset("meta_p0", data=u8(P0_PLAIN), compression="gzip", track_times=False),
        f.attrs.__setitem__("meta_p0", np.void(P0_PLAIN))),
    "filtered_benign_gzip_random_bytes.h5": lambda f: (
        weights(f, "gzip"),
        f.create_dataset("noise", data=np.random.RandomState(1).randint(0, 256, 65536).astype("u1"), compression="gzip", chunks=(4096,), track_times=False)),
}

for name, fill in CASES.items():
    write(name, fill)
    with h5py.File(os.path.join(HERE, name), "r") as f:  # read back: h5py accepts what it wrote
        f.visit(lambda n: None)
