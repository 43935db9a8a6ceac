"""Writes Keras 3 models saved by REAL Keras (benign and hostile) for KerasRealFixturesTest.

How to run (the versions the committed files were made with; any other version writes other
bytes and may write other configs, so regenerate only on purpose and review the diff):

    /root/.pyenv/versions/3.11.7/bin/python3 -m venv /tmp/keras8/venv
    /tmp/keras8/venv/bin/pip install --no-index --find-links /opt/pypi/files keras tensorflow-cpu
    #   -> keras 3.15.1, tensorflow-cpu 2.21.0, h5py 3.14.0, numpy 2.4.6 (CPython 3.11.7)
    TF_CPP_MIN_LOG_LEVEL=3 /tmp/keras8/venv/bin/python mlsec-scan/tools/keras/make_keras.py [DIR]

DIR defaults to mlsec-scan/src/test/resources/dev/mlsec/scan/keras-real/. It gets one file per
case and MANIFEST.tsv (file, expected verdict, expected rule or "-", why).

What is real and what is edited:
- every "real_*" file is what keras.Model.save wrote (.keras: keras.saving's zip; .h5: the
  legacy HDF5 format), hostile ones included: Keras saves Lambda layers with Python bytecode,
  function references such as keras.utils.get_file, os.system or eval, lookup layers whose
  vocabulary is a file path and TFSMLayer with a SavedModel path without complaint.
- every "edit_*" file is a real .keras whose zip members or config.json bytes were rewritten
  here in ways keras.saving.load_model still accepts (zipfile reads bzip2 and LZMA members;
  json.loads keeps the LAST of duplicate keys and decodes \\u escapes); --check proves the loader
  accepts them (see below).
Nothing hostile is ever run: the Lambda bodies are harmless (x * 2), the functions referenced are
only named in the config, and no hostile file is loaded except with safe_mode=True where Keras
refuses the bytecode before deserializing it (--check).

Determinism: seeds are fixed (keras.utils.set_random_seed(0)), and after saving, every .keras
is rewritten with fixed zip timestamps, its members in Keras's order, and metadata.json's
"date_saved" set to a constant. Not reproducible byte for byte: the HDF5 weights (the legacy .h5
files and model.weights.h5 inside each .keras), because h5py records object times, and the
"shared_object_id" values Keras writes into configs (Python id()s of shared dtype policies);
what the scanner judges (layer classes, modules, functions, paths) is the same every run.

What Keras 3.15 writes, found by this script (the scanner's rules rely on it):
- a plain function (Lambda(shift), Lambda(get_file)) as {module: "builtins", class_name:
  "function", config: NAME}, a C builtin (os.system, eval) as {module: "builtins", class_name:
  "builtin_function_or_method", config: NAME}: the defining module is lost;
- a registered custom layer as {module: null, registered_name: "pkg>Name"} and a registered
  function as {module: "builtins", class_name: "function", config: "pkg>name"};
- a lookup layer built from a vocabulary FILE as vocabulary null plus assets/.../vocabulary.txt
  (legacy .h5: vocabulary null, the words are lost): the path never reaches the config, so a
  path or URL there is always an attacker's edit (edit_*_vocab_*).

    --check   after writing, load every benign file with keras.saving.load_model (safe mode) and
              every edited Lambda-bytecode .keras with safe mode on, expecting Keras's refusal
              of the lambda: evidence that the loader parses each edited file up to the Lambda.
"""
import json
import os
import shutil
import sys
import zipfile

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import numpy as np  # noqa: E402
import keras  # noqa: E402
import tensorflow as tf  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
args = [a for a in sys.argv[1:] if not a.startswith("--")]
CHECK = "--check" in sys.argv
OUT = args[0] if args else os.path.join(
    HERE, "..", "..", "src", "test", "resources", "dev", "mlsec", "scan", "keras-real")
# files the hostile models name (paths as they appear in the configs; nothing is read at scan)
SIDE = "/tmp/mlsec-keras-fixture"
DATE = (2026, 1, 1, 0, 0, 0)

