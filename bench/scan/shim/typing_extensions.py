"""Debian bookworm's typing_extensions (4.4) predates typing_extensions.Buffer (4.6), a name
fickling imports for type hints only: this re-exports Debian's module and adds the name."""
import importlib.util as _u

_spec = _u.spec_from_file_location("_debian_typing_extensions", "/usr/lib/python3/dist-packages/typing_extensions.py")
_real = _u.module_from_spec(_spec)
_spec.loader.exec_module(_real)
globals().update({k: v for k, v in vars(_real).items() if not k.startswith("__")})
if "Buffer" not in globals():
    class Buffer:  # noqa: D101 - a typing-only protocol for fickling's annotations
        pass
