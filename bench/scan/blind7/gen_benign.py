#!/usr/bin/python3
"""blind7 benign set: formats a hub or registry holds (ONNX opsets/metadata/external data, GGUF headers,
safetensors dtypes + __metadata__, npy v1/v2/v3 + memmap, many-member npz, h5py attributes/compound dtypes,
torch zips with legitimate but unusual member layouts, tarred bundles, plain-container pickles 0-5).
Run with Debian's /usr/bin/python3. Writes benign/ and benign/MANIFEST.tsv."""
import io, json, os, pickle, shutil, struct, sys, tarfile, zipfile, collections, datetime, decimal, fractions, uuid, pathlib
if os.environ.get("PYTHONHASHSEED") != "0":  # set/frozenset order depends on str hashes
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "benign")
ROWS = []
LEFT = []


def path(rel):
    p = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    return p


def row(rel, lib, how):
    ROWS.append((rel, lib, how, "clean"))


def wbytes(rel, data, lib, how):
    with open(path(rel), "wb") as f:
        f.write(data)
    row(rel, lib, how)


# ---------------- pickles of plain containers and stdlib value types, protocols 0-5
def plain_pickles():
    rng = np.random.RandomState(0)
    vals = {
        "dict": {"a": 1, "b": [1, 2, 3], "c": {"d": None, "e": True}, 3: 4.5},
        "list": [1, "two", 3.0, None, False, b"six", [7, [8]]],
        "set": {1, 2, 3, "x", (4, 5)},
        "frozenset": frozenset({"a", "b", 10}),
        "bytearray": bytearray(b"\x00\x01weights\xff"),
        "complex": [1 + 2j, complex(0, -1), -3.5j],
        "range": [range(10), range(2, 20, 3)],
        "slice": [slice(1, 10, 2), slice(None, -1), slice(5)],
        "tuple_nested": ((1, 2), ((3,), ()), "z"),
        "bytes_big": bytes(range(256)) * 40,
        "floats": [float("inf"), -0.0, 1e-300, 3.141592653589793],
        "bigint": [2 ** 100, -(2 ** 64) - 1, 0],
        "unicode": ["naïve", "日本語", "emoji \U0001F600"],
        "decimal": [decimal.Decimal("3.14159"), decimal.Decimal("-1e-10")],
        "fraction": [fractions.Fraction(22, 7), fractions.Fraction(-1, 3)],
        "datetime": [datetime.datetime(2024, 5, 1, 12, 30), datetime.date(2020, 2, 29), datetime.timedelta(days=3, seconds=7),
                     datetime.time(23, 59, 59), datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)],
        "ordereddict": collections.OrderedDict([("z", 1), ("a", 2)]),
        "defaultdict_list": collections.defaultdict(list, {"k": [1, 2]}),
        "counter": collections.Counter("mississippi"),
        "deque": collections.deque([1, 2, 3], maxlen=5),
        "uuid": [uuid.UUID("12345678-1234-5678-1234-567812345678")],
        "purepath": [pathlib.PurePosixPath("models/bert/config.json")],
        "vocab": {f"tok{i}": i for i in range(300)},
        "history": {"loss": [float(x) for x in rng.rand(50)], "epoch": list(range(50))},
    }
    for name, v in vals.items():
        for proto in range(0, 6):
            rel = f"pickle/{name}_p{proto}.pkl"
            wbytes(rel, pickle.dumps(v, protocol=proto), "stdlib pickle", f"pickle.dumps({name}) protocol {proto}")


# ---------------- safetensors (stdlib writer following the published format)
def st_bytes(tensors, metadata=None):
    header = {}
    off = 0
    blobs = []
    for name, (dtype, shape, data) in tensors.items():
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [off, off + len(data)]}
        off += len(data)
        blobs.append(data)
    if metadata is not None:
        header["__metadata__"] = metadata
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    return struct.pack("<Q", len(h)) + h + b"".join(blobs)