if os.path.isdir(OUT):
    for n in os.listdir(OUT):
        if n.endswith((".keras", ".h5")) or n == "MANIFEST.tsv":
            os.remove(os.path.join(OUT, n))
os.makedirs(OUT, exist_ok=True)
shutil.rmtree(SIDE, ignore_errors=True)
os.makedirs(SIDE)

rows = []  # (file, verdict, rule, why)


def row(name, verdict, rule, why):
    rows.append((name, verdict, rule, why))


def normalize(path, method=None, edit=None):
    """Rewrites a .keras zip deterministically; optionally recompresses or edits config.json."""
    with zipfile.ZipFile(path) as z:
        members = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    out = []
    for n, data in members:
        if n == "metadata.json":
            meta = json.loads(data)
            meta["date_saved"] = "2026-01-01@00:00:00"
            data = json.dumps(meta).encode()
        if n == "config.json" and edit is not None:
            edited = edit(data.decode()).encode()
            assert edited != data, "the edit of %s changed nothing" % path
            data = edited
        out.append((n, data))
    with zipfile.ZipFile(path, "w") as z:
        for n, data in out:
            info = zipfile.ZipInfo(n, DATE)
            info.compress_type = method or zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)


def save(model, name, verdict, rule, why, h5=None):
    """Saves as name.keras (and name.h5 when h5 is a (verdict, rule, why) triple)."""
    p = os.path.join(OUT, name + ".keras")
    model.save(p)
    normalize(p)
    row(name + ".keras", verdict, rule, why)
    if h5 is not None:
        model.save(os.path.join(OUT, name + ".h5"))
        row(name + ".h5", *h5)


EDITS = {}  # name -> (src, verdict, rule, why, edit) of the config edits, for derive_h5


def derive(src, name, verdict, rule, why, method=None, edit=None):
    """A copy of OUT/src.keras with members recompressed and/or config.json edited."""
    if edit is not None:
        EDITS[name] = (src, verdict, rule, why, edit)
    dst = os.path.join(OUT, name + ".keras")
    shutil.copyfile(os.path.join(OUT, src + ".keras"), dst)
    normalize(dst, method, edit)
    row(name + ".keras", verdict, rule, why)


def seed():
    keras.utils.set_random_seed(0)


def layer_dict_edit(class_name, transform):
    """Edits config.json: the first layer dict of class_name is replaced by transform(text)."""

    def edit(text):
        cfg = json.loads(text)
        found = []

        def walk(node):
            if isinstance(node, dict):
                if node.get("class_name") == class_name and not found:
                    found.append(node)
                    return
                for v in node.values():
                    walk(v)
            elif isinstance(node, list):
                for v in node:
                    walk(v)

        walk(cfg)
        assert found, class_name
        marker = "\u2603MLSEC\u2603"
        holder = found[0].copy()
        found[0].clear()
        found[0]["__marker__"] = marker
        whole = json.dumps(cfg)
        piece = json.dumps({"__marker__": marker})
        assert whole.count(piece) == 1
        return whole.replace(piece, transform(json.dumps(holder)))

    return edit


# ---------------------------------------------------------------------------------------------
# benign: many layer kinds, every one must scan clean
# ---------------------------------------------------------------------------------------------
L = keras.layers
CLEAN_WHY = "benign: "

seed()
m = keras.Sequential(
    [keras.Input((4,)), L.Dense(3, activation="relu"), L.Dropout(0.1), L.Dense(1, "sigmoid")])
save(m, "real_benign_dense", "clean", "-", CLEAN_WHY + "Sequential Dense/Dropout",
     h5=("clean", "-", CLEAN_WHY + "Sequential Dense/Dropout, legacy HDF5"))

