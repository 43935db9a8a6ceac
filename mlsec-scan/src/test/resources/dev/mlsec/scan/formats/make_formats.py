#!/usr/bin/python3
"""Writes the benign fixtures of the archive and compression formats the loaders accept.

Run with Debian's interpreter (apt-get install python3-joblib python3-lz4 python3-py7zr
python3-sklearn): /usr/bin/python3 make_formats.py [DIR]. Every file is loaded back with the
library that reads it in real life, so the fixtures are what users really have. Output is
deterministic (fixed seeds, fixed zip timestamps) so re-running changes nothing.
"""
import io
import os
import pickle
import sys
import tempfile
import zipfile
import zlib

import joblib
import lz4.frame
import numpy as np
import py7zr
from sklearn.linear_model import LogisticRegression

out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
os.makedirs(out, exist_ok=True)


def path(name):
    return os.path.join(out, name)


rng = np.random.RandomState(0)
X = rng.rand(20, 3)
y = (X[:, 0] > 0.5).astype(int)
model = LogisticRegression().fit(X, y)
state = {"weights": np.arange(12, dtype=np.float32).reshape(3, 4), "name": "tiny", "epochs": 3}

# joblib with lz4 (lz4.frame), default level and level 3
for name, compress in (("joblib_lz4.joblib", "lz4"), ("joblib_lz4_level3.joblib", ("lz4", 3))):
    joblib.dump(model, path(name), compress=compress)
    assert joblib.load(path(name)).coef_.shape == (1, 3)

# a pickle in an lz4 frame, as lz4.frame.open writes it (pandas to_pickle has no lz4; users do this)
with lz4.frame.open(path("pickle_lz4_frame.pkl.lz4"), "wb") as f:
    pickle.dump(state, f, protocol=4)

# joblib's legacy 'ZF' format (joblib < 0.10): 'ZF', hex length padded to 19, zlib data
payload = pickle.dumps(state, protocol=2)
with open(path("joblib_legacy_zf.pkl"), "wb") as f:
    f.write(b"ZF" + ("{:#x}".format(len(payload))).ljust(19).encode() + zlib.compress(payload, 3))
assert joblib.load(path("joblib_legacy_zf.pkl"))["name"] == "tiny"


def fixed(name):
    return zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))


torch_like = pickle.dumps({"epoch": 1, "lr": 0.01}, protocol=2)

# ZIP64: every entry forced to carry zip64 sizes (local and central)
with zipfile.ZipFile(path("zip64_forced.zip"), "w") as z:
    for n, data in (("archive/data.pkl", torch_like), ("archive/version", b"3\n")):
        with z.open(fixed(n), "w", force_zip64=True) as w:
            w.write(data)
with zipfile.ZipFile(path("zip64_forced.zip")) as z:
    assert z.read("archive/data.pkl") == torch_like

# data descriptors: written to an unseekable stream, sizes and CRC follow each entry's data
class Unseekable(io.RawIOBase):
    def __init__(self):
        self.buf = bytearray()

    def writable(self):
        return True

    def write(self, b):
        self.buf += b
        return len(b)


for name, method in (("zip_data_descriptor_stored.zip", zipfile.ZIP_STORED),
                     ("zip_data_descriptor_deflated.zip", zipfile.ZIP_DEFLATED)):
    sink = Unseekable()
    with zipfile.ZipFile(sink, "w", compression=method) as z:
        with z.open(fixed("archive/data.pkl"), "w") as w:
            w.write(torch_like)
        z.writestr(fixed("archive/version"), b"3\n")
    with open(path(name), "wb") as f:
        f.write(bytes(sink.buf))
    with zipfile.ZipFile(path(name)) as z:
        assert z.infolist()[0].flag_bits & 0x08
        assert z.read("archive/data.pkl") == torch_like

# 7z archives (the nullifAI samples were 7z'd PyTorch files): LZMA2, and a solid archive of two
for name, files in (("seven_zip_pickle.7z", {"model.pkl": torch_like}),
                    ("seven_zip_solid_two.7z", {"a.pkl": torch_like,
                                                "b.joblib": open(path("joblib_lz4.joblib"), "rb").read()})):
    with tempfile.TemporaryDirectory() as tmp, py7zr.SevenZipFile(path(name), "w") as z:
        for n, data in files.items():
            src = os.path.join(tmp, n)
            with open(src, "wb") as f:
                f.write(data)
            os.utime(src, (1704067200, 1704067200))  # fixed times: same bytes on every run
            z.write(src, n)
    with py7zr.SevenZipFile(path(name), "r") as z:
        assert sorted(z.getnames()) == sorted(files)
print("wrote", len(os.listdir(out)), "files to", out)