def safetensors_files():
    rng = np.random.RandomState(1)
    dts = {"F64": np.float64, "F32": np.float32, "F16": np.float16, "I64": np.int64, "I32": np.int32, "I16": np.int16,
           "I8": np.int8, "U8": np.uint8, "BOOL": np.bool_, "U16": np.uint16, "U32": np.uint32, "U64": np.uint64}
    for dt, npdt in dts.items():
        a = (rng.rand(4, 3) * 10).astype(npdt)
        wbytes(f"safetensors/dtype_{dt.lower()}.safetensors", st_bytes({"w": (dt, [4, 3], a.tobytes())}),
               "safetensors", f"one {dt} tensor, stdlib writer")
    # bf16 / fp8 as raw bytes
    raw = (rng.rand(8).astype(np.float32).view(np.uint32) >> 16).astype(np.uint16).tobytes()
    wbytes("safetensors/dtype_bf16.safetensors", st_bytes({"w": ("BF16", [8], raw)}), "safetensors", "BF16 (top halves of f32)")
    wbytes("safetensors/dtype_f8_e4m3.safetensors", st_bytes({"w": ("F8_E4M3", [16], bytes(range(16)))}), "safetensors", "F8_E4M3 bytes")
    wbytes("safetensors/dtype_f8_e5m2.safetensors", st_bytes({"w": ("F8_E5M2", [16], bytes(range(16, 32)))}), "safetensors", "F8_E5M2 bytes")
    wbytes("safetensors/all_dtypes.safetensors",
           st_bytes({f"t_{k.lower()}": (k, [2, 2], (rng.rand(2, 2) * 5).astype(v).tobytes()) for k, v in dts.items()},
                    {"format": "pt"}), "safetensors", "12 dtypes in one file, format=pt")
    wbytes("safetensors/scalar_and_empty.safetensors",
           st_bytes({"scalar": ("F32", [], np.float32(1.5).tobytes()), "empty": ("F32", [0, 4], b"")}), "safetensors", "0-d and empty tensors")
    meta = {"format": "pt", "modelspec.architecture": "stable-diffusion-xl-v1-base/lora", "modelspec.title": "My LoRA",
            "ss_network_dim": "16", "ss_network_alpha": "8", "ss_tag_frequency": json.dumps({"img": {"cat": 12, "dog": 3}}),
            "ss_learning_rate": "0.0001", "ss_sd_model_name": "sd_xl_base_1.0.safetensors",
            "ss_dataset_dirs": json.dumps({"10_cat": {"n_repeats": 10, "img_count": 12}})}
    t = {f"lora_unet_down_blocks_0_attentions_0_proj_in.lora_{x}.weight": ("F16", [4, 4], rng.rand(4, 4).astype(np.float16).tobytes()) for x in ("up", "down")}
    wbytes("safetensors/kohya_lora_metadata.safetensors", st_bytes(t, meta), "safetensors", "kohya-style LoRA __metadata__ (JSON strings as values)")
    wbytes("safetensors/metadata_only_format.safetensors", st_bytes({"a": ("F32", [1], b"\0\0\x80?")}, {"format": "np"}), "safetensors", "format=np")
    big = {f"model.layers.{i}.mlp.weight": ("F32", [8, 8], rng.rand(8, 8).astype(np.float32).tobytes()) for i in range(40)}
    wbytes("safetensors/model-00001-of-00002.safetensors", st_bytes(dict(list(big.items())[:20]), {"format": "pt"}), "safetensors", "shard 1")
    wbytes("safetensors/model-00002-of-00002.safetensors", st_bytes(dict(list(big.items())[20:]), {"format": "pt"}), "safetensors", "shard 2")
    idx = {"metadata": {"total_size": 40 * 256}, "weight_map": {k: ("model-00001-of-00002.safetensors" if i < 20 else "model-00002-of-00002.safetensors") for i, k in enumerate(big)}}
    wbytes("safetensors/model.safetensors.index.json", json.dumps(idx, indent=2).encode(), "safetensors", "shard index")
    meta2 = {"format": "pt", "description": "weights with {{ braces }} and <|im_start|> text in metadata", "license": "apache-2.0"}
    wbytes("safetensors/metadata_text.safetensors", st_bytes({"a": ("I32", [2], b"\1\0\0\0\2\0\0\0")}, meta2), "safetensors", "free text metadata")


# ---------------- GGUF headers (stdlib writer, v3 little endian)
def gguf_str(s):
    b = s.encode()
    return struct.pack("<Q", len(b)) + b


