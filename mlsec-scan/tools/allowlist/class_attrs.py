#!/usr/bin/env python3
"""Writes which attributes of the allowlisted classes getattr may fetch without running code.

A pickle may store a bound method as getattr(obj, 'name') (how method objects reduce); the scanner
keeps that as a value. But when 'name' is a property or another computed descriptor of obj's
class, getattr runs its getter while the file loads. This reads the allowlisted classes with
inspect.getattr_static, never calling an attribute, and writes
src/main/resources/dev/mlsec/scan/pickle/class-attributes.tsv:

    module.Class <TAB> computed <TAB> names <TAB> private
        names: public names whose lookup runs code (property, cached_property, getset or other
        descriptors)
    module.Class <TAB> hooked   <TAB> names <TAB> private
        the class defines __getattr__ or __getattribute__: only these public names (methods) are
        known plain

    private: the private names (one leading underscore or a mangled name, never a dunder) that
    are plain methods of the class (a function, builtin or method descriptor, classmethod or
    staticmethod of the library's classes in the MRO, not object's): getattr(obj, '_name') only
    binds it, as a pickled bound method does (scipy's qmc engines keep getattr(self,
    '_random_lhs')), and getattr(cls, '_name') only fetches it (torch's SWALR state keeps
    getattr(SWALR, '_cosine_anneal')). Empty for a class with its own __getattribute__ or whose
    metaclass has one (every lookup runs its code).

The classes read: every exact class entry of allowlist.tsv, and every class that a glob entry
('scipy.*', 'torch.nn.modules.*') matches among the modules imported by resolving the exact
entries and importing each glob's package (a pickle names a class by its defining module, so only
classes whose __module__ and __qualname__ name them are read). A class not in the file (one that
failed to import, or in a module nothing imports) has no known plain attribute. Run by ./run
after make_allowlist.py (Debian's /usr/bin/python3); deterministic.
"""
import fnmatch
import importlib
import inspect
import os
import sys
import types
import warnings

from make_allowlist import RESOURCE as ALLOWLIST, resolve

OUT = os.path.join(os.path.dirname(os.path.dirname(ALLOWLIST)), "pickle", "class-attributes.tsv")

# what getattr on an instance only binds or returns: no code of the library runs
PLAIN = (
    types.FunctionType,
    types.BuiltinFunctionType,
    types.MethodDescriptorType,
    types.WrapperDescriptorType,
    types.ClassMethodDescriptorType,
    classmethod,
    staticmethod,
)


def hooks(cls):
    """Whether a class of the library (not object/type) overrides attribute lookup."""
    for base in inspect.getmro(cls):
        if base in (object, type):
            continue
        if "__getattr__" in vars(base) or "__getattribute__" in vars(base):
            return True
    return False


def hooks_lookup(cls):
    """Whether a class of the library overrides __getattribute__ (runs for every name)."""
    return any("__getattribute__" in vars(b) for b in inspect.getmro(cls) if b not in (object, type))


def meta_hooks_lookup(cls):
    """Whether the class's metaclass overrides __getattribute__ (runs for getattr(cls, name))."""
    return any("__getattribute__" in vars(b) for b in type(cls).__mro__ if b not in (object, type))


def private_methods(cls):
    """Private (not dunder) names that are plain methods of the library's classes in the MRO."""
    if hooks_lookup(cls) or meta_hooks_lookup(cls):
        return []
    names = set()
    for base in inspect.getmro(cls):
        if base in (object, type):
            continue
        for n in vars(base):
            if n.startswith("_") and not (n.startswith("__") and n.endswith("__")):
                names.add(n)
    out = []
    for n in sorted(names):
        try:
            a = inspect.getattr_static(cls, n)
        except AttributeError:
            continue
        if isinstance(a, PLAIN):
            out.append(n)
    return out


def glob_matches(q, globs):
    """Whether an allowlist glob matches q: 'pkg.*' at any depth, else '*' within one segment."""
    for g in globs:
        if g.endswith(".*") and g.count("*") == 1:
            if q.startswith(g[:-1]):
                return True
        elif q.count(".") == g.count(".") and fnmatch.fnmatchcase(q, g):
            return True
    return False


def globbed_classes(globs, exact):
    """Classes a glob entry matches, defined (by __module__ and __qualname__) in imported modules."""
    for g in globs:
        root = g.split("*", 1)[0].rstrip(".")
        try:
            importlib.import_module(root)
        except Exception:
            pass
    out = set()
    for m in sorted(sys.modules):
        mod = sys.modules[m]
        if mod is None:
            continue
        try:
            items = sorted(vars(mod).items())
        except TypeError:
            continue
        for k, v in items:
            if isinstance(v, type) and getattr(v, "__module__", None) == m and v.__qualname__ == k:
                q = m + "." + k
                if q not in exact and glob_matches(q, globs):
                    out.add(q)
    return out


def public_names(cls):
    names = set()
    for base in inspect.getmro(cls):
        names.update(n for n in vars(base) if not n.startswith("_"))
    return sorted(names)


def main():
    warnings.simplefilter("ignore")
    classes, globs = set(), []
    with open(ALLOWLIST) as f:
        for line in f:
            if line.startswith("#") or line.startswith("global\t"):
                continue
            q = line.split("\t", 1)[0]
            if "*" in q:
                globs.append(q)
            else:
                classes.add(q)
    resolved = {q: resolve(q) for q in sorted(classes)}
    for q in globbed_classes(globs, classes):
        resolved[q] = resolve(q)
    out = []
    for q in sorted(resolved):
        cls = resolved[q]
        if not isinstance(cls, type):
            continue
        private = " ".join(private_methods(cls))
        plain, computed = [], []
        for n in public_names(cls):
            try:
                a = inspect.getattr_static(cls, n)
            except AttributeError:
                continue
            (plain if isinstance(a, PLAIN) else computed).append(n)
        if hooks(cls):
            out.append("%s\thooked\t%s\t%s" % (q, " ".join(plain), private))
        else:
            out.append("%s\tcomputed\t%s\t%s" % (q, " ".join(computed), private))
    with open(OUT, "w") as f:
        f.write("# GENERATED by mlsec-scan/tools/allowlist/class_attrs.py from allowlist.tsv with the\n")
        f.write("# installed libraries (inspect.getattr_static, nothing called); do not edit by hand.\n")
        f.write("# class<TAB>computed<TAB>names whose getattr runs code | class<TAB>hooked<TAB>plain names;\n")
        f.write("# then <TAB>private names that are plain methods\n")
        for line in out:
            f.write(line + "\n")


if __name__ == "__main__":
    main()
