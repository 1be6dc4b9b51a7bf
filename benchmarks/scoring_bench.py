"""Label-scoring throughput of a shipped model against cheaper arithmetic: its exact float32 scoring twin (what
`LlamaCppAssessor` scores on) and that twin re-quantised by llama.cpp (f16, q8_0, q4_0, ...), each on the same
validation customers, with how far each moves the label probabilities; plus the model's generation rate.

    python benchmarks/scoring_bench.py [--model lora] [--n 128] [--gen 8] [--types f16,q8_0,q4_0,q4_k_m]

The twins are written to a temporary folder. Throughput is prefix-shared scoring, one prompt's rest a call (as the
product runs it), after one warm-up profile. Prints a markdown table; numbers depend on the machine and on its load
(printed alongside): run it on an idle machine for numbers you quote.
"""
import argparse, os, sys, tempfile, time
from pathlib import Path
from creditrisk.data import load_split, profile_of
from creditrisk.export import quantize_gguf
from creditrisk.inference import LlamaCppAssessor, load_assessor
from creditrisk.models import f32_gguf


def throughput(a, ps: list) -> tuple[list, float]:
    "The label probabilities of `ps[1:]` and profiles/s scoring them (`ps[0]` warms the context up)."
    a.label_probabilities(ps[:1])
    t0 = time.perf_counter(); probs = a.label_probabilities(ps[1:])
    return probs, (len(ps) - 1) / (time.perf_counter() - t0)


def fidelity(ref: list, probs: list) -> tuple[float, float]:
    "The largest change of any label probability, and the share of profiles whose most probable label is unchanged."
    top = lambda p: max(p, key=p.get)
    return (max(abs(r[l] - p[l]) for r, p in zip(ref, probs) for l in r),
            sum(top(r) == top(p) for r, p in zip(ref, probs)) / len(ref))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--model', default='lora', help='a registered llama.cpp model')
    ap.add_argument('--n', type=int, default=128, help='validation customers scored per twin')
    ap.add_argument('--gen', type=int, default=8, help='free-generation assessments for the generation rate (0: skip)')
    ap.add_argument('--types', default='f16,q8_0,q4_0,q4_k_m', help='llama.cpp file types to re-quantise the float32 twin to')
    args = ap.parse_args()
    try:
        ds = load_split('data/processed', 'validation')
        a = load_assessor(args.model)
    except (OSError, ValueError, KeyError) as e: sys.exit(f"scoring_bench: {e.args[0] if e.args else e}")
    if not isinstance(a, LlamaCppAssessor): sys.exit(f"--model must be a llama.cpp model; {args.model} is {a.backend}")
    ps = [profile_of(ds[i]) for i in range(min(args.n + 1, len(ds)))]
    twin = f32_gguf(a.gguf, lora=a.lora)
    with tempfile.TemporaryDirectory() as d:
        try: twins = {t: quantize_gguf(twin, Path(d)/f'twin-{t}.gguf', t) for t in map(str.strip, args.types.split(',')) if t}
        except ValueError as e: sys.exit(f"--types: {e}")   # before any timing
        ref, base_rate = throughput(a, ps)
        rows = [('f32 twin (shipped scoring)', twin.stat().st_size, base_rate, 0., 1.)]
        for t, q in twins.items():
            b = LlamaCppAssessor(q, f32_scoring=False, n_threads=a.n_threads, facts=a.facts, prompt_format=a.format.name)
            probs, rate = throughput(b, ps)
            rows.append((f'{t} of the twin', q.stat().st_size, rate, *fidelity(ref, probs)))
            b.close()
            print(f"measured {t}: {rate:.2f} profiles/s", file=sys.stderr, flush=True)
    gen = None
    if args.gen:
        t0 = time.perf_counter()
        for p in ps[:args.gen]: a.run(p, 'generate', probabilities=False)
        gen = args.gen / (time.perf_counter() - t0)
    print(f"\nmodel {args.model}; {os.cpu_count()} cores, {a.n_threads} threads; load average {os.getloadavg()[0]:.1f}; "
          f"{len(ps) - 1} validation customers scored" + (f"; generation {gen:.2f} assessments/s" if gen else '') + "\n")
    print('| scoring file | MiB | profiles/s | × f32 twin | max abs. change of a probability | same top label |')
    print('|---|---|---|---|---|---|')
    for name, size, rate, dp, same in rows:
        print(f"| {name} | {size / 2**20:.0f} | {rate:.2f} | {rate / base_rate:.2f} | {dp:.4f} | {100 * same:.1f}% |")
    if gen: print(f"\nscoring ÷ generation: {base_rate / gen:.1f}x (shipped scoring)")


if __name__ == '__main__':
    main()
