"""chart.py - one PNG: a panel per measurement, a bar per contender.

Bars are medians, whiskers min–max, labels "median (ratio to floor)".
Needs matplotlib (Debian: python3-matplotlib); the caller skips the chart
when it is missing.
"""
import importlib.util
import math

COLORS = {'floor': '#7f7f7f', 'sash': '#1f77b4', 'sash-untuned': '#9ecae1',
          'sash-scheme': '#6baed6',
          'floor-gtk4': '#bdbdbd', 'sash-gtk4': '#2ca02c', 'chromium': '#ff7f0e'}


def available():
    return importlib.util.find_spec('matplotlib') is not None


def _label(v):
    return f'{v:,.0f}' if v >= 100 else f'{v:.3g}'


def draw(path, title, metrics, summary, contenders, status):
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    from matplotlib import ticker

    # A panel needs the floor: every figure is read against it.
    panels = [m for m in metrics if 'median' in summary.get(m.key, {}).get('floor', {})]
    cols = 3
    rows = max(1, math.ceil(len(panels) / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(15, 2.4 * rows + 0.8), squeeze=False)
    for ax in axes.flat[len(panels):]:
        ax.axis('off')
    for ax, m in zip(axes.flat, panels):
        row = summary[m.key]
        floor = row['floor']['median']
        top = max(s['max'] for s in row.values() if 'median' in s)
        log = top / max(min(s['min'] for s in row.values() if 'median' in s), 1e-9) > 200
        for i, c in enumerate(contenders):
            s = row.get(c, {})
            if 'median' not in s:
                ax.text(0.01, i, s and 'n/a' or status(m, c), transform=ax.get_yaxis_transform(),
                        va='center', fontsize=8.5, color='#555555')
                continue
            ax.barh(i, s['median'], color=COLORS[c], height=0.7,
                    xerr=[[s['median'] - s['min']], [s['max'] - s['median']]],
                    capsize=3, error_kw={'elinewidth': 1})
            text = _label(s['median'])
            if c != 'floor':
                r = s['median'] / floor
                text += f'  ({r:,.0f}×)' if r >= 100 else f'  ({r:.2f}×)'
            ax.annotate(text, (s['max'], i), xytext=(5, 0), textcoords='offset points',
                        va='center', fontsize=8.5)
        ax.set_yticks(range(len(contenders)), contenders)
        ax.set_ylim(len(contenders) - 0.5, -0.5)
        if log:  # Chromium's size is four orders of magnitude above the rest
            ax.set_xscale('log')
        else:
            ax.xaxis.set_major_formatter(ticker.EngFormatter(sep=''))
        hint = {'lower': '  ↓ better', 'higher': '  ↑ better'}.get(m.better, '')
        unit = f' [{m.unit}]' if m.unit else ''
        ax.set_title(f'{m.label}{unit}{hint}', fontsize=9.5, loc='left')
        ax.tick_params(labelsize=8.5)
        ax.grid(axis='x', alpha=0.3)
        ax.set_axisbelow(True)
        ax.margins(x=0.3)
    fig.suptitle(title, fontsize=12, x=0.01, ha='left')
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
