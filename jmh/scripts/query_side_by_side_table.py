#!/usr/bin/env python3
"""One table from a query_side_by_side.sh run: OUT/{hearth,vm,prom}.json (query_bench.py's format).

  python3 jmh/scripts/query_side_by_side_table.py OUT_DIR

Columns: median ms per side, Hearth's ratio to VictoriaMetrics and to Prometheus, and the checksum
(series/points/sum of finite values) of each side; '=' means the same checksum as Prometheus.
"""
import json
import os
import sys


def load(path):
    if not os.path.exists(path):
        return {}
    return {r['name']: r for r in json.load(open(path))['results']}


def checksum(r):
    if r is None:
        return '-'
    if 'error' in r:
        return 'ERROR ' + r['error'][:40]
    return '%s/%s/%.6g' % (r.get('series'), r.get('points'), r.get('sum', 0.0))


def med(r):
    if r is None or 'median_ms' not in r:
        return '-'
    m = r['median_ms']
    return '%.2f' % m if m < 10 else '%.1f' % m


def ratio(a, b):
    if a is None or b is None or 'median_ms' not in a or 'median_ms' not in b or b['median_ms'] == 0:
        return '-'
    return '%.2f' % (a['median_ms'] / b['median_ms'])


def main():
    out = sys.argv[1]
    h, v, p = (load(os.path.join(out, f + '.json')) for f in ('hearth', 'vm', 'prom'))
    names = list(dict.fromkeys(list(p) + list(v) + list(h)))
    print('| query | kind | Hearth ms | VM ms | Prom ms | Hearth/VM | Hearth/Prom | Prom checksum | Hearth | VM |')
    print('|---|---|---|---|---|---|---|---|---|---|')
    for n in names:
        a, b, c = h.get(n), v.get(n), p.get(n)
        any_ = a or b or c
        pc = checksum(c)
        hc = checksum(a)
        vc = checksum(b)
        print('| `%s` | %s | %s | %s | %s | %s | %s | %s | %s | %s |' % (
            any_['query'].replace('|', '\\|'), any_.get('kind', ''), med(a), med(b), med(c), ratio(a, b), ratio(a, c),
            pc, '=' if hc == pc and c else hc, '=' if vc == pc and c else vc))
    print()
    print('Hearth: in-process (parse + evaluate + result values), excluding HTTP and JSON encoding; '
          'VM and Prometheus: client-side wall time of the HTTP request over loopback (query_bench.py). '
          'Medians of the timed runs after one warm-up. VictoriaMetrics answers some queries differently '
          '(its rate() does not extrapolate), so its checksums may differ by design. '
          'On this dataset samples sit on whole seconds and the query times too, so a range window\'s left edge '
          'falls on a sample: Prometheus 2.42 includes it (closed windows), Hearth follows 3.x and does not, so '
          'rate/increase checksums differ from 2.42\'s by design; the differential test '
          '(PrometheusDifferentialTest) checks exact agreement with edges kept off the samples.')


if __name__ == '__main__':
    main()