def gguf_val(v):
    if isinstance(v, bool):
        return struct.pack("<I", 7) + struct.pack("<?", v)
    if isinstance(v, int):
        return struct.pack("<I", 4) + struct.pack("<I", v) if 0 <= v < 2 ** 32 else struct.pack("<I", 11) + struct.pack("<q", v)
    if isinstance(v, float):
        return struct.pack("<I", 6) + struct.pack("<f", v)
    if isinstance(v, str):
        return struct.pack("<I", 8) + gguf_str(v)
    if isinstance(v, list):
        e = v[0]
        if isinstance(e, str):
            return struct.pack("<IIQ", 9, 8, len(v)) + b"".join(gguf_str(x) for x in v)
        if isinstance(e, float):
            return struct.pack("<IIQ", 9, 6, len(v)) + b"".join(struct.pack("<f", x) for x in v)
        return struct.pack("<IIQ", 9, 5, len(v)) + b"".join(struct.pack("<i", x) for x in v)
    raise TypeError(v)


def gguf_bytes(kv, tensors, version=3):
    out = b"GGUF" + struct.pack("<IQQ", version, len(tensors), len(kv))
    for k, v in kv.items():
        out += gguf_str(k) + gguf_val(v)
    off = 0
    datas = []
    for name, shape, data in tensors:
        out += gguf_str(name) + struct.pack("<I", len(shape)) + b"".join(struct.pack("<Q", d) for d in shape) + struct.pack("<IQ", 0, off)
        off += len(data)
        off += (-off) % 32
        datas.append(data + b"\0" * ((-len(data)) % 32))
    out += b"\0" * ((-len(out)) % 32)
    return out + b"".join(datas)


