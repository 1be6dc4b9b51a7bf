"""Timings of the evaluation harness on this machine: `python benchmarks/eval_bench.py` prints a markdown table.

Measures `evaluate_predictions` (bootstrap intervals dominate), a paired comparison and the tabular baselines
on the synthetic data. No assertions: numbers for the reader, not tests."""
import tempfile, time
from pathlib import Path
import numpy as np
from creditrisk.schema import LABELS
from creditrisk.data import prepare_dataset
from creditrisk.evaluation import compare_predictions, evaluate_predictions, tabular_baselines

def timed(fn, repeat=3):
    best = float('inf')
    for _ in range(repeat):
        t = time.perf_counter(); fn(); best = min(best, time.perf_counter() - t)
    return best

def main():
    rng = np.random.default_rng(0)
    rows = ['| what | n | seconds (best of 3) |', '|---|---:|---:|']
    for n in (200, 1239, 5000):
        t = rng.choice(LABELS, n).tolist()
        p = [x if rng.random() < 0.6 else rng.choice(LABELS) for x in t]
        P = rng.dirichlet([1, 1, 1], n)
        rows.append(f'| evaluate_predictions (2000 bootstrap resamples) | {n:,} | {timed(lambda: evaluate_predictions(t, p)):.3f} |')
        rows.append(f'| evaluate_predictions + probabilities | {n:,} | {timed(lambda: evaluate_predictions(t, p, probs=P)):.3f} |')
        rows.append(f'| compare_predictions (paired bootstrap + McNemar) | {n:,} | {timed(lambda: compare_predictions(t, p, t)):.3f} |')
    with tempfile.TemporaryDirectory() as tmp:
        dd = prepare_dataset(out_dir=Path(tmp), n_synthetic=6000)
        rows.append(f"| tabular_baselines (fit + evaluate, synthetic) | {len(dd['test']):,} test rows | {timed(lambda: tabular_baselines(dd), 1):.3f} |")
    print('\n'.join(rows))

if __name__ == '__main__': main()
