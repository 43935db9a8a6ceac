#!/usr/bin/python3
"""Writes Keras models whose config holds a TorchModuleWrapper layer, in both containers.

Keras is not packaged by Debian, so the files are built here following the published source
(keras-team/keras, master of 2026-08): TorchModuleWrapper.get_config
(keras/src/utils/torch_utils.py) stores `base64.b64encode(torch.save(module)).decode("ascii")`
under config "module", and from_config `torch.load(..., weights_only=False)`s it once safe mode
is off; Keras 3.0-3.10 stored the raw bytes, which serialization_lib writes as
{"class_name": "__bytes__", "config": {"value": bytes.decode("utf-8")}} (legacy h5:
{"class_name": "__bytes__", "value": ...}, legacy/saving/json_utils.py). The .keras zip is
saving_lib's layout (metadata.json, config.json, model.weights.h5); the legacy .h5 is
legacy_h5_format.save_model_to_hdf5's (root attributes keras_version, backend, model_config as
json.dumps(...).encode("utf8"), group model_weights).

The torch payloads are real torch.save output of Debian's torch. The adversarial ones pickle an
object whose __reduce__ names os.system; nothing here ever loads them.

    /usr/bin/python3 make_keras_torch.py [DIR]

Deterministic: fixed seed, fixed zip timestamps, fixed metadata dates.
"""
import base64
import io
import json
import os
import pickle
import sys
import tempfile
import zipfile

import h5py
import numpy as np
import torch

out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
os.makedirs(out, exist_ok=True)
KERAS_VERSION = "3.11.3"
DATE = (2025, 9, 1, 0, 0, 0)


class Payload:
    """Pickles as posix.system('...'): what a hostile module would run on torch.load."""

    def __reduce__(self):
        return os.system, ("echo mlsec-fixture-not-run",)


def torch_bytes(obj, zip_format=True):
    b = io.BytesIO()
    torch.save(obj, b, _use_new_zipfile_serialization=zip_format)
    return b.getvalue()


torch.manual_seed(0)
benign_module = torch.nn.Sequential(torch.nn.Linear(4, 2), torch.nn.ReLU())
evil_module = {"module": benign_module, "hook": Payload()}


def wrapper(name, module_value):
    # Layer.get_config + TorchModuleWrapper.get_config, serialized by serialize_keras_object
    return {
        "module": "keras.layers",
        "class_name": "TorchModuleWrapper",
        "config": {
            "name": name,
            "trainable": True,
            "dtype": {"module": "keras", "class_name": "DTypePolicy",
                      "config": {"name": "float32"}, "registered_name": None},
            "module": module_value,
            "output_shape": None,
        },
        "registered_name": None,
        "build_config": {"input_shape": [None, 4]},
    }


def b64(data):
    return base64.b64encode(data).decode("ascii")


def sequential(layers):
    return {
        "module": "keras",
        "class_name": "Sequential",
        "config": {
            "name": "sequential",
            "trainable": True,
            "dtype": {"module": "keras", "class_name": "DTypePolicy",
                      "config": {"name": "float32"}, "registered_name": None},
            "layers": [{"module": "keras.layers", "class_name": "InputLayer",
                        "config": {"batch_shape": [None, 4], "dtype": "float32",
                                   "sparse": False, "name": "input_layer"},
                        "registered_name": None}] + layers,
            "build_input_shape": [None, 4],
        },
        "registered_name": None,
        "build_config": {"input_shape": [None, 4]},
    }


def h5_bytes(fill):
    with tempfile.TemporaryDirectory() as d:
        p = os.path.join(d, "f.h5")
        with h5py.File(p, "w") as f:
            fill(f)
        with open(p, "rb") as fh:
            return fh.read()


def weights(f):
    # the weights file saving_lib writes: layers/<name>/vars/<i>
    v = f.create_group("layers").create_group("torch_module_wrapper").create_group("vars")
    v.create_dataset("0", data=np.zeros((2, 4), np.float32))
    v.create_dataset("1", data=np.zeros((2,), np.float32))