seed()
i = keras.Input((8, 8, 1))
x = L.Conv2D(2, 3, padding="same", activation="relu")(i)
x = L.DepthwiseConv2D(3, padding="same")(x)
x = L.SeparableConv2D(2, 3)(x)
x = L.BatchNormalization()(x)
x = L.MaxPooling2D()(x)
x = L.Conv2DTranspose(2, 2)(x)
x = L.GlobalAveragePooling2D()(x)
m = keras.Model(i, L.Dense(2, activation="softmax")(x))
save(m, "real_benign_conv", "clean", "-", CLEAN_WHY + "Conv2D/Depthwise/Separable/Transpose/BN",
     h5=("clean", "-", CLEAN_WHY + "convolutions, legacy HDF5"))

seed()
i = keras.Input((6,), dtype="int32")
x = L.Embedding(20, 4, mask_zero=True)(i)
x = L.Bidirectional(L.LSTM(3, return_sequences=True))(x)
x = L.GRU(3, return_sequences=True)(x)
x = L.TimeDistributed(L.Dense(2))(x)
x = L.SimpleRNN(2)(x)
m = keras.Model(i, x)
save(m, "real_benign_rnn", "clean", "-",
     CLEAN_WHY + "Embedding, Bidirectional(LSTM), GRU, TimeDistributed(Dense), SimpleRNN",
     h5=("clean", "-", CLEAN_WHY + "recurrent layers and wrappers, legacy HDF5"))

seed()
i = keras.Input((5, 4))
a = L.MultiHeadAttention(num_heads=2, key_dim=2)(i, i)
x = L.LayerNormalization()(L.Add()([i, a]))
x = L.Attention()([x, x])
x = L.GroupNormalization(groups=2)(x)
x = L.UnitNormalization()(x)
x = L.GlobalAveragePooling1D()(x)
m = keras.Model(i, L.Dense(1)(x))
save(m, "real_benign_attention", "clean", "-",
     CLEAN_WHY + "MultiHeadAttention, Attention, Layer/Group/UnitNormalization",
     h5=("clean", "-", CLEAN_WHY + "attention and normalization, legacy HDF5"))

seed()
norm = L.Normalization()
norm.adapt(np.arange(12, dtype="float32").reshape(4, 3))
m = keras.Sequential([keras.Input((3,)), norm, L.Rescaling(0.5), L.Dense(2)])
save(m, "real_benign_normalization", "clean", "-",
     CLEAN_WHY + "adapted Normalization, Rescaling",
     h5=("clean", "-", CLEAN_WHY + "adapted Normalization, legacy HDF5"))

seed()
i = keras.Input((1,), dtype="string")
x = L.StringLookup(vocabulary=["cat", "dog", "fish"], output_mode="one_hot")(i)
m = keras.Model(i, x)
save(m, "real_benign_stringlookup_inline", "clean", "-",
     CLEAN_WHY + "StringLookup with an inline vocabulary (a list in the config)")

seed()
i = keras.Input((1,), dtype="int64")
x = L.IntegerLookup(vocabulary=[3, 7, 11], output_mode="multi_hot")(i)
m = keras.Model(i, x)
save(m, "real_benign_integerlookup_inline", "clean", "-",
     CLEAN_WHY + "IntegerLookup with an inline vocabulary")

seed()
i = keras.Input((1,), dtype="string")
x = L.TextVectorization(max_tokens=10, output_sequence_length=4,
                        vocabulary=["the", "cat", "sat", "on", "mat"])(i)
x = L.Embedding(10, 2)(x)
m = keras.Model(i, L.GlobalAveragePooling1D()(x))
save(m, "real_benign_textvectorization_inline", "clean", "-",
     CLEAN_WHY + "TextVectorization with an inline vocabulary")

seed()
tv = L.TextVectorization(max_tokens=12, output_mode="tf_idf")
tv.adapt(["the cat sat", "the dog ran", "a cat ran"])
i = keras.Input((1,), dtype="string")
m = keras.Model(i, tv(i))
save(m, "real_benign_textvectorization_adapted", "clean", "-",
     CLEAN_WHY + "TextVectorization adapted (tf_idf: inline vocabulary and idf_weights)")

