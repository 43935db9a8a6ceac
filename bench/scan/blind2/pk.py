"""A tiny pickle assembler for the blind2 adversarial set: it writes opcodes, it never loads anything."""
import struct


class P:
    def __init__(self, proto=4, frame=False):
        self.b = bytearray()
        self.memo = 0
        if proto is not None and proto >= 2:
            self.b += b'\x80' + bytes([proto])
        self.proto = proto

    def op(self, raw):
        self.b += raw
        return self

    # constants
    def s(self, text):
        data = text.encode('utf-8')
        if self.proto is None or self.proto < 1:
            # protocol 0 UNICODE: raw-unicode-escape, newline terminated
            self.b += b'V' + text.encode('raw-unicode-escape') + b'\n'
        elif len(data) < 256 and (self.proto or 0) >= 4:
            self.b += b'\x8c' + bytes([len(data)]) + data
        else:
            self.b += b'X' + struct.pack('<I', len(data)) + data
        return self

    def s8(self, text):
        data = text.encode('utf-8')
        self.b += b'\x8d' + struct.pack('<Q', len(data)) + data
        return self

    def by(self, data):
        if len(data) < 256:
            self.b += b'C' + bytes([len(data)]) + data
        else:
            self.b += b'B' + struct.pack('<I', len(data)) + data
        return self

    def i(self, n):
        if self.proto is None or self.proto < 1:
            self.b += b'I' + str(n).encode() + b'\n'
        elif 0 <= n < 256:
            self.b += b'K' + bytes([n])
        else:
            self.b += b'J' + struct.pack('<i', n)
        return self

    def none(self):
        self.b += b'N'
        return self

    def true(self):
        self.b += b'\x88'
        return self

    def false(self):
        self.b += b'\x89'
        return self

    # structure
    def mark(self):
        self.b += b'('
        return self

    def tup(self):
        self.b += b't'
        return self

    def tup1(self):
        self.b += b'\x85'
        return self

    def tup2(self):
        self.b += b'\x86'
        return self

    def tup3(self):
        self.b += b'\x87'
        return self

    def empty_tuple(self):
        self.b += b')'
        return self

    def lst(self):
        self.b += b'l'
        return self

    def empty_list(self):
        self.b += b']'
        return self

    def appends(self):
        self.b += b'e'
        return self

    def empty_dict(self):
        self.b += b'}'
        return self

    def setitem(self):
        self.b += b's'
        return self

    def setitems(self):
        self.b += b'u'
        return self

    def dct(self):
        self.b += b'd'
        return self

    # globals and calls
    def g(self, module, name):
        """GLOBAL (text) opcode."""
        self.b += b'c' + module.encode() + b'\n' + name.encode() + b'\n'
        return self

    def sg(self, module, name):
        """STACK_GLOBAL with short unicode names."""
        self.s(module).s(name)
        self.b += b'\x93'
        return self

    def glob(self, module, name):
        if self.proto is not None and self.proto >= 4:
            return self.sg(module, name)
        return self.g(module, name)

    def reduce(self):
        self.b += b'R'
        return self

    def build(self):
        self.b += b'b'
        return self

    def newobj(self):
        self.b += b'\x81'
        return self

    def newobj_ex(self):
        self.b += b'\x92'
        return self

    def obj(self):
        self.b += b'o'
        return self

    def inst(self, module, name):
        self.b += b'i' + module.encode() + b'\n' + name.encode() + b'\n'
        return self

    def call(self, module, name, *args):
        """module.name(*args) with constant str/int/bytes/None args."""
        self.glob(module, name)
        self.mark()
        for a in args:
            self.const(a)
        self.tup().reduce()
        return self

    def const(self, a):
        if a is None:
            return self.none()
        if isinstance(a, bool):
            return self.true() if a else self.false()
        if isinstance(a, int):
            return self.i(a)
        if isinstance(a, str):
            return self.s(a)
        if isinstance(a, (bytes, bytearray)):
            return self.by(bytes(a))
        if isinstance(a, tuple):
            self.mark()
            for x in a:
                self.const(x)
            return self.tup()
        if isinstance(a, list):
            self.mark()
            for x in a:
                self.const(x)
            return self.lst()
        if isinstance(a, dict):
            self.mark()
            for k, v in a.items():
                self.const(k)
                self.const(v)
            return self.dct()
        raise TypeError(a)

    # memo
    def put(self):
        if self.proto is not None and self.proto >= 4:
            self.b += b'\x94'
        else:
            self.b += b'q' + bytes([self.memo])
        self.memo += 1
        return self.memo - 1

    def get(self, idx):
        self.b += b'h' + bytes([idx])
        return self

    def long_put(self, idx):
        self.b += b'r' + struct.pack('<I', idx)
        return self

    def long_get(self, idx):
        self.b += b'j' + struct.pack('<I', idx)
        return self

    def pop(self):
        self.b += b'0'
        return self

    def pop_mark(self):
        self.b += b'1'
        return self

    def dup(self):
        self.b += b'2'
        return self

    def stop(self):
        self.b += b'.'
        return bytes(self.b)


def kwcall(p, module, name, args, kwargs):
    """functools.partial(module.name) rebuilt with BUILD state (func, (), kwargs, None), then called with args."""
    p.glob('functools', 'partial')
    p.mark().glob(module, name).tup().reduce()
    p.mark().glob(module, name).empty_tuple().const(kwargs).none().tup().build()
    p.const(tuple(args)).reduce()
    return p