def gguf_files():
    rng = np.random.RandomState(2)
    toks = ["<unk>", "<s>", "</s>"] + [f"\u2581w{i}" for i in range(60)]
    merges = [f"\u2581 w{i}" for i in range(20)]
    templ = {
        "llama": "{% for message in messages %}{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n' + message['content'] | trim + '<|eot_id|>' }}{% endfor %}{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %}",
        "qwen2": "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}",
        "gemma": "{{ bos_token }}{% for message in messages %}{% if (message['role'] == 'assistant') %}{% set role = 'model' %}{% else %}{% set role = message['role'] %}{% endif %}{{ '<start_of_turn>' + role + '\n' + message['content'] | trim + '<end_of_turn>\n' }}{% endfor %}{% if add_generation_prompt %}{{'<start_of_turn>model\n'}}{% endif %}",
        "phi3": "{% for message in messages %}{% if message['role'] == 'system' %}{{'<|system|>\n' + message['content'] + '<|end|>\n'}}{% elif message['role'] == 'user' %}{{'<|user|>\n' + message['content'] + '<|end|>\n'}}{% endif %}{% endfor %}",
        "mistral": "{{ bos_token }}{% for message in messages %}{% if message['role'] == 'user' %}{{ '[INST] ' + message['content'] + ' [/INST]' }}{% else %}{{ message['content'] + eos_token }}{% endif %}{% endfor %}",
    }
    archs = {
        "llama": {"llama.context_length": 4096, "llama.embedding_length": 64, "llama.block_count": 2, "llama.feed_forward_length": 128,
                  "llama.attention.head_count": 4, "llama.attention.head_count_kv": 2, "llama.rope.freq_base": 500000.0,
                  "llama.attention.layer_norm_rms_epsilon": 1e-5, "llama.rope.dimension_count": 16, "llama.vocab_size": len(toks)},
        "qwen2": {"qwen2.context_length": 32768, "qwen2.embedding_length": 64, "qwen2.block_count": 2, "qwen2.attention.head_count": 4},
        "gemma2": {"gemma2.context_length": 8192, "gemma2.embedding_length": 64, "gemma2.attn_logit_softcapping": 50.0, "gemma2.final_logit_softcapping": 30.0},
        "phi3": {"phi3.context_length": 4096, "phi3.rope.scaling.original_context_length": 4096, "phi3.embedding_length": 64},
        "falcon": {"falcon.context_length": 2048, "falcon.embedding_length": 64, "falcon.attention.layer_norm_epsilon": 1e-5},
        "mamba": {"mamba.context_length": 1048576, "mamba.ssm.conv_kernel": 4, "mamba.ssm.state_size": 16, "mamba.ssm.inner_size": 128},
        "bert": {"bert.context_length": 512, "bert.embedding_length": 64, "bert.attention.causal": False, "bert.pooling_type": 2},
        "starcoder2": {"starcoder2.context_length": 16384, "starcoder2.embedding_length": 64},
        "mistral": {"llama.context_length": 32768, "llama.embedding_length": 64, "llama.expert_count": 8, "llama.expert_used_count": 2},
        "t5": {"t5.context_length": 512, "t5.attention.relative_buckets_count": 32, "t5.decoder_start_token_id": 0},
    }
    for arch, kvs in archs.items():
        kv = {"general.architecture": "llama" if arch == "mistral" else arch, "general.name": f"tiny-{arch}", "general.file_type": 0,
              "general.quantization_version": 2, "general.license": "apache-2.0"}
        kv.update(kvs)
        model = {"bert": "bert", "t5": "t5", "falcon": "gpt2", "starcoder2": "gpt2", "qwen2": "gpt2"}.get(arch, "llama")
        kv["tokenizer.ggml.model"] = model
        kv["tokenizer.ggml.tokens"] = toks
        kv["tokenizer.ggml.scores"] = [float(-i) for i in range(len(toks))]
        kv["tokenizer.ggml.token_type"] = [2, 3, 3] + [1] * 60
        if model == "gpt2":
            kv["tokenizer.ggml.merges"] = merges
            kv["tokenizer.ggml.pre"] = "qwen2" if arch == "qwen2" else "default"
        kv["tokenizer.ggml.bos_token_id"] = 1
        kv["tokenizer.ggml.eos_token_id"] = 2
        kv["tokenizer.ggml.add_bos_token"] = True
        if arch in templ or arch == "gemma2":
            kv["tokenizer.chat_template"] = templ.get(arch, templ["gemma"])
        tensors = [("token_embd.weight", [64, len(toks)], rng.rand(64 * len(toks)).astype(np.float32).tobytes()),
                   ("output_norm.weight", [64], np.ones(64, np.float32).tobytes())]
        wbytes(f"gguf/{arch}.gguf", gguf_bytes(kv, tensors), "GGUF v3", f"{arch} header + tokenizer metadata + 2 F32 tensors (stdlib writer)")
    kv = {"general.architecture": "llama", "general.name": "v2-file", "llama.context_length": 2048}
    wbytes("gguf/version2.gguf", gguf_bytes(kv, [("a", [4], np.zeros(4, np.float32).tobytes())], version=2), "GGUF v2", "version 2 header")
    kv = {"general.architecture": "clip", "clip.has_vision_encoder": True, "clip.vision.image_size": 336, "clip.vision.patch_size": 14,
          "clip.vision.image_mean": [0.48145466, 0.4578275, 0.40821073], "clip.projector_type": "mlp"}
    wbytes("gguf/mmproj-clip.gguf", gguf_bytes(kv, [("v.patch_embd.weight", [14, 14], np.zeros(196, np.float32).tobytes())]), "GGUF v3", "llava mmproj clip header")
    kv = {"general.architecture": "llama", "general.type": "adapter", "adapter.type": "lora", "adapter.lora.alpha": 16.0}
    wbytes("gguf/lora-adapter.gguf", gguf_bytes(kv, [("blk.0.attn_q.weight.lora_a", [64, 8], np.zeros(512, np.float32).tobytes())]), "GGUF v3", "LoRA adapter header")
    kv = {"general.architecture": "llama", "tokenizer.chat_template.tool_use": templ["llama"] + "{% if tools %}{{ tools | tojson }}{% endif %}",
          "tokenizer.chat_template": templ["llama"], "tokenizer.chat_templates": ["tool_use"]}
    wbytes("gguf/named_templates.gguf", gguf_bytes(kv, []), "GGUF v3", "named chat templates (tool_use) with tojson")


