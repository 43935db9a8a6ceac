"""Walks pickles with pickletools.genops (never unpickling) and records every global and how
it is used: called (REDUCE/INST/OBJ) with which argument kinds, rebuilt (NEWOBJ/NEWOBJ_EX,
copyreg reconstructors), given state (BUILD) or only referenced.

Only the pickles that make_stack.py itself produced are walked here.
"""
import _compat_pickle
import io
import pickletools


def py3_name(module, name, proto):
    """The name find_class resolves: protocols < 3 get CPython's Python 2 -> 3 mapping."""
    if proto < 3:
        if (module, name) in _compat_pickle.NAME_MAPPING:
            module, name = _compat_pickle.NAME_MAPPING[(module, name)]
        elif module in _compat_pickle.IMPORT_MAPPING:
            module = _compat_pickle.IMPORT_MAPPING[module]
    return module + "." + name


class Global:
    __slots__ = ("q",)

    def __init__(self, q):
        self.q = q


class Obj:
    """The result of a call or rebuild: remembers the callee for BUILD, and the class a copyreg
    helper rebuilt (protocols 0 and 1) for getattr of the instance."""

    __slots__ = ("callee", "cls")

    def __init__(self, callee, cls=None):
        self.callee = callee
        self.cls = cls


class Val:
    __slots__ = ("kind", "items")

    def __init__(self, kind, items=None):
        self.kind = kind
        self.items = items


MARK = object()

# stack_after names of pickletools' StackObjects -> our value kinds
_KINDS = {
    "int": "int",
    "int_or_bool": "int",
    "bool": "bool",
    "float": "float",
    "bytes": "bytes",
    "bytes_or_str": "str",
    "str": "str",
    "bytearray": "bytes",
    "None": "none",
    "list": "list",
    "dict": "dict",
    "set": "set",
    "frozenset": "frozenset",
    "tuple": "tuple",
    "buffer": "buffer",
    "any": "value",
}


def kind_of(v):
    if isinstance(v, Global):
        return "global:" + v.q
    if isinstance(v, Obj):
        return "obj:" + (v.callee.q if isinstance(v.callee, Global) else "?")
    if isinstance(v, Val):
        return v.kind
    return "value"


