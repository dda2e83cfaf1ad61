"""report.py - the Markdown table and the JSON file of a suite run."""
import json

CONTENDERS = ('floor', 'sash', 'sash-untuned', 'sash-scheme', 'floor-gtk4', 'sash-gtk4',
              'chromium')


def fmt(v):
    if v == int(v) and abs(v) < 1e6:
        return f'{int(v):,}'
    if abs(v) >= 1000:
        return f'{v:,.0f}'
    if abs(v) >= 100:
        return f'{v:.0f}'
    if abs(v) >= 10:
        return f'{v:.1f}'
    return f'{v:.2f}'


def ratio_text(value, floor):
    if value is None or not floor:
        return ''
    r = value / floor
    return f'{r:,.0f}×' if r >= 100 else f'{r:.2f}×'


def cell(metric, name, summary, status):
    """The text of one table cell, and the median (or None)."""
    s = summary.get(metric.key, {}).get(name)
    if s is None:
        return status(metric, name), None
    if s.get('na'):
        return 'n/a', None
    text = fmt(s['median'])
    if s['n'] > 1:
        text += f' ({fmt(s["min"])}–{fmt(s["max"])})'
    return text, s['median']


def markdown(meta, metrics, summary, status, notes, chart_name, incidents):
    arrows = {'lower': ' ↓', 'higher': ' ↑', '': ''}
    lines = [f'# Sash benchmarks: {meta["date"][:10]}, {meta["host"]}', '']
    if meta['quick']:
        lines += ['**Quick mode** (tiny counts, a smoke test: these figures are not '
                  'measurements).', '']
    lines += [
        f'{meta["cpu"]}, {meta["cores"]} cores, Linux {meta["kernel"]}; '
        f'WebKitGTK {meta["webkitgtk"]}; {meta["chromium"]}; sash {meta["commit"]}; '
        f'load average {meta["load_at_start"]} at the start (other work on the machine '
        'widens the ranges).',
        '',
        'Each cell: median (min–max) of the measured runs; warm-up runs are '
        'discarded; contenders alternate run by run. Ratios are contender ÷ floor '
        '(↓ lower is better, ↑ higher is better).',
        '',
        '| measurement | floor | sash | sash ÷ floor | sash, WebKit tuning off | '
        '÷ floor | sash, shared memory off | ÷ floor | floor on GTK4 | ÷ floor | '
        'sash on GTK4 | ÷ floor | chromium | chromium ÷ floor |',
        '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ]
    for m in metrics:
        if not any(summary.get(m.key, {}).get(c) for c in CONTENDERS):
            continue
        unit = f' ({m.unit})' if m.unit else ''
        row = [f'{m.label}{unit}{arrows[m.better]}']
        floor_text, floor = cell(m, 'floor', summary, status)
        row.append(floor_text)
        for name in CONTENDERS[1:]:
            text, median = cell(m, name, summary, status)
            ratio = ratio_text(median, floor)
            row += [text, ratio]
        lines.append('| ' + ' | '.join(row) + ' |')
    if chart_name:
        lines += ['', f'![chart]({chart_name})']
    if incidents:
        lines += ['', '## Failed and retried runs', ''] + [f'- {i}' for i in incidents]
    lines += ['', '## How it was measured', ''] + [f'- {n}' for n in notes]
    return '\n'.join(lines) + '\n'


def write_json(path, meta, config, runs, summary):
    with open(path, 'w') as f:
        json.dump({'meta': meta, 'config': config, 'summary': summary, 'runs': runs},
                  f, indent=1, ensure_ascii=False)
        f.write('\n')