# ---------------- numpy npy versions, memmap, npz
def numpy_files():
    from numpy.lib import format as F
    rng = np.random.RandomState(3)
    for ver in ((1, 0), (2, 0), (3, 0)):
        for nm, arr in (("f32", rng.rand(5, 4).astype(np.float32)), ("i64_fortran", np.asfortranarray(np.arange(12).reshape(3, 4))),
                        ("be_f64", rng.rand(6).astype(">f8")), ("struct", np.array([(1, 2.0, b"ab")], dtype=[("i", "<i4"), ("f", "<f8"), ("s", "S2")]))):
            bio = io.BytesIO()
            F.write_array(bio, arr, version=ver)
            wbytes(f"numpy/v{ver[0]}_{nm}.npy", bio.getvalue(), "numpy", f"format.write_array version={ver}")
    bio = io.BytesIO()
    F.write_array(bio, np.zeros(3, dtype=[("名前", "<f4"), ("b", "<i2")]), version=(3, 0))
    wbytes("numpy/v3_utf8_fieldnames.npy", bio.getvalue(), "numpy", "v3 header with UTF-8 field names")
    bio = io.BytesIO()
    F.write_array(bio, np.zeros((2,), dtype=[(f"field_{i:04d}", "<f4") for i in range(3000)]), version=(2, 0))
    wbytes("numpy/v2_big_header.npy", bio.getvalue(), "numpy", "v2 header > 64 KiB (3000 fields)")
    for nm, dt, shape in (("memmap_f32", np.float32, (64, 32)), ("memmap_u8", np.uint8, (1000,)), ("memmap_c64", np.complex64, (8, 8))):
        p = path(f"numpy/{nm}.npy")
        m = F.open_memmap(p, mode="w+", dtype=dt, shape=shape)
        m[...] = (rng.rand(*shape) * 100).astype(dt)
        m.flush(); del m
        row(f"numpy/{nm}.npy", "numpy", "np.lib.format.open_memmap w+")
    mm = np.memmap(path("numpy/raw_memmap.dat"), dtype=np.float32, mode="w+", shape=(16, 16)); mm[:] = 1.0; mm.flush(); del mm
    row("numpy/raw_memmap.dat", "numpy", "np.memmap raw (no header) .dat")
    np.save(path("numpy/scalar0d.npy"), np.float64(2.5)); row("numpy/scalar0d.npy", "numpy", "np.save 0-d")
    np.save(path("numpy/empty.npy"), np.zeros((0, 5))); row("numpy/empty.npy", "numpy", "np.save empty")
    np.save(path("numpy/datetime.npy"), np.arange("2024-01", "2024-12", dtype="datetime64[M]")); row("numpy/datetime.npy", "numpy", "np.save datetime64")
    np.save(path("numpy/unicode.npy"), np.array(["héllo", "wörld"])); row("numpy/unicode.npy", "numpy", "np.save <U")
    np.savez(path("numpy/many_200.npz"), **{f"layer{i}": rng.rand(3).astype(np.float32) for i in range(200)}); row("numpy/many_200.npz", "numpy", "np.savez 200 named members")
    np.savez_compressed(path("numpy/many_150_c.npz"), *[np.full(4, i, np.int16) for i in range(150)]); row("numpy/many_150_c.npz", "numpy", "savez_compressed 150 positional")
    np.savez(path("numpy/nested_names.npz"), **{"encoder/layer.0/w": np.ones(2), "decoder/layer.0/w": np.zeros(2)}); row("numpy/nested_names.npz", "numpy", "savez member names with slashes")
    np.savez(path("numpy/empty.npz")); row("numpy/empty.npz", "numpy", "np.savez with no arrays")


