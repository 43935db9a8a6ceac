#!/usr/bin/python3
"""HDF5 files whose chunked datasets pass through filters other than gzip/shuffle: h5py's lzf,
PyTables' blosc and lzo (pandas HDFStore complib), a filter id no library registers, and shuffle
of wide elements. h5py 3.7, PyTables 3.7, pandas 1.5 (Debian's /usr/bin/python3 with
python3-h5py, python3-tables, python3-pandas).

    /usr/bin/python3 make_pipelines.py     # writes the pipeline_*.h5 files next to this script

The pickles are assembled opcode by opcode as in make_filtered.py (nothing is pickled or
unpickled); the hostile ones name os.system with a harmless echo and are never loaded.
"""
import os
import warnings

import h5py
import numpy as np
import pandas as pd
import tables

HERE = os.path.dirname(os.path.abspath(__file__))

_BODY = b"\x8c\x02os\x94\x8c\x06system\x94\x93\x94\x8c\x10echo mlsec-h5-p4\x94\x85\x94R\x94."
P4_EVIL = b"\x80\x04\x95" + len(_BODY).to_bytes(8, "little") + _BODY
P0_EVIL = b"cos\nsystem\n(S'echo mlsec-h5-p0'\ntR."
_PB = b"}\x94(\x8c\x06epochs\x94K\x03\x8c\x04name\x94\x8c\x05dense\x94u."
P4_PLAIN = b"\x80\x04\x95" + len(_PB).to_bytes(8, "little") + _PB
# an id no library registers: HDF5 keeps it in the pipeline, nothing can read the chunk
UNKNOWN_FILTER = 32777


def u8(b):
    return np.frombuffer(b, dtype="u1")


def path(name):
    return os.path.join(HERE, name)


def h5(name, fill):
    fcpl = h5py.h5p.create(h5py.h5p.FILE_CREATE)
    fcpl.set_obj_track_times(False)
    fid = h5py.h5f.create(path(name).encode(), h5py.h5f.ACC_TRUNC, fcpl=fcpl)
    with h5py.File(fid) as f:
        fill(f)


def weights(f, compression):
    # Keras-like float32 kernels and biases
    rng = np.random.RandomState(0)
    f.create_dataset("dense_kernel:0", data=rng.rand(64, 32).astype("<f4"), compression=compression, shuffle=True, track_times=False)
    f.create_dataset("dense_bias:0", data=rng.rand(32).astype("<f4"), compression=compression, track_times=False)
    f.attrs["backend"] = "tensorflow"


