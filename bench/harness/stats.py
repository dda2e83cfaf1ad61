"""stats.py - medians and ranges of the recorded runs."""
import statistics


def summarise(runs, metrics):
    """{metric key: {contender: {'median', 'min', 'max', 'n'} or {'na': True}}}
    from the non-warm-up runs."""
    out = {}
    for m in metrics:
        per = {}
        for run in runs:
            # A failed run keeps the figures it did produce.
            if run['warmup'] or run['mode'] != m.mode:
                continue
            value = run['values'].get(m.key)
            if value is None:
                continue
            slot = per.setdefault(run['contender'], [])
            try:
                slot.append(float(value) * m.scale)
            except ValueError:
                slot.append(None)  # "na": the contender has no such path
        row = {}
        for name, values in per.items():
            nums = [v for v in values if v is not None]
            if not nums:
                row[name] = {'na': True}
                continue
            row[name] = {'median': statistics.median(nums), 'min': min(nums),
                         'max': max(nums), 'n': len(nums)}
        out[m.key] = row
    return out