seed()
inner = keras.Sequential([keras.Input((3,)), L.Dense(4), L.Dense(2)], name="inner_seq")
i = keras.Input((3,))
inner_f_in = keras.Input((2,))
inner_f = keras.Model(inner_f_in, L.Dense(2, name="f_dense")(inner_f_in), name="inner_functional")
m = keras.Model(i, L.Dense(1)(inner_f(inner(i))))
save(m, "real_benign_nested", "clean", "-",
     CLEAN_WHY + "a Sequential and a functional Model nested in a functional Model",
     h5=("clean", "-", CLEAN_WHY + "nested models, legacy HDF5"))


@keras.saving.register_keras_serializable(package="mlsec_fixture")
class Scale(keras.layers.Layer):
    def __init__(self, factor=2.0, **kw):
        super().__init__(**kw)
        self.factor = factor

    def call(self, x):
        return x * self.factor

    def get_config(self):
        return {**super().get_config(), "factor": self.factor}


@keras.saving.register_keras_serializable(package="mlsec_fixture", name="half_relu")
def half_relu(x):
    return keras.activations.relu(x) * 0.5


@keras.saving.register_keras_serializable(package="mlsec_fixture")
class TinyModel(keras.Model):
    def __init__(self, units=2, **kw):
        super().__init__(**kw)
        self.units = units
        self.d = L.Dense(units, activation=half_relu)

    def call(self, x):
        return self.d(x)

    def get_config(self):
        return {**super().get_config(), "units": self.units}


seed()
m = keras.Sequential([keras.Input((3,)), Scale(3.0), L.Dense(2, activation=half_relu)])
save(m, "real_benign_custom_registered", "clean", "-",
     CLEAN_WHY + "a layer and an activation registered with register_keras_serializable (resolved"
     " by registered_name from the loader's own registry, module __main__)",
     h5=("clean", "-", CLEAN_WHY + "registered custom layer/activation, legacy HDF5"))

seed()
m = TinyModel(2)
m(np.zeros((1, 3), "float32"))
save(m, "real_benign_subclassed_registered", "clean", "-",
     CLEAN_WHY + "a subclassed Model registered by name")

seed()
keras.mixed_precision.set_global_policy("mixed_float16")
m = keras.Sequential([keras.Input((4,)), L.Dense(3), L.Activation("linear", dtype="float32")])
keras.mixed_precision.set_global_policy("float32")
save(m, "real_benign_mixed_precision", "clean", "-",
     CLEAN_WHY + "mixed_float16 DTypePolicy",
     h5=("clean", "-", CLEAN_WHY + "mixed precision, legacy HDF5"))

seed()
m = keras.Sequential([keras.Input((4,)), L.Dense(2)])
m.compile(optimizer=keras.optimizers.Adam(1e-3), loss="mse", metrics=["mae"])
m.fit(np.zeros((4, 4), "float32"), np.zeros((4, 2), "float32"), epochs=1, verbose=0)
save(m, "real_benign_compiled", "clean", "-",
     CLEAN_WHY + "compiled and fitted (compile_config, optimizer variables)",
     h5=("clean", "-", CLEAN_WHY + "compiled and fitted: training_config, legacy HDF5"))

# ---------------------------------------------------------------------------------------------
# hostile, saved by Keras itself
# ---------------------------------------------------------------------------------------------
seed()
m = keras.Sequential([keras.Input((3,)), L.Lambda(lambda x: x * 2)])
save(m, "real_lambda_bytecode", "malicious", "keras.lambda-code",
     "Lambda with a Python lambda: marshalled bytecode (CVE-2024-3660)",
     h5=("malicious", "keras.lambda-code",
         "Lambda bytecode in a legacy .h5, where safe_mode is ignored (CVE-2025-9905)"))