# ---------------- HDF5 through h5py
def hdf5_files():
    import h5py
    rng = np.random.RandomState(4)
    p = path("hdf5/attrs_compound.h5")
    with h5py.File(p, "w") as f:
        f.attrs["created_by"] = "trainer v1.2"; f.attrs["epochs"] = 10; f.attrs["lr"] = np.float32(1e-3); f.attrs["classes"] = np.array([b"cat", b"dog"])
        dt = np.dtype([("id", "<i4"), ("score", "<f8"), ("label", "S8")])
        d = f.create_dataset("records", data=np.array([(i, i * 0.5, b"x%d" % i) for i in range(10)], dtype=dt))
        d.attrs["units"] = "m/s"
        g = f.create_group("model/weights"); g.create_dataset("w", data=rng.rand(4, 4), compression="gzip"); g.attrs["layer"] = "dense"
        f.create_dataset("vlen_str", data=np.array(["alpha", "beta"], dtype=object), dtype=h5py.string_dtype())
        f.create_dataset("chunked", data=rng.rand(100, 10).astype(np.float32), chunks=(10, 10), shuffle=True, compression="lzf")
    row("hdf5/attrs_compound.h5", "h5py 3.7", "attrs, compound dtype, gzip/lzf, vlen str, groups")
    p = path("hdf5/nested_compound.h5")
    with h5py.File(p, "w") as f:
        inner = np.dtype([("x", "<f4"), ("y", "<f4")])
        outer = np.dtype([("pt", inner), ("ids", "<i2", (3,)), ("flag", "?")])
        f.create_dataset("pts", data=np.zeros(5, dtype=outer))
        f.create_dataset("enum", data=np.array([0, 1, 1], dtype="u1"), dtype=h5py.enum_dtype({"RED": 0, "GREEN": 1}, basetype="u1"))
        f["pts"].attrs.create("vec", np.arange(3, dtype=np.float64))
        f.create_dataset("scalar", data=3.5)
        f["link"] = h5py.SoftLink("/pts")
    row("hdf5/nested_compound.h5", "h5py 3.7", "nested compound, array field, enum, soft link")
    p = path("hdf5/anndata_like.h5ad")
    with h5py.File(p, "w") as f:
        f.attrs["encoding-type"] = "anndata"; f.attrs["encoding-version"] = "0.1.0"
        X = f.create_group("X"); X.attrs["encoding-type"] = "csr_matrix"; X.attrs["shape"] = np.array([3, 4])
        X["data"] = np.array([1.0, 2.0, 3.0], np.float32); X["indices"] = np.array([0, 2, 3]); X["indptr"] = np.array([0, 1, 2, 3])
        obs = f.create_group("obs"); obs.attrs["_index"] = "index"; obs["index"] = np.array([b"c1", b"c2", b"c3"])
    row("hdf5/anndata_like.h5ad", "h5py 3.7", "AnnData-style .h5ad layout")
    p = path("hdf5/opaque_bytes.h5")
    with h5py.File(p, "w") as f:
        f.create_dataset("blob", data=np.void(b"PNG-like bytes \x89\x00\x01"))
        f.attrs["note"] = "opaque binary blob that is not a pickle"
    row("hdf5/opaque_bytes.h5", "h5py 3.7", "opaque np.void dataset of plain bytes")


# ---------------- ONNX many opsets, metadata, external data
def onnx_files():
    import onnx
    from onnx import helper, TensorProto, numpy_helper
    rng = np.random.RandomState(5)
    for opset in range(7, 18):
        X = helper.make_tensor_value_info("X", TensorProto.FLOAT, [1, 4])
        Y = helper.make_tensor_value_info("Y", TensorProto.FLOAT, [1, 4])
        W = numpy_helper.from_array(rng.rand(4, 4).astype(np.float32), "W")
        nodes = [helper.make_node("MatMul", ["X", "W"], ["h"]), helper.make_node("Relu", ["h"], ["Y"])]
        g = helper.make_graph(nodes, f"g{opset}", [X], [Y], [W])
        m = helper.make_model(g, opset_imports=[helper.make_opsetid("", opset)], producer_name="pytorch", producer_version="1.13")
        m.ir_version = min(8, {7: 3, 8: 3, 9: 4, 10: 5, 11: 6, 12: 7, 13: 7, 14: 7, 15: 8, 16: 8, 17: 8}[opset])
        helper.set_model_props(m, {"author": "team", "converted_from": "torch", "opset": str(opset)})
        onnx.save(m, path(f"onnx/opset{opset}.onnx")); row(f"onnx/opset{opset}.onnx", "onnx 1.12", f"MatMul+Relu opset {opset}, metadata_props")
    X = helper.make_tensor_value_info("X", TensorProto.FLOAT, [1, 64])
    Y = helper.make_tensor_value_info("Y", TensorProto.FLOAT, [1, 64])
    W = numpy_helper.from_array(rng.rand(64, 64).astype(np.float32), "W")
    B = numpy_helper.from_array(rng.rand(64).astype(np.float32), "B")
    g = helper.make_graph([helper.make_node("Gemm", ["X", "W", "B"], ["Y"])], "ext", [X], [Y], [W, B])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)]); m.ir_version = 7
    m.doc_string = "model with external data"
    os.makedirs(path("onnx/external/x"), exist_ok=True)
    onnx.save_model(m, path("onnx/external/model.onnx"), save_as_external_data=True, all_tensors_to_one_file=True, location="model.onnx.data", size_threshold=0)
    row("onnx/external/model.onnx", "onnx 1.12", "save_as_external_data one file"); row("onnx/external/model.onnx.data", "onnx 1.12", "external data blob")
    os.rmdir(path("onnx/external/x"))
    m2 = helper.make_model(helper.make_graph([helper.make_node("Gemm", ["X", "W", "B"], ["Y"])], "ext2", [X], [Y],
                                              [numpy_helper.from_array(rng.rand(64, 64).astype(np.float32), "W"), numpy_helper.from_array(rng.rand(64).astype(np.float32), "B")]),
                           opset_imports=[helper.make_opsetid("", 13)]); m2.ir_version = 7
    onnx.save_model(m2, path("onnx/external_many/model.onnx"), save_as_external_data=True, all_tensors_to_one_file=False, size_threshold=0)
    row("onnx/external_many/model.onnx", "onnx 1.12", "external data one file per tensor")
    for fn in sorted(os.listdir(path("onnx/external_many/"))):
        if fn != "model.onnx":
            row(f"onnx/external_many/{fn}", "onnx 1.12", "per-tensor external data file")
    # ai.onnx.ml + metadata
    Xi = helper.make_tensor_value_info("X", TensorProto.FLOAT, [None, 2])
    Yo = helper.make_tensor_value_info("Y", TensorProto.FLOAT, [None, 2])
    n = helper.make_node("Scaler", ["X"], ["Y"], domain="ai.onnx.ml", offset=[0.5, 1.0], scale=[2.0, 3.0])
    m3 = helper.make_model(helper.make_graph([n], "ml", [Xi], [Yo]), opset_imports=[helper.make_opsetid("", 15), helper.make_opsetid("ai.onnx.ml", 3)])
    m3.ir_version = 8
    helper.set_model_props(m3, {"onnx_model_type": "sklearn", "skl2onnx_version": "1.14", "description": "{\"classes\": [0, 1]}"})
    onnx.save(m3, path("onnx/ml_scaler.onnx")); row("onnx/ml_scaler.onnx", "onnx 1.12", "ai.onnx.ml Scaler, JSON in metadata")
    # sparse initializer, string tensor, fp16
    S = helper.make_tensor("S", TensorProto.STRING, [2], [b"hello", b"world"])
    Hf = numpy_helper.from_array(rng.rand(3).astype(np.float16), "H")
    Xs = helper.make_tensor_value_info("Xs", TensorProto.FLOAT16, [3]); Ys = helper.make_tensor_value_info("Ys", TensorProto.FLOAT16, [3])
    m4 = helper.make_model(helper.make_graph([helper.make_node("Add", ["Xs", "H"], ["Ys"])], "f16", [Xs], [Ys], [Hf, S]), opset_imports=[helper.make_opsetid("", 14)])
    m4.ir_version = 7
    onnx.save(m4, path("onnx/fp16_string_init.onnx")); row("onnx/fp16_string_init.onnx", "onnx 1.12", "fp16 initializer + string tensor")