def raw_chunks(f, name, data, filter_id, chunk):
    # a chunked dataset whose pipeline holds filter_id; its chunks are written as they are
    # (write_direct_chunk bypasses the pipeline, so the filter need not exist)
    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
    dcpl.set_chunk((chunk,))
    dcpl.set_filter(filter_id, h5py.h5z.FLAG_OPTIONAL, ())
    dcpl.set_obj_track_times(False)
    space = h5py.h5s.create_simple((-(-len(data) // chunk) * chunk,))
    dsid = h5py.h5d.create(f.id, name.encode(), h5py.h5t.STD_U8LE, space, dcpl=dcpl)
    for i in range(0, len(data), chunk):
        part = bytes(data[i:i + chunk]).ljust(chunk, b"\0")
        dsid.write_direct_chunk((i,), xor(part), 0)


def xor(b):
    # what the unregistered filter "does": the pickle is not readable as it is stored
    return bytes(x ^ 0x5A for x in b)


def vlen(b):
    a = np.empty(1, dtype=h5py.vlen_dtype("u1"))
    a[0] = u8(b)
    return a


def opaque(b):
    return np.array([np.void(b)])


H5PY = {
    # pickles in lzf chunks: one uint8 array, one opaque element (lzf keeps literals: the raw bytes
    # hold pieces of the pickle)
    "pipeline_hostile_lzf_u8_p4.h5": lambda f: (weights(f, "lzf"), f.create_dataset("state", data=u8(P4_EVIL * 40), compression="lzf", track_times=False)),
    "pipeline_hostile_lzf_opaque_p0.h5": lambda f: (weights(f, "lzf"), f.create_dataset("state", data=opaque(P0_EVIL * 4), chunks=(1,), compression="lzf", track_times=False)),
    # a vlen dataset's chunks hold global heap ids; the pickle bytes sit in the (unfiltered) heap
    "pipeline_hostile_lzf_vlen_p4.h5": lambda f: (weights(f, "lzf"), f.create_dataset("state", data=vlen(P4_EVIL), chunks=(1,), compression="lzf", track_times=False)),
    # a pickle in the chunks of a filter nothing registers
    "pipeline_hostile_unknown_filter.h5": lambda f: (weights(f, "lzf"), raw_chunks(f, "state", P4_EVIL, UNKNOWN_FILTER, 256)),
    # a pickle spread over the 16-byte elements of a string dataset (b''.join(ds[:]) reads it),
    # shuffled by element and deflated: the deflated bytes are planes of the pickle, not the pickle
    "pipeline_hostile_shuffle_wide_p4.h5": lambda f: (weights(f, "gzip"), f.create_dataset("state", data=np.frombuffer(P4_EVIL.ljust(16 * (len(P4_EVIL) // 16 + 1), b"\0"), dtype="S16"), compression="gzip", shuffle=True, track_times=False)),
    # benign: lzf weights, lzf noise, lzf plain-data pickle, float data behind an unknown filter
    "pipeline_benign_lzf_weights.h5": lambda f: weights(f, "lzf"),
    "pipeline_benign_lzf_noise_and_plain_pickle.h5": lambda f: (
        weights(f, "lzf"),
        f.create_dataset("noise", data=np.random.RandomState(1).randint(0, 256, 65536).astype("u1"), compression="lzf", chunks=(4096,), track_times=False),
        f.create_dataset("meta_p4", data=u8(P4_PLAIN), compression="lzf", track_times=False)),
}


def unknown_floats(f):
    # float32 values behind a filter nothing registers: no pickle can be in a float array
    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
    dcpl.set_chunk((64,))
    dcpl.set_filter(UNKNOWN_FILTER, h5py.h5z.FLAG_OPTIONAL, ())
    dcpl.set_obj_track_times(False)
    dsid = h5py.h5d.create(f.id, b"kernel", h5py.h5t.IEEE_F32LE, h5py.h5s.create_simple((256,)), dcpl=dcpl)
    for i in range(0, 256, 64):
        dsid.write_direct_chunk((i,), np.arange(i, i + 64, dtype="<f4").tobytes(), 0)


H5PY["pipeline_benign_unknown_filter_floats.h5"] = lambda f: (weights(f, None), unknown_floats(f))


def frames():
    rng = np.random.RandomState(2)
    # column names as people write them: the fixed format keeps them in string arrays
    floats = pd.DataFrame(rng.rand(200, 4), columns=["amount_usd", "balance", "risk_score", "age_days"])
    mixed = pd.DataFrame({
        "amount_usd": rng.rand(50),
        "customer_name": ["customer-%04d" % i for i in range(50)],
        "created_at": pd.date_range("2024-01-01", periods=50, freq="H"),
        "visits": np.arange(50),
    })
    return floats, mixed


def pandas_store(name, complib, fmt):
    floats, mixed = frames()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pd.HDFStore(path(name), mode="w", complevel=5, complib=complib) as st:
            st.put("floats", floats, format=fmt)
            if fmt == "table":  # fixed keeps object columns in an unfiltered 1 MB VLArray chunk
                st.put("mixed", mixed, format=fmt, data_columns=["customer_name"])


def tables_pickle(name, complib, data):
    # a pickle kept in a compressed uint8 CArray, as PyTables writes it
    with tables.open_file(path(name), "w") as t:
        arr = t.create_carray("/", "state", tables.UInt8Atom(), shape=(len(data),), filters=tables.Filters(5, complib))
        arr[:] = u8(data)


def layered(f, hostile):
    # more than 8 links in a group: kept in a fractal heap (dense link storage)
    for i in range(12):
        f.create_dataset("layer%02d" % i, data=np.full(16, i, "<f4"), track_times=False)
    data = P4_EVIL * 40 if hostile else np.random.RandomState(3).bytes(2040)
    f.create_dataset("state", data=u8(data), chunks=(512,), compression="lzf", track_times=False)


def dense(name, **kw):
    with h5py.File(path(name), "w", **kw) as f:
        layered(f, "hostile" in name)


if __name__ == "__main__":
    # track_order=True: dense links, version 1 headers; libver='latest': version 2 headers and a
    # fixed array chunk index
    dense("pipeline_hostile_dense_links_lzf_p4.h5", track_order=True)
    dense("pipeline_hostile_latest_fixed_array_lzf_p4.h5", libver="latest")
    dense("pipeline_benign_latest_dense_lzf_noise.h5", libver="latest")
    for name, fill in H5PY.items():
        h5(name, fill)
    for complib in ("blosc", "lzo"):
        for fmt in ("fixed", "table"):
            pandas_store("pipeline_benign_pandas_%s_%s.h5" % (complib, fmt), complib, fmt)
    # blosc keeps a short buffer as it is (memcpyed); 40 copies are compressed
    tables_pickle("pipeline_hostile_tables_blosc_u8.h5", "blosc", P4_EVIL)
    for complib in ("blosc:blosclz", "blosc:lz4", "blosc:zlib", "blosc:snappy", "blosc:zstd", "lzo", "bzip2"):
        tables_pickle("pipeline_hostile_tables_%s_u8.h5" % complib.replace(":", "_"), complib, P4_EVIL * 40)
    for name in sorted(os.listdir(HERE)):
        if name.startswith("pipeline_"):
            with h5py.File(path(name), "r") as f:  # read back: h5py accepts what it wrote
                f.visit(lambda n: None)