seed()
m = keras.Sequential([keras.Input((2, 3)), L.TimeDistributed(L.Lambda(lambda x: x + 1))])
save(m, "real_lambda_in_timedistributed", "malicious", "keras.lambda-code",
     "Lambda bytecode nested in a TimeDistributed wrapper",
     h5=("malicious", "keras.lambda-code", "Lambda in TimeDistributed, legacy HDF5"))

seed()
inner = keras.Sequential([keras.Input((3,)), L.Dense(3), L.Lambda(lambda x: x * 2)], name="inner")
i = keras.Input((3,))
m = keras.Model(i, L.Dense(1)(inner(i)))
save(m, "real_lambda_in_inner_sequential", "malicious", "keras.lambda-code",
     "Lambda bytecode in a Sequential nested in a functional Model",
     h5=("malicious", "keras.lambda-code", "Lambda in an inner Sequential, legacy HDF5"))

seed()
fi = keras.Input((3,))
inner_f = keras.Model(fi, L.Lambda(lambda x: x - 1)(fi), name="inner_f")
m = keras.Sequential([keras.Input((3,)), inner_f, L.Dense(1)])
save(m, "real_lambda_in_inner_functional", "malicious", "keras.lambda-code",
     "Lambda bytecode in a functional Model nested in a Sequential")


def shift(x):
    return x + 1


seed()
m = keras.Sequential([keras.Input((3,)), L.Lambda(shift)])
save(m, "real_lambda_function_ref", "suspicious", "keras.function-reference",
     "Lambda naming a plain function shift (Keras 3.15 writes module builtins): resolved by"
     " name on load",
     h5=("suspicious", "keras.function-reference",
         "a named function in a legacy .h5 Lambda (Keras 3 writes the same reference)"))

seed()
m = keras.Sequential([L.Lambda(keras.utils.get_file, output_shape=(3,))])
save(m, "real_lambda_get_file", "malicious", "keras.unsafe-function",
     "Lambda whose function is keras.utils.get_file (CVE-2025-8747: downloads on call)")

seed()
m = keras.Sequential([L.Lambda(os.system, output_shape=(3,))])
save(m, "real_lambda_os_system", "malicious", "keras.function-reference",
     "Lambda whose function is os.system: Keras 3.15 writes"
     " {module: builtins, class_name: builtin_function_or_method, config: system}")

seed()
m = keras.Sequential([L.Lambda(eval, output_shape=(3,))])
save(m, "real_lambda_builtins_eval", "malicious", "keras.function-reference",
     "Lambda whose function is builtins.eval")

vocab = os.path.join(SIDE, "vocab.txt")
with open(vocab, "w") as f:
    f.write("cat\ndog\nfish\n")
seed()
i = keras.Input((1,), dtype="string")
m = keras.Model(i, L.StringLookup(vocabulary=vocab)(i))
save(m, "real_benign_stringlookup_vocab_file", "clean", "-",
     CLEAN_WHY + "StringLookup built from a vocabulary FILE: Keras 3 saves vocabulary null and"
     " copies the words into assets/, so the file path is not in the model",
     h5=("clean", "-", CLEAN_WHY + "StringLookup built from a file, legacy HDF5: vocabulary"
         " null, no assets (the legacy format loses the vocabulary)"))

seed()
i = keras.Input((1,), dtype="string")
m = keras.Model(i, L.TextVectorization(vocabulary=vocab, output_sequence_length=3)(i))
save(m, "real_benign_textvectorization_vocab_file", "clean", "-",
     CLEAN_WHY + "TextVectorization built from a vocabulary file (saved as an asset)")


class Doubler(tf.Module):
    @tf.function(input_signature=[tf.TensorSpec([None, 3], tf.float32)])
    def serve(self, x):
        return {"y": x * 2.0}


sm = os.path.join(SIDE, "savedmodel")
d = Doubler()
tf.saved_model.save(d, sm, signatures={"serving_default": d.serve})
seed()
m = keras.Sequential([keras.Input((3,)), L.TFSMLayer(sm, call_endpoint="serving_default")])
save(m, "real_tfsmlayer_path", "suspicious", "keras.external-file",
     "TFSMLayer whose filepath is a SavedModel directory, loaded with its graph on load")

