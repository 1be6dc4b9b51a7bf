"""Batch assessment at volume: `creditrisk-assess in.csv out.csv` timed and its peak memory read, at growing row counts.

    python benchmarks/batch_bench.py --rows 1000,10000 [--model label-smollm2] [--mode score] [--shards 1]

Each input is the embedded data's six features cycled to the row count, each pass with its incomes $1 higher (an
assessor remembers the prompts it scored, so a repeated row would cost nothing), and every 50th row made invalid, so the
rejected-rows side file is exercised too. Each run is `creditrisk-assess` in its own process (or `--shards N`
processes, each `--shard k/N` of the same CSV, at once), so the peak resident memory is that process's own
(`os.wait4`'s `ru_maxrss`). A first run of `--warmup` rows measures the fixed cost (imports, model load), and the
steady rate is the rows beyond it over the time beyond it; 1M rows is projected from the largest run. Prints a
markdown table and the machine's load; no assertions — figures for the reader, measured on a quiet machine.
"""
import argparse, csv, itertools, os, platform, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIELDS = ('age', 'occupation', 'annual_income', 'outstanding_debt', 'credit_utilization', 'payment_behavior')

def write_input(path: Path, rows: int, bad_every: int=50) -> int:
    "`rows` data rows cycled from the embedded data (each pass adds $1 to the incomes: scored prompts are remembered); every `bad_every`-th gets an impossible age. The number of bad rows."
    with open(ROOT/'data'/'creditmix.csv', newline='') as f: src = [{k: r[k] for k in FIELDS} for r in csv.DictReader(f)]
    bad = 0
    with open(path, 'w', newline='') as f:
        w = csv.DictWriter(f, FIELDS); w.writeheader()
        for i, r in zip(range(rows), itertools.cycle(src)):
            if c := i // len(src): r = {**r, 'annual_income': f"{float(r['annual_income']) + c:.2f}"}   # a new customer, not a cached prompt
            if bad_every and (i + 1) % bad_every == 0: r = {**r, 'age': '500'}; bad += 1
            w.writerow(r)
    return bad

def run(src: Path, out: Path, args, shards: int=1) -> tuple:
    "Wall seconds and the largest peak RSS (MiB) of `shards` concurrent `creditrisk-assess` processes."
    exe = Path(sys.executable).parent/'creditrisk-assess'
    t = time.perf_counter()
    procs = [subprocess.Popen([str(exe), str(src), str(out.with_suffix(f'.{k}.csv')), '--model', args.model, '--mode', args.mode,
                               '--batch_size', str(args.batch_size), '--shard', f'{k}/{shards}'],
                              stdout=subprocess.DEVNULL, stderr=open(out.with_suffix(f'.{k}.log'), 'w')) for k in range(shards)]   # a file, not a pipe: a long run's progress bar would fill a pipe
    peak = 0
    for p in procs:
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode not in (0, 3): sys.exit(   # 3: done, with rejected rows (every 50th here)
            f"creditrisk-assess failed ({p.returncode}): {Path(p.stderr.name).read_text()[-2000:]}")
        peak = max(peak, usage.ru_maxrss / 1024)
    return time.perf_counter() - t, peak

def count_rows(out: Path, shards: int) -> tuple:
    "Assessed and rejected rows over the shards' outputs."
    n = lambda p: sum(1 for _ in csv.reader(open(p, newline=''))) - 1 if p.exists() else 0   # records, not lines: a reasoning spans lines
    outs = [out.with_suffix(f'.{k}.csv') for k in range(shards)]
    return sum(map(n, outs)), sum(n(o.with_name(o.name + '.rejected.csv')) for o in outs)   # creditrisk-assess's side file

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--rows', default='1000,10000', help='comma-separated row counts')
    ap.add_argument('--model', default='label-smollm2'); ap.add_argument('--mode', default='score')
    ap.add_argument('--batch_size', type=int, default=16); ap.add_argument('--shards', type=int, default=1)
    ap.add_argument('--warmup', type=int, default=64, help='rows of the run that measures the fixed cost')
    args = ap.parse_args()
    counts = [int(x) for x in args.rows.split(',')]
    lines = [f'| rows | processes | wall (s) | steady rows/s | peak RSS per process (MiB) | assessed | rejected |', '|---:|---:|---:|---:|---:|---:|---:|']
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        write_input(tmp/'warm.csv', args.warmup, 0)
        fixed, _ = run(tmp/'warm.csv', tmp/'warm-out.csv', args, args.shards)
        rate = None
        for rows in counts:
            bad = write_input(tmp/f'in-{rows}.csv', rows)
            wall, peak = run(tmp/f'in-{rows}.csv', tmp/f'out-{rows}.csv', args, args.shards)
            done, rejected = count_rows(tmp/f'out-{rows}.csv', args.shards)
            assert (done, rejected) == (rows - bad, bad), (done, rejected, rows, bad)
            rate = (rows - args.warmup) / max(wall - fixed, 1e-9)
            lines.append(f'| {rows:,} | {args.shards} | {wall:,.0f} | {rate:.2f} | {peak:,.0f} | {done:,} | {rejected:,} |')
            print(lines[-1], file=sys.stderr, flush=True)
    print(f'creditrisk-assess --model {args.model} --mode {args.mode} --batch_size {args.batch_size}; '
          f'fixed cost (imports + model load, {args.warmup} rows) {fixed:.1f} s')
    print('\n'.join(lines))
    if rate: print(f'\n1,000,000 rows projected at the largest run\'s steady rate: {1e6 / rate / 3600:.1f} h '
                   f'({args.shards} process{"es" if args.shards > 1 else ""}).')
    print(f'\n{platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}; '
          f'load average at the end {" ".join(f"{x:.1f}" for x in os.getloadavg())}')

if __name__ == '__main__': main()