class Recorder:
    """Collects (global, use, argument kinds) -> count, with one example file each."""

    def __init__(self):
        self.uses = {}

    def note(self, q, use, args, where):
        key = (q, use, args)
        n, ex = self.uses.get(key, (0, where))
        self.uses[key] = (n + 1, ex)

    def walk(self, data, where, max_pickles=1):
        f = io.BytesIO(data)
        for _ in range(max_pickles):
            if f.tell() >= len(data):
                break
            self._walk_one(f, where)

    def _walk_one(self, f, where):
        stack, marks, memo = [], [], {}
        proto = 0

        def pop_mark():
            m = marks.pop()
            items = stack[m:]
            del stack[m:]
            return items

        def call(use, fn, args):
            tup = isinstance(args, Val) and args.kind == "tuple" and args.items is not None
            kinds = tuple(kind_of(a) for a in args.items) if tup else ("*" + kind_of(args),)
            if isinstance(fn, Global):
                self.note(fn.q, use, kinds, where)
                if fn.q in ("copyreg._reconstructor", "copyreg.__newobj__", "copyreg.__newobj_ex__"):
                    if isinstance(args, Val) and args.items and isinstance(args.items[0], Global):
                        self.note(args.items[0].q, "NEW", (), where)
                        return Obj(fn, args.items[0])
            return Obj(fn)

        for op, arg, pos in pickletools.genops(f):
            name = op.name
            if name == "MARK":
                marks.append(len(stack))
            elif name == "STOP":
                return
            elif name == "PROTO":
                proto = arg
            elif name == "FRAME":
                pass
            elif name in ("GLOBAL", "INST"):
                module, qual = arg.split(" ", 1)
                g = Global(py3_name(module, qual, proto))
                self.note(g.q, "REF", (), where)
                if name == "GLOBAL":
                    stack.append(g)
                else:
                    items = pop_mark()
                    stack.append(call("INST", g, Val("tuple", items)))
            elif name == "STACK_GLOBAL":
                qual = stack.pop()
                module = stack.pop()
                g = Global(str(module.items) + "." + str(qual.items))
                self.note(g.q, "REF", (), where)
                stack.append(g)
            elif name == "REDUCE":
                args = stack.pop()
                fn = stack.pop()
                result = call("REDUCE", fn, args)
                # getattr(cls_or_instance, "name"): what the pickle really reaches is cls.name
                if isinstance(fn, Global) and fn.q == "builtins.getattr" and args.items and len(args.items) == 2:
                    owner, attr = args.items
                    if isinstance(owner, Obj) and isinstance(owner.cls or owner.callee, Global):
                        owner = owner.cls or owner.callee
                    # a bound method of a list or dict value (matplotlib's Legend._remove_method is
                    # figure.legends.remove): the method of the builtin type
                    if isinstance(owner, Val) and owner.kind in ("list", "dict"):
                        owner = Global("builtins." + owner.kind)
                    if isinstance(owner, Global) and isinstance(attr, Val) and attr.kind == "str":
                        result = Global(owner.q + "." + attr.items)
                        self.note(result.q, "GETATTR", (), where)
                stack.append(result)
            elif name == "NEWOBJ":
                args = stack.pop()
                cls = stack.pop()
                if isinstance(cls, Global):
                    self.note(cls.q, "NEW", (), where)
                stack.append(Obj(cls))
            elif name == "NEWOBJ_EX":
                stack.pop()
                stack.pop()
                cls = stack.pop()
                if isinstance(cls, Global):
                    self.note(cls.q, "NEW", (), where)
                stack.append(Obj(cls))
            elif name == "OBJ":
                items = pop_mark()
                stack.append(call("OBJ", items[0], Val("tuple", items[1:])))
            elif name == "BUILD":
                stack.pop()
                target = stack[-1]
                if isinstance(target, Obj) and isinstance(target.callee, Global):
                    self.note(target.callee.q, "BUILD", (), where)
            elif name in ("PUT", "BINPUT", "LONG_BINPUT"):
                memo[arg] = stack[-1]
            elif name == "MEMOIZE":
                memo[len(memo)] = stack[-1]
            elif name in ("GET", "BINGET", "LONG_BINGET"):
                stack.append(memo[arg])
            elif name == "POP":
                if marks and marks[-1] == len(stack):
                    marks.pop()
                else:
                    stack.pop()
            elif name == "POP_MARK":
                pop_mark()
            elif name == "DUP":
                stack.append(stack[-1])
            elif name in ("TUPLE", "LIST", "DICT", "FROZENSET"):
                stack.append(Val(name.lower(), pop_mark()))
            elif name == "EMPTY_TUPLE":
                stack.append(Val("tuple", []))
            elif name in ("TUPLE1", "TUPLE2", "TUPLE3"):
                n = int(name[-1])
                items = stack[-n:]
                del stack[-n:]
                stack.append(Val("tuple", items))
            elif name in ("APPEND", "SETITEM"):
                del stack[-(1 if name == "APPEND" else 2):]
            elif name in ("APPENDS", "SETITEMS", "ADDITEMS"):
                pop_mark()
            elif name in ("PERSID", "BINPERSID"):
                if name == "BINPERSID":
                    stack.pop()
                stack.append(Val("pid"))
            elif name in ("EXT1", "EXT2", "EXT4"):
                stack.append(Val("ext"))
            elif name in ("SHORT_BINUNICODE", "BINUNICODE", "BINUNICODE8", "UNICODE", "STRING",
                          "BINSTRING", "SHORT_BINSTRING"):
                stack.append(Val("str", arg))
            else:
                for _ in op.stack_before:
                    stack.pop()
                for a in op.stack_after:
                    stack.append(Val(_KINDS.get(a.name, a.name)))
        raise ValueError("no STOP in " + where)