# ---------------------------------------------------------------------------------------------
# byte-level variants of the real files that keras.saving.load_model still accepts
# ---------------------------------------------------------------------------------------------
derive("real_benign_dense", "edit_benign_dense_bzip2", "clean", "-",
       CLEAN_WHY + "every member re-compressed with bzip2 (zipfile reads method 12)",
       method=zipfile.ZIP_BZIP2)
derive("real_benign_dense", "edit_benign_dense_lzma", "clean", "-",
       CLEAN_WHY + "every member re-compressed with LZMA (method 14)", method=zipfile.ZIP_LZMA)
derive("real_lambda_bytecode", "edit_lambda_bzip2", "malicious", "keras.lambda-code",
       "Lambda bytecode, members re-compressed with bzip2", method=zipfile.ZIP_BZIP2)
derive("real_lambda_bytecode", "edit_lambda_lzma", "malicious", "keras.lambda-code",
       "Lambda bytecode, members re-compressed with LZMA", method=zipfile.ZIP_LZMA)
derive("real_lambda_in_timedistributed", "edit_lambda_in_timedistributed_lzma", "malicious",
       "keras.lambda-code", "nested Lambda bytecode, LZMA members", method=zipfile.ZIP_LZMA)

# edits used on both containers: the .keras config.json and the legacy .h5 model_config
DENSE_FIRST = layer_dict_edit("Lambda", lambda t: '{"class_name": "Dense", ' + t[1:])


def lambda_escaped(t):
    return t.replace('"Lambda"', '"\\u004cambda"').replace('"__lambda__"', '"\\u005f_lambda__"')


def module_os(t):
    return t.replace('"module": "builtins", "class_name": "function", "config": "shift"',
                     '"module": "os", "class_name": "function", "config": "system"')


# duplicate keys: json.loads keeps the last one, so a reader that keeps the first sees a Dense
derive("real_lambda_bytecode", "edit_lambda_duplicate_class_name", "malicious",
       "keras.lambda-code",
       "the Lambda's dict says class_name Dense first and Lambda last (json.loads keeps the last)",
       edit=DENSE_FIRST)
derive("real_lambda_bytecode", "edit_lambda_duplicate_function", "malicious",
       "keras.lambda-code",
       "the Lambda's config has a benign 'function' key first and the __lambda__ last",
       edit=layer_dict_edit(
           "__lambda__",
           lambda t: '{"class_name": "function", "config": "relu", "module": "keras.activations",'
                     ' ' + t[1:]))
# \u escapes: a byte search for "Lambda" or "posix" finds nothing
derive("real_lambda_bytecode", "edit_lambda_unicode_escape", "malicious", "keras.lambda-code",
       "class_name written \\u004cambda and __lambda__ as \\u005f_lambda__",
       edit=lambda_escaped)
derive("real_lambda_os_system", "edit_os_system_unicode_escape", "malicious",
       "keras.function-reference", "function module and name written as \\u escapes",
       edit=lambda t: t.replace('"builtins", "class_name": "builtin_function_or_method"',
                                '"\\u0062uiltins", "class_name": "builtin_function_or_method"')
       .replace('"system"', '"\\u0073ystem"'))
derive("real_lambda_function_ref", "edit_function_ref_module_builtins", "malicious",
       "keras.function-reference",
       "the Lambda's function name shift replaced by exec (module builtins, as Keras 3.15 writes"
       " every plain function; Keras < 3.9 resolved it as vars(builtins)['exec'])",
       edit=lambda t: t.replace('"config": "shift"', '"config": "exec"'))
derive("real_lambda_function_ref", "edit_function_ref_module_os", "malicious",
       "keras.function-reference",
       "the Lambda's function module builtins replaced by os, name system (Keras < 3.9 imported"
       " any module, CVE-2025-1550)",
       edit=module_os)