# ---------------- torch zips with unusual but legitimate layouts
def torch_files():
    import torch
    torch.manual_seed(0)
    sd = {"fc.weight": torch.randn(4, 4), "fc.bias": torch.randn(4)}
    torch.save(sd, path("torch/plain.pt")); row("torch/plain.pt", "torch 1.13", "torch.save state_dict")
    src = open(path("torch/plain.pt"), "rb").read()
    zin = zipfile.ZipFile(io.BytesIO(src))
    names = zin.namelist()
    prefix = names[0].split("/")[0]

    def rebuild(rel, extra, swap=False, rename=None, how=""):
        bio = io.BytesIO()
        with zipfile.ZipFile(bio, "w", zipfile.ZIP_STORED) as z:
            for n in names:
                data = zin.read(n)
                if swap and "/data/" in n:
                    data = np.frombuffer(data, "<f4").astype(">f4").tobytes()
                nn = n if rename is None else rename + n[len(prefix):]
                z.writestr(zipfile.ZipInfo(nn, (1980, 1, 1, 0, 0, 0)), data)
            for k, v in extra:
                z.writestr(zipfile.ZipInfo((rename or prefix) + "/" + k, (1980, 1, 1, 0, 0, 0)), v)
        wbytes(rel, bio.getvalue(), "torch zip layout", how)

    rebuild("torch/byteorder_little.pt", [(".format_version", b"1"), ("byteorder", b"little"), (".data/serialization_id", b"1234567890123456789012345678901234567890")],
            how="torch>=2.1 member layout: .format_version, byteorder little, .data/serialization_id")
    rebuild("torch/byteorder_big.pt", [(".format_version", b"1"), ("byteorder", b"big")], swap=True, how="byteorder=big record with big-endian float storages (s390x save)")
    rebuild("torch/archive_renamed.pt", [], rename="my_checkpoint_v2", how="archive folder named after the file (torch uses the stem)")
    rebuild("torch/serialization_id_only.pt", [(".data/serialization_id", b"0000000000000000000000000000000000000042")], how=".data/serialization_id added")
    m = torch.nn.Sequential(torch.nn.Linear(4, 4), torch.nn.LayerNorm(4))
    torch.save(m.state_dict(), path("torch/seq_sd.pth")); row("torch/seq_sd.pth", "torch 1.13", "Sequential state_dict .pth")
    torch.save({"step": 10, "tensors": [torch.arange(5, dtype=torch.int32), torch.ones(2, dtype=torch.bfloat16), torch.zeros(3, dtype=torch.float16)]},
               path("torch/mixed_dtypes.pt")); row("torch/mixed_dtypes.pt", "torch 1.13", "int32/bfloat16/float16 tensors in a list")
    bio = io.BytesIO(); torch.save(sd, bio, pickle_protocol=4); wbytes("torch/protocol4.pt", bio.getvalue(), "torch 1.13", "torch.save pickle_protocol=4")


