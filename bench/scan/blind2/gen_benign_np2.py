#!/usr/bin/env python3
"""Appends numpy 2.x / scipy 1.17 pickles to bench/scan/blind2/benign/ (run AFTER gen_benign.py, with an
interpreter that has numpy >= 2 and scipy, e.g. the pyenv python3 of this machine: numpy 2.4, scipy 1.17).
numpy 2 moved numpy.core to numpy._core and changed how Generators pickle, so these are a different call
shape from the Debian files. Every row is expected clean."""
import os
import pickle
import sys
import warnings

warnings.simplefilter('ignore')
import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'benign')
ROWS = []
RNG = np.random.default_rng(0)
X = RNG.random((30, 3))
Y = X @ np.array([1.0, 2.0, -1.0])
TAG = 'numpy %s' % np.__version__


def pk(name, lib, what, fn, proto=4):
    try:
        data = pickle.dumps(fn(), protocol=proto)
    except Exception as e:
        print('skipped', name, repr(e)[:100], file=sys.stderr)
        return
    assert len(data) < 200_000, name
    with open(os.path.join(OUT, name), 'wb') as f:
        f.write(data)
    ROWS.append((name, lib, '%s (protocol %d, %s)' % (what, proto, TAG), 'clean'))


def main():
    for proto in (0, 2, 4, 5):
        pk('np2_arrays_p%d.pkl' % proto, 'numpy2', 'float/int/bool/complex/F-order arrays',
           lambda: [np.arange(6.0).reshape(2, 3), np.asfortranarray(np.ones((2, 2), 'i4')), np.array([True]), np.array([1j])], proto)
    pk('np2_object_structured.pkl', 'numpy2', 'object array of dicts, structured, datetime64, str arrays',
       lambda: [np.array([{'a': 1}, None], dtype=object), np.zeros(2, [('x', 'f4'), ('y', 'i8', (2,))]),
                np.array(['2020-01-01'], 'M8[D]'), np.array(['ab', 'c'])])
    pk('np2_scalars_dtypes.pkl', 'numpy2', 'scalars and dtypes', lambda: [np.float32(1.5), np.int64(3), np.datetime64('2020-01-01'),
                                                                    np.dtype('>f8'), np.dtype([('a', 'u1')]), np.str_('s')])
    pk('np2_masked.pkl', 'numpy2', 'masked array', lambda: np.ma.array([1, 2, 3], mask=[0, 1, 0]))
    pk('np2_generator_pcg64.pkl', 'numpy2', 'Generator(PCG64)', lambda: np.random.default_rng(1))
    pk('np2_randomstate.pkl', 'numpy2', 'RandomState', lambda: np.random.RandomState(2))
    pk('np2_bitgens_seedseq.pkl', 'numpy2', 'MT19937/Philox/SFC64 bit generators and SeedSequence',
       lambda: [np.random.MT19937(1), np.random.Philox(2), np.random.SFC64(3), np.random.SeedSequence(4)])
    pk('np2_polynomial_p2.pkl', 'numpy2', 'Polynomial and Legendre', lambda: [np.polynomial.Polynomial([1, 2]), np.polynomial.Legendre([0, 1])], 2)
    pk('np2_ufuncs.pkl', 'numpy2', 'ufuncs by reference', lambda: [np.add, np.log1p, np.sqrt])
    np.save(os.path.join(OUT, 'np2_save_object.npy'), np.array([{'k': 1}, 'x'], dtype=object), allow_pickle=True)
    ROWS.append(('np2_save_object.npy', 'numpy2', 'np.save of an object array (embedded numpy-2 pickle)', 'clean'))
    np.savez(os.path.join(OUT, 'np2_savez.npz'), a=np.ones(3), o=np.array([None, 1], dtype=object))
    ROWS.append(('np2_savez.npz', 'numpy2', 'np.savez with an object member (numpy 2)', 'clean'))
    import scipy
    from scipy import interpolate, optimize, sparse, spatial, stats
    from scipy.spatial.transform import Rotation
    tag = 'scipy %s' % scipy.__version__
    for name, what, fn in [
        ('sp117_sparse.pkl', 'csr_array/coo_matrix/dok_array', lambda: [sparse.csr_array(np.eye(3)), sparse.coo_matrix(np.eye(2)), sparse.dok_array((2, 2))]),
        ('sp117_frozen_norm.pkl', 'frozen norm(1, 2)', lambda: stats.norm(1, 2)),
        ('sp117_frozen_gamma_poisson.pkl', 'frozen gamma and poisson', lambda: [stats.gamma(2.0, scale=3), stats.poisson(4)]),
        ('sp117_frozen_multivariate.pkl', 'frozen multivariate_normal and dirichlet', lambda: [stats.multivariate_normal([0, 0]), stats.dirichlet([1, 2])]),
        ('sp117_kde.pkl', 'gaussian_kde', lambda: stats.gaussian_kde(Y)),
        ('sp117_interpolators.pkl', 'CubicSpline, make_interp_spline, RegularGridInterpolator',
         lambda: [interpolate.CubicSpline(np.arange(5.0), np.arange(5.0) ** 2), interpolate.make_interp_spline(np.arange(5.0), np.arange(5.0)),
                  interpolate.RegularGridInterpolator((np.arange(3.0), np.arange(3.0)), np.ones((3, 3)))]),
        ('sp117_trees_rotation.pkl', 'KDTree, cKDTree, Rotation', lambda: [spatial.KDTree(X), spatial.cKDTree(X), Rotation.from_euler('z', 30, degrees=True)]),
        ('sp117_results.pkl', 'linregress and pearsonr results', lambda: [stats.linregress(X[:, 0], Y), tuple(stats.pearsonr(X[:, 0], Y))]),
        ('sp117_minimize.pkl', 'minimize result x/fun', lambda: dict(optimize.minimize(lambda v: (v ** 2).sum(), np.ones(2), method='BFGS'))),
    ]:
        pk(name, 'scipy117', what + ', ' + tag, fn)
    with open(os.path.join(OUT, 'MANIFEST.tsv'), 'a') as f:
        for r in ROWS:
            f.write('\t'.join(r) + '\n')
    print('%d numpy-2/scipy files appended' % len(ROWS))


if __name__ == '__main__':
    main()