derive("real_benign_dense", "edit_activation_module_os", "malicious", "keras.custom-module",
       "a Dense activation serialized as {module: os, class_name: function, config: system}",
       edit=lambda t: t.replace('"activation": "relu"',
                                '"activation": {"module": "os", "class_name": "function",'
                                ' "config": "system", "registered_name": null}', 1))
def vocab_edit(value):
    return lambda t: t.replace('"vocabulary": null', '"vocabulary": ' + json.dumps(value), 1)


derive("real_benign_stringlookup_vocab_file", "edit_stringlookup_vocab_path", "suspicious",
       "keras.external-file",
       "StringLookup vocabulary a local path: IndexLookup reads it with tf.io.gfile on load"
       " (CVE-2025-12058); Keras 3.15 itself never writes a path, an attacker's file does",
       edit=vocab_edit("/etc/passwd"))
derive("real_benign_stringlookup_vocab_file", "edit_stringlookup_vocab_url", "suspicious",
       "keras.external-file", "StringLookup vocabulary an https URL (tf.io.gfile fetches it)",
       edit=vocab_edit("https://example.invalid/vocab.txt"))
derive("real_benign_stringlookup_vocab_file", "edit_stringlookup_vocab_gcs", "suspicious",
       "keras.external-file", "StringLookup vocabulary a gs:// URL",
       edit=vocab_edit("gs://example-invalid/vocab.txt"))
derive("real_benign_textvectorization_vocab_file", "edit_textvectorization_vocab_path",
       "suspicious", "keras.external-file", "TextVectorization vocabulary a local path",
       edit=vocab_edit("/etc/passwd"))
derive("real_tfsmlayer_path", "edit_tfsmlayer_url", "suspicious", "keras.external-file",
       "TFSMLayer filepath a gs:// URL",
       edit=lambda t: t.replace(json.dumps(sm), '"gs://example-invalid/savedmodel"'))



def derive_h5(name):
    """The .keras config edit `name` applied to the legacy .h5 model_config attribute (h5py)."""
    import h5py

    src, verdict, rule, why, edit = EDITS[name]
    dst = os.path.join(OUT, name + ".h5")
    shutil.copyfile(os.path.join(OUT, src + ".h5"), dst)
    with h5py.File(dst, "r+") as f:
        old = f.attrs["model_config"]
        text = old.decode() if isinstance(old, bytes) else old
        new = edit(text)
        assert new != text, "the edit of %s changed nothing" % dst
        f.attrs["model_config"] = new.encode() if isinstance(old, bytes) else new
    row(name + ".h5", verdict, rule, "legacy .h5 model_config: " + why)


for n in ["edit_stringlookup_vocab_path", "edit_stringlookup_vocab_url",
          "edit_lambda_unicode_escape", "edit_lambda_duplicate_class_name",
          "edit_function_ref_module_os"]:
    derive_h5(n)

with open(os.path.join(OUT, "MANIFEST.tsv"), "w") as f:
    f.write("# written by mlsec-scan/tools/keras/make_keras.py (keras %s, tensorflow %s); "
            "file, verdict, rule, why\n" % (keras.__version__, tf.__version__))
    for r in sorted(rows):
        f.write("\t".join(r) + "\n")
print("wrote %d files to %s" % (len(rows), OUT))

if CHECK:
    for name, verdict, rule, why in sorted(rows):
        p = os.path.join(OUT, name)
        if verdict == "clean":
            try:
                keras.saving.load_model(p, compile=False)
                print("loads (safe mode):", name)
            except (TypeError, ValueError) as e:  # a Keras bug, not a refusal: reported
                print("does not load in Keras itself:", name, str(e).splitlines()[-1][:100])
        elif rule == "keras.lambda-code" and name.startswith("edit_"):
            try:
                keras.saving.load_model(p, compile=False, safe_mode=True)
                raise SystemExit("safe mode did not stop " + name)
            except ValueError as e:
                assert "lambda" in str(e).lower(), (name, e)
                print("parsed up to the Lambda, refused by safe mode:", name)
