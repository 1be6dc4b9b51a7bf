"""Where SFT training time goes on this machine: today's recipe and each lean variant, one run, the same data.

    python benchmarks/train_bench.py [--variants plain plain-full compact compact-qlora] [--steps 4] [--batch 16]

Each variant trains `label_only` SFT on the embedded real data (its training split, prepared into a temporary
folder) in its own subprocess, so peak memory is its own. Per variant:

- tokens/example: the mean length of a rendered example (prompt + reply); `rest` the tokens after the prefix every
  example shares (what each example costs when that prefix is computed once a batch), `pad` the share of a batch's
  row-specific cells that are padding (the most a length-grouped sampler could save);
- s/step: the median of the steps after the first (the first pays one-time set-up); examples/s = batch / that;
- CPU s: user + system seconds of the whole subprocess (load included), meaningful on a shared machine;
- peak MB: the subprocess's peak RSS;
- LM head: the share of the timed steps spent in the language-model head, forward and backward (module hooks).

Run it on a quiet machine; the load average is printed before and after.
"""
import argparse, json, os, resource, statistics, subprocess, sys, tempfile, time
from pathlib import Path
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))   # run from a checkout without installing

VARIANTS = {   # name: (recipe settings, what it is)
    'plain': (dict(prompt_format='plain'), "the seed's prompt, shared prefix once a batch, LM head where the loss falls (shipped label-smollm2)"),
    'plain-full': (dict(prompt_format='plain', shared_prefix=False), "the seed's prompt, TRL's loss: LM head at every position"),
    'compact': (dict(prompt_format='compact'), 'compact prompt, shared prefix once a batch, LM head where the loss falls'),
    'compact-qlora': (dict(prompt_format='compact', quant='qlora'), 'the same on a 4-bit NF4 base (bitsandbytes)'),
}

CHILD = r'''
import json, sys, time
sys.path.insert(0, {root!r})
from transformers import TrainerCallback
from creditrisk.sft import train_sft

class Timer(TrainerCallback):
    "Seconds per optimiser step, and seconds inside the LM head (forward and backward), from module hooks."
    def __init__(self): self.steps, self.head, self.t, self.h0 = [], 0.0, None, {{}}
    def on_train_begin(self, args, state, control, model=None, **kw):
        head = model.get_output_embeddings()
        def start(key): return lambda *a: self.h0.__setitem__(key, time.perf_counter())
        def stop(key):
            def f(*a):
                if key in self.h0: self.head += time.perf_counter() - self.h0.pop(key)
            return f
        head.register_forward_pre_hook(start('f')); head.register_forward_hook(stop('f'))
        head.register_full_backward_pre_hook(start('b')); head.register_full_backward_hook(stop('b'))
    def on_step_begin(self, *a, **kw):
        self.t = time.perf_counter()
        if len(self.steps) == 1: self.head = 0.0   # count the head from the second step on, like the step times
    def on_step_end(self, *a, **kw): self.steps.append(time.perf_counter() - self.t)

t = Timer()
train_sft(**{kw!r}, callbacks=[t])
print('TIMES ' + json.dumps(dict(steps=t.steps, head=t.head)))
'''

def token_counts(data_dir, prompt_format, n=256):
    "Mean tokens of an example, of its part after the prefix all examples share, and the padding share of batches of 16."
    from transformers import AutoTokenizer
    from creditrisk.data import load_split
    from creditrisk.models import resolve_model
    from creditrisk.sft import sft_examples
    tok = AutoTokenizer.from_pretrained(resolve_model('smollm2'))
    ex = sft_examples(load_split(data_dir, 'train'), 'label_only', tok=tok, n=n, prompt_format=prompt_format)
    ids = [tok(r['prompt'] + r['completion']).input_ids for r in ex]
    shared = 0
    while all(len(i) > shared and i[shared] == ids[0][shared] for i in ids): shared += 1
    rest = [len(i) - shared for i in ids]
    pads = [max(rest[k:k + 16]) * len(rest[k:k + 16]) - sum(rest[k:k + 16]) for k in range(0, len(rest), 16)]
    cells = sum(max(rest[k:k + 16]) * len(rest[k:k + 16]) for k in range(0, len(rest), 16))
    return dict(tokens=statistics.mean(map(len, ids)), shared=shared, rest=statistics.mean(rest), pad=sum(pads) / cells)

def run_one(name, settings, data_dir, out_dir, a):
    kw = dict(model='smollm2', data_dir=str(data_dir), run_name=name, out_dir=str(out_dir), max_steps=a.steps, batch_size=a.batch,
              n_train=a.steps * a.batch, save_steps=10_000, target='label_only', teacher=False, max_length=256, backend='peft',
              lr=1e-3, **settings)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.run([sys.executable, '-c', CHILD.format(root=str(ROOT), kw=kw)], capture_output=True, text=True,
                       env={**os.environ, 'PYTHONPATH': str(ROOT)})
    if p.returncode: return dict(error=(p.stderr.strip().splitlines() or ['failed'])[-1])
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    times = json.loads(next(l for l in p.stdout.splitlines() if l.startswith('TIMES '))[6:])
    rec = json.loads((out_dir/name/'run.json').read_text())
    later = times['steps'][1:] or times['steps']
    if os.environ.get('TRAIN_BENCH_DEBUG'): print(name, [round(x, 2) for x in times['steps']], file=sys.stderr)
    return dict(s_step=statistics.median(later), head=times['head'] / sum(later), peak_mb=rec['peak_memory_mb'],
                cpu_s=used.ru_utime + used.ru_stime - before.ru_utime - before.ru_stime)

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--variants', nargs='+', default=list(VARIANTS), choices=list(VARIANTS))
    ap.add_argument('--steps', type=int, default=4, help='optimiser steps per variant (the first is not timed)')
    ap.add_argument('--batch', type=int, default=16, help='examples per step')
    a = ap.parse_args()
    if a.steps < 2: ap.error('--steps must be at least 2 (the first step is not timed)')
    import torch
    from creditrisk.data import prepare_dataset
    tmp = Path(tempfile.mkdtemp())
    prepare_dataset(out_dir=tmp/'data')
    print(f"cpu: {os.cpu_count()} cores, torch {torch.__version__} with {torch.get_num_threads()} threads; load average before "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}; label_only SFT of SmolLM2-135M-Instruct, LoRA r=32 on all 7 projections; "
          f"{a.steps} steps of {a.batch} real training examples per variant\n")
    print('| variant | tokens/example (shared + rest) | pad | s/step | examples/s | × plain | CPU s | peak MB | LM head |\n'
          '|---|---:|---:|---:|---:|---:|---:|---:|---:|')
    base = None
    for name in a.variants:
        settings, _ = VARIANTS[name]
        t = token_counts(tmp/'data', settings['prompt_format'])
        r = run_one(name, settings, tmp/'data', tmp/'runs', a)
        if 'error' in r: print(f"| {name} | {r['error'][:80]} |||||||"); continue
        eps = a.batch / r['s_step']
        if name == 'plain': base = eps
        ratio = f"{eps / base:.2f}" if base else '–'
        print(f"| {name} | {t['tokens']:.0f} ({t['shared']} + {t['rest']:.0f}) | {t['pad']:.1%} | {r['s_step']:.2f} | {eps:.3f} | {ratio} | "
              f"{r['cpu_s']:.0f} | {r['peak_mb']:,.0f} | {r['head']:.0%} |", flush=True)
    print(f"\nload average after {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    for name in a.variants: print(f"- {name}: {VARIANTS[name][1]}")

if __name__ == '__main__': main()
