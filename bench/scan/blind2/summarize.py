#!/usr/bin/python3
"""Reads the two JSON reports of `mlsec scan --format json` and the MANIFESTs; prints the counts,
every false positive (benign expected clean, verdict not clean) and every false negative
(adversarial, verdict clean). usage: summarize.py DIR benign.json adversarial.json [--markdown]"""
import collections
import csv
import json
import os
import sys


def manifest(path):
    with open(path) as f:
        return {r['file']: r for r in csv.DictReader(f, delimiter='\t')}


def verdicts(report):
    with open(report) as f:
        doc = json.load(f)
    out = {}
    for entry in doc['files']:
        name = os.path.basename(entry['path'])
        rules = sorted({x['rule'] for x in entry.get('findings', [])})
        msgs = [x['level'] + ' ' + x['rule'] + ': ' + x.get('message', '') for x in entry.get('findings', [])
                if x['level'] not in ('info',)]
        out[name] = (entry['verdict'], rules, msgs)
    return out


def main():
    here, bjson, ajson = sys.argv[1:4]
    md = '--markdown' in sys.argv
    ok = True
    for kind, js in (('benign', bjson), ('adversarial', ajson)):
        man = manifest(os.path.join(here, kind, 'MANIFEST.tsv'))
        got = verdicts(js)
        missing = sorted(set(man) - set(got))
        counts = collections.Counter(v[0] for n, v in got.items() if n in man)
        wrong = []
        for name, row in sorted(man.items()):
            v = got.get(name, ('missing', [], []))
            exp = row['expected']
            bad = (exp == 'clean' and v[0] != 'clean') or (exp != 'clean' and v[0] == 'clean') or v[0] == 'missing'
            if bad:
                wrong.append((name, row, v))
        n = len(man)
        if kind == 'benign':
            clean_exp = [r for r in man.values() if r['expected'] == 'clean']
            clean = sum(1 for r in clean_exp if got.get(r['file'], ('',))[0] == 'clean')
            print('benign: %d files, expected clean %d, clean %d, false positives %d  %s' % (
                n, len(clean_exp), clean, len(wrong), dict(counts)))
        else:
            caught = sum(1 for name in man if got.get(name, ('clean',))[0] != 'clean')
            print('adversarial: %d files, flagged or inconclusive %d, false negatives (clean) %d  %s' % (
                n, caught, len(wrong), dict(counts)))
        for name in missing:
            print('  MISSING from report:', name)
        label = 'false positive' if kind == 'benign' else 'false negative'
        for name, row, v in wrong:
            ok = False
            what = row.get('what') or row.get('source')
            if md:
                print('| `%s` | %s | %s | %s |' % (name, what, v[0], '<br>'.join(v[2][:3]) or '-'))
            else:
                print('  %s: %s [%s] %s :: %s' % (label, name, v[0], what, ' | '.join(v[2][:3])))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
