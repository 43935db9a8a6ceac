"""Byte writers the blind sets' gen_adversarial.py share (blind3, blind4, blind5).

Stdlib only; everything returns bytes and nothing is ever unpickled. Each generator keeps its own
short names for these (`u`, `t`, `call`, ...), bound to the writer that gives its committed
fixtures byte for byte: the sets differ in which string and tuple opcodes they emit, so the
choice is explicit (`binunicode` or `short_binunicode` or `unicode`, `mark_tuple` or
`small_tuple`).
"""
import os
import struct

# ---------------------------------------------------------------- pickle opcodes
NONE = b"N"
TRUE = b"\x88"
FALSE = b"\x89"
REDUCE = b"R"
STOP = b"."


def binunicode(s):
    """BINUNICODE: 'X', a 4-byte length, UTF-8."""
    b = s.encode("utf-8")
    return b"X" + struct.pack("<I", len(b)) + b


def short_binunicode(s):
    """SHORT_BINUNICODE: 0x8c, a 1-byte length, UTF-8 (under 256 bytes)."""
    b = s.encode("utf-8")
    return b"\x8c" + bytes([len(b)]) + b


def unicode(s):
    """SHORT_BINUNICODE when it fits, else BINUNICODE."""
    b = s.encode("utf-8")
    return short_binunicode(s) if len(b) < 256 else binunicode(s)


def binbytes(b):
    """SHORT_BINBYTES when it fits, else BINBYTES."""
    return b"C" + bytes([len(b)]) + b if len(b) < 256 else b"B" + struct.pack("<I", len(b)) + b


def binint(n):
    """BININT: a signed 4-byte int."""
    return b"J" + struct.pack("<i", n)


def binint1(n):
    """BININT1: an unsigned byte."""
    return b"K" + bytes([n])


def text_global(mod, name):
    """GLOBAL: 'c', module and name on their own lines."""
    return b"c" + mod.encode() + b"\n" + name.encode() + b"\n"


def stack_global(mod, name, string=binunicode):
    """STACK_GLOBAL of two strings pushed by `string`."""
    return string(mod) + string(name) + b"\x93"


def mark_tuple(*items):
    """MARK, the items, TUPLE."""
    return b"(" + b"".join(items) + b"t"


def small_tuple(*items):
    """EMPTY_TUPLE, TUPLE1/2/3, or MARK ... TUPLE for more."""
    if not items:
        return b")"
    if len(items) <= 3:
        return b"".join(items) + {1: b"\x85", 2: b"\x86", 3: b"\x87"}[len(items)]
    return mark_tuple(*items)


def mark_list(*items):
    """EMPTY_LIST, then MARK ... APPENDS when there are items."""
    return b"]" + (b"(" + b"".join(items) + b"e" if items else b"")


def mark_dict(*pairs):
    """EMPTY_DICT, then MARK ... SETITEMS of (key, value) byte pairs when there are any."""
    return b"}" + (b"(" + b"".join(k + v for k, v in pairs) + b"u" if pairs else b"")


def call(fn, *args, tup=mark_tuple):
    """fn(*args): the callable, the argument tuple (written by `tup`), REDUCE."""
    return fn + tup(*args) + REDUCE


def protocol(body, proto):
    """PROTO n, the body, STOP."""
    return b"\x80" + bytes([proto]) + body + STOP


# ---------------------------------------------------------------- protobuf (ONNX)
def varint(n):
    """A protobuf base-128 varint."""
    out = b""
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out += bytes([b | 0x80])
        else:
            return out + bytes([b])


# ---------------------------------------------------------------- files
def write_file(out, name, data):
    """Writes data (bytes, or text as UTF-8) at out/name, making its folders."""
    path = os.path.join(out, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def write_manifest(out, header, rows):
    """out/MANIFEST.tsv: the header columns, then one tab-separated line a row, in order given."""
    with open(os.path.join(out, "MANIFEST.tsv"), "w") as f:
        f.write("\t".join(header) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