# ---------------- tarred model bundles
def tar_files():
    rng = np.random.RandomState(6)
    cfg = json.dumps({"architectures": ["BertModel"], "model_type": "bert", "hidden_size": 8, "num_hidden_layers": 1}, indent=2).encode()
    st = st_bytes({"embeddings.word_embeddings.weight": ("F32", [10, 8], rng.rand(80).astype(np.float32).tobytes())}, {"format": "pt"})
    tok = json.dumps({"version": "1.0", "model": {"type": "WordPiece", "vocab": {"[PAD]": 0, "[UNK]": 1, "hello": 2}, "unk_token": "[UNK]"}}).encode()
    members = [("model/config.json", cfg), ("model/model.safetensors", st), ("model/tokenizer.json", tok), ("model/README.md", b"# tiny bert\n")]
    for mode, ext in (("w", "tar"), ("w:gz", "tar.gz"), ("w:bz2", "tar.bz2"), ("w:xz", "tar.xz")):
        bio = io.BytesIO()
        with tarfile.open(fileobj=bio, mode=mode, format=tarfile.PAX_FORMAT) as t:
            for n, d in members:
                ti = tarfile.TarInfo(n); ti.size = len(d); ti.mtime = 0; ti.mode = 0o644
                t.addfile(ti, io.BytesIO(d))
        data = bio.getvalue()
        if ext == "tar.gz":
            data = data[:4] + b"\0\0\0\0" + data[8:]
        wbytes(f"bundles/bert_bundle.{ext}", data, "tarfile", f"model bundle ({mode}) of config/safetensors/tokenizer")
    # SageMaker model.tar.gz with inference code-free layout
    bio = io.BytesIO()
    npy = io.BytesIO(); np.save(npy, rng.rand(3, 3)); onnxb = open(path("onnx/opset13.onnx"), "rb").read()
    with tarfile.open(fileobj=bio, mode="w:gz") as t:
        for n, d in (("model.onnx", onnxb), ("weights.npy", npy.getvalue()), ("metadata.json", b'{"framework": "onnx"}')):
            ti = tarfile.TarInfo(n); ti.size = len(d); ti.mtime = 0
            t.addfile(ti, io.BytesIO(d))
    data = bio.getvalue()
    wbytes("bundles/sagemaker_model.tar.gz", data[:4] + b"\0\0\0\0" + data[8:], "tarfile", "SageMaker-style model.tar.gz (onnx + npy + json)")
    bio = io.BytesIO()
    with zipfile.ZipFile(bio, "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in members:
            z.writestr(zipfile.ZipInfo(n, (1980, 1, 1, 0, 0, 0)), d)
    wbytes("bundles/bert_bundle.zip", bio.getvalue(), "zipfile", "zip of the same bundle")


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    for fn in (plain_pickles, safetensors_files, gguf_files, numpy_files, hdf5_files, onnx_files, torch_files, tar_files):
        try:
            fn()
        except Exception as e:  # report what was left out
            LEFT.append(f"{fn.__name__}: {e!r}")
    with open(os.path.join(OUT, "MANIFEST.tsv"), "w") as f:
        f.write("file\tlibrary/class\thow made\texpected\n")
        for r in sorted(ROWS):
            f.write("\t".join(r) + "\n")
    print(len(ROWS), "files; left out:", LEFT or "nothing")


if __name__ == "__main__":
    main()