def keras_zip(name, config):
    with zipfile.ZipFile(os.path.join(out, name), "w", zipfile.ZIP_STORED) as z:
        for member, data in (
                ("metadata.json", json.dumps({"keras_version": KERAS_VERSION,
                                              "date_saved": "2025-09-01@00:00:00"})),
                ("config.json", json.dumps(config)),
                ("model.weights.h5", h5_bytes(weights))):
            z.writestr(zipfile.ZipInfo(member, DATE), data)


def legacy(config):
    """What use_legacy_config=True writes: {"class_name", "config"} without module keys."""
    if isinstance(config, list):
        return [legacy(c) for c in config]
    if not isinstance(config, dict):
        return config
    if "class_name" in config and "config" in config and "module" in config:
        return {"class_name": config["class_name"], "config": legacy(config["config"])}
    return {k: legacy(v) for k, v in config.items()}


def legacy_h5(name, config, convert=True):
    def fill(f):
        f.attrs["keras_version"] = KERAS_VERSION
        f.attrs["backend"] = "torch"
        f.attrs["model_config"] = json.dumps(legacy(config) if convert else config).encode("utf8")
        f.create_group("model_weights")
    with open(os.path.join(out, name), "wb") as fh:
        fh.write(h5_bytes(fill))


benign = wrapper("torch_module_wrapper", b64(torch_bytes(benign_module)))
evil = wrapper("torch_module_wrapper", b64(torch_bytes(evil_module)))
# Python's b64decode (not validating) drops what is outside the alphabet: newlines still load
evil_wrapped = wrapper("torch_module_wrapper",
                       "\n".join(b64(torch_bytes(evil_module))[i:i + 76]
                                 for i in range(0, len(b64(torch_bytes(evil_module))), 76)))
# the legacy (non-zip) torch.save stream; no tensors, whose storage keys are memory addresses
evil_legacy = wrapper("torch_module_wrapper", b64(torch_bytes({"hook": Payload()}, zip_format=False)))
# Keras 3.0-3.10 passed the raw bytes; a protocol-0 pickle is valid UTF-8 and torch.load of a
# non-zip stream unpickles it at once
raw = pickle.dumps(Payload(), protocol=0).decode("ascii")
evil_bytes_v3 = wrapper("torch_module_wrapper", {"class_name": "__bytes__", "config": {"value": raw}})
evil_bytes_h5 = wrapper("torch_module_wrapper", {"class_name": "__bytes__", "value": raw})
not_base64 = wrapper("torch_module_wrapper", "this is not base64!=")
in_wrapper = {"module": "keras.layers", "class_name": "TimeDistributed",
              "config": {"name": "td", "layer": evil}, "registered_name": None}

keras_zip("benign_torch_module_wrapper.keras", sequential([benign]))
legacy_h5("benign_torch_module_wrapper.h5", sequential([benign]))
keras_zip("torch_module_wrapper_system.keras", sequential([evil]))
legacy_h5("torch_module_wrapper_system.h5", sequential([evil]))
keras_zip("torch_module_wrapper_wrapped_base64.keras", sequential([evil_wrapped]))
keras_zip("torch_module_wrapper_legacy_torch.keras", sequential([evil_legacy]))
legacy_h5("torch_module_wrapper_in_timedistributed.h5", sequential([in_wrapper]))
keras_zip("torch_module_wrapper_bytes_value.keras", sequential([evil_bytes_v3]))
legacy_h5("torch_module_wrapper_bytes_value.h5", sequential([evil_bytes_h5]))
keras_zip("torch_module_wrapper_not_base64.keras", sequential([not_base64]))
# json.loads does not care about key order: the outer object need not start with class_name
legacy_h5("torch_module_wrapper_module_key_first.h5", sequential([evil]), convert=False)
