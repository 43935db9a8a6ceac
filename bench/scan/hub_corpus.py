#!/usr/bin/python3
"""Writes the second peer corpus: distinct model files of the sizes people publish (not the
kilobyte fixtures of the benign corpus), made by the real libraries, and DIR/mixed-hub with 1,000
names hard-linked to them round-robin by weight (hard links: the scanners read 1,000 paths, the
disk holds the distinct files once).

  /usr/bin/python3 bench/scan/hub_corpus.py DIR

Composition (weights out of 20): PyTorch state dicts and a checkpoint (zip, 0.3-36 MB) 6,
safetensors (header + tensors, 4 and 42 MB) 3, scikit-learn pickles and joblib dumps (a 100-tree
random forest, a pipeline, a logistic regression) 5, pandas DataFrame pickles 2, numpy .npy 2,
xgboost 2. Deterministic: fixed seeds, frozen clock.
"""
import io
import json
import os
import pickle
import struct
import sys
import time

import joblib
import numpy as np
import pandas as pd
import torch
import xgboost
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

time.time = lambda: 1577836800.0
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = np.random.RandomState(0)
torch.manual_seed(0)
X = rng.rand(4000, 20)
y = (X[:, 0] + X[:, 1] > 1).astype(int)
files = []  # (name, weight)


def put(name, data, weight):
    with open(os.path.join(out, name), "wb") as fh:
        fh.write(data)
    files.append((name, weight))


def mlp(widths):
    layers = []
    for a, b in zip(widths, widths[1:]):
        layers += [torch.nn.Linear(a, b), torch.nn.ReLU()]
    return torch.nn.Sequential(*layers)


for name, widths, weight in (("mlp_1m", [784, 1024, 256, 10], 2), ("mlp_11m", [1024, 2048, 2048, 1024, 512], 2),
                             ("cnn_small", None, 1)):
    net = mlp(widths) if widths else torch.nn.Sequential(
        torch.nn.Conv2d(3, 64, 3), torch.nn.BatchNorm2d(64), torch.nn.Conv2d(64, 128, 3), torch.nn.Flatten(),
        torch.nn.Linear(128 * 4, 10))
    buf = io.BytesIO()
    torch.save(net.state_dict(), buf)
    put("torch_%s_state_dict.pt" % name, buf.getvalue(), weight)
net = mlp([512, 1024, 512, 10])
opt = torch.optim.Adam(net.parameters())
net(torch.ones(1, 512)).sum().backward()
opt.step()
buf = io.BytesIO()
torch.save({"model": net.state_dict(), "optimizer": opt.state_dict(), "epoch": 10}, buf)
put("torch_checkpoint_adam.pt", buf.getvalue(), 1)


def safetensors(tensors):
    header, blobs, off = {}, [], 0
    for k, a in tensors.items():
        b = a.astype("<f4").tobytes()
        header[k] = {"dtype": "F32", "shape": list(a.shape), "data_offsets": [off, off + len(b)]}
        blobs.append(b)
        off += len(b)
    h = json.dumps(header, sort_keys=True).encode()
    h += b" " * (-len(h) % 8)
    return struct.pack("<Q", len(h)) + h + b"".join(blobs)


put("weights_4m.safetensors", safetensors({"w%d" % i: rng.rand(256, 1024) for i in range(4)}), 2)
put("weights_40m.safetensors", safetensors({"w%d" % i: rng.rand(1024, 1024) for i in range(10)}), 1)
forest = RandomForestClassifier(n_estimators=100, random_state=0).fit(X, y)
put("sklearn_random_forest_100.pkl", pickle.dumps(forest, protocol=5), 1)
tmp = os.path.join(out, ".tmp")
joblib.dump(forest, tmp, compress=3)
put("sklearn_random_forest_100_zlib.joblib", open(tmp, "rb").read(), 1)
pipe = make_pipeline(StandardScaler(), LogisticRegression()).fit(X, y)
put("sklearn_pipeline.pkl", pickle.dumps(pipe, protocol=4), 2)
joblib.dump(pipe, tmp)
put("sklearn_pipeline.joblib", open(tmp, "rb").read(), 1)
os.remove(tmp)
frame = pd.DataFrame({"id": np.arange(50000), "x": rng.rand(50000),
                      "cat": pd.Categorical(rng.choice(list("abcd"), 50000)),
                      "t": pd.date_range("2024", periods=50000, freq="min")})
put("pandas_frame_50k.pkl", pickle.dumps(frame, protocol=5), 2)
buf = io.BytesIO()
np.save(buf, rng.rand(1000, 1000).astype(np.float32))
put("embeddings_4m.npy", buf.getvalue(), 2)
booster = xgboost.XGBClassifier(n_estimators=200, max_depth=6).fit(X, y)
put("xgboost_200_trees.pkl", pickle.dumps(booster, protocol=5), 2)

total = sum(w for _, w in files)
order = [n for n, w in files for _ in range(w)]
mixed = os.path.join(out, "mixed-hub")
os.makedirs(mixed, exist_ok=True)
for i in range(1000):
    n = order[i % len(order)]
    link = os.path.join(mixed, "%04d_%s" % (i, n))
    if os.path.exists(link):
        os.remove(link)
    os.link(os.path.join(out, n), link)
size = sum(os.path.getsize(os.path.join(mixed, f)) for f in os.listdir(mixed))
print("%d distinct files, weights %d; mixed-hub: 1000 files, %.0f MB" % (len(files), total, size / 1e6))
