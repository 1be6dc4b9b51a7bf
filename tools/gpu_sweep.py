"""Sweep label-only SFT recipes of an embedded model on one GPU, several runs at once, and keep the best LoRA and QLoRA.

Each run is `creditrisk.sft.train_sft` (PEFT backend) on the real data's balanced training split (or the unbalanced one),
scored on the validation split only (label scoring, transformers on the GPU). The test split is not touched here: the
chosen run folders come back (adapters in bfloat16) and `run_demo(..., runs=...)` evaluates them on this machine's
llama.cpp path. Written for an H100 (see nbs/experiments/gpu_sweep_smollm2.ipynb for how it was run).

    python tools/gpu_sweep.py --data DATA.csv --out OUT [--budget SECONDS] [--only NAME ...] [--model qwen2.5-0.5b|PATH.gguf]
"""
import argparse, json, os, subprocess, sys, tarfile, time
from pathlib import Path

# name: train_sft arguments beyond the shared ones; `balanced` picks the data folder. In priority order.
SWEEP = {
    'lora-lr5e-4-e4': dict(quant='lora', lr=5e-4, epochs=4),
    'lora-lr1e-3-e4': dict(quant='lora', lr=1e-3, epochs=4),
    'lora-lr5e-4-e4-unbalanced': dict(quant='lora', lr=5e-4, epochs=4, balanced=False),
    'qlora-lr5e-4-e4': dict(quant='qlora', lr=5e-4, epochs=4),
    'qlora-lr1e-3-e4': dict(quant='qlora', lr=1e-3, epochs=4),
    # second sweep (H200): unbalanced data, schedules short enough to finish inside one device call
    'lora-lr1e-3-s360-unbalanced': dict(quant='lora', lr=1e-3, max_steps=360, balanced=False),
    'lora-lr7e-4-s360-unbalanced': dict(quant='lora', lr=7e-4, max_steps=360, balanced=False),
    'lora-r64-lr1e-3-s360-unbalanced': dict(quant='lora', lr=1e-3, max_steps=360, balanced=False, r=64, alpha=128),
    'lora-lr1e-3-s360-unbalanced-seed7': dict(quant='lora', lr=1e-3, max_steps=360, balanced=False, seed=7),
    'qlora-lr1e-3-s320-unbalanced': dict(quant='qlora', lr=1e-3, max_steps=320, balanced=False),
    'lora-lr1e-3-s360-unbalanced-seed1': dict(quant='lora', lr=1e-3, max_steps=360, balanced=False, seed=1),
    'lora-lr1e-3-s360-unbalanced-seed2': dict(quant='lora', lr=1e-3, max_steps=360, balanced=False, seed=2),
    # untried lever: the question ends with the debt-to-income ratio (same recipe as the seeds above)
    'lora-lr1e-3-s360-unbalanced-ratios': dict(quant='lora', lr=1e-3, max_steps=360, balanced=False, with_ratios=True),
    'lora-lr1e-3-s360-unbalanced-ratios-seed1': dict(quant='lora', lr=1e-3, max_steps=360, balanced=False, with_ratios=True, seed=1),
    # capacity (--model qwen2.5-0.5b): the best SmolLM2 recipe, a gentler rate, and a shorter schedule
    'lora-lr5e-4-s360-unbalanced': dict(quant='lora', lr=5e-4, max_steps=360, balanced=False),
    'lora-lr1e-3-s240-unbalanced': dict(quant='lora', lr=1e-3, max_steps=240, balanced=False),
    # second Qwen2.5-0.5B call: around the rate that worked there (lr 1e-3 diverged over 360 steps)
    'lora-lr3e-4-s360-unbalanced': dict(quant='lora', lr=3e-4, max_steps=360, balanced=False),
    'lora-lr5e-4-s360-unbalanced-seed7': dict(quant='lora', lr=5e-4, max_steps=360, balanced=False, seed=7),
}
SHARED = dict(model='smollm2', batch_size=32, max_length=256, target='label_only', teacher=False, backend='peft',
              save_steps=10**6, resume=False, seed=42, r=32, alpha=64)

def data_dir(work: Path, balanced: bool) -> Path: return work/('data' if balanced else 'data-unbalanced')

def prepare(csv: str, work: Path):
    "Both data folders and the dequantised base, once, before the runs start."
    from creditrisk.data import prepare_dataset, load_data_card
    from creditrisk.models import resolve_model
    for balanced in (True, False):
        prepare_dataset(csv, out_dir=data_dir(work, balanced), seed=42, balance_train=balanced)
        card = load_data_card(data_dir(work, balanced))
        print('data', balanced, card['sha256'], {k: v['rows'] for k, v in card['splits'].items()}, flush=True)
    print('base', resolve_model(SHARED['model']), flush=True)

def deadline(at: float):
    "A trainer callback that stops training at wall-clock time `at` (the adapter trained so far is still saved and scored)."
    from transformers import TrainerCallback
    class Deadline(TrainerCallback):
        def on_step_end(self, args, state, control, **kw):
            if time.time() > at: control.should_training_stop = True
    return Deadline()

def validation_scores(run: Path, data: Path) -> dict:
    "The run's adapter on the validation split (label scoring): `evaluate_predictions` metrics, predicted-label counts, seconds."
    from creditrisk.data import load_dataset_dict, profile_of
    from creditrisk.evaluation import evaluate_predictions
    from creditrisk.inference import TransformersAssessor
    from creditrisk.models import resolve_model
    val = load_dataset_dict(data)['validation']
    t = time.time()
    probs = TransformersAssessor(resolve_model(SHARED['model']), adapter=run/'adapter', batch_size=32).label_probabilities([profile_of(r) for r in val])
    pred = [max(p, key=p.get) for p in probs]
    return dict(**evaluate_predictions(val['label'], pred, probs), predicted={l: pred.count(l) for l in set(pred)},
                seconds=round(time.time() - t, 1))

def one(name: str, work: Path, until: float):
    "Train and score one sweep entry; writes `runs/<name>/validation.json`."
    from creditrisk.sft import train_sft
    cfg = dict(SWEEP[name]); balanced = cfg.pop('balanced', True)
    run = train_sft(data_dir=data_dir(work, balanced), run_name=name, out_dir=work/'runs', callbacks=[deadline(until)], **{**SHARED, **cfg})
    scores = validation_scores(run, data_dir(work, balanced))
    (run/'validation.json').write_text(json.dumps(scores, indent=2))
    print(name, json.dumps(scores), flush=True)

def pack(run: Path, dest: Path):
    "The run folder without checkpoints, adapter weights in bfloat16, as a tar."
    import torch
    from safetensors.torch import load_file, save_file
    with tarfile.open(dest, 'w') as tar:
        for f in sorted(run.rglob('*')):
            if f.is_dir() or 'checkpoint-' in str(f): continue
            if f.name == 'adapter_model.safetensors':
                tmp = f.with_name('bf16.safetensors')
                save_file({k: v.to(torch.bfloat16) for k, v in load_file(f).items()}, tmp, metadata={'format': 'pt'})
                tar.add(tmp, arcname=f'{run.name}/{f.relative_to(run)}'); tmp.unlink()
            else: tar.add(f, arcname=f'{run.name}/{f.relative_to(run)}')
    return dest

def split_file(f: Path, size: int=15 << 20):
    "Cut `f` into `f.part0`, `f.part1`, ... of at most `size` bytes (what the device returns is 16 MiB a file)."
    with open(f, 'rb') as src:
        for i, chunk in enumerate(iter(lambda: src.read(size), b'')): f.with_name(f'{f.name}.part{i}').write_bytes(chunk)
    f.unlink()

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', required=True); ap.add_argument('--out', required=True)
    ap.add_argument('--work', default='/tmp/sweep'); ap.add_argument('--budget', type=float, default=330)
    ap.add_argument('--only', nargs='*', default=list(SWEEP)); ap.add_argument('--one')
    ap.add_argument('--deadline', type=float); ap.add_argument('--model', default=SHARED['model'])
    a = ap.parse_args(); work, out = Path(a.work), Path(a.out)
    SHARED['model'] = a.model  # an embedded name (its GGUF in models/.cache/gguf) or a .gguf path; tools/gpu_site.sh packs either
    if a.one: return one(a.one, work, a.deadline)
    t0 = time.time(); prepare(a.data, work)
    until = t0 + a.budget
    env = {**os.environ, 'OMP_NUM_THREADS': '2', 'TOKENIZERS_PARALLELISM': 'false'}
    procs = {n: subprocess.Popen([sys.executable, __file__, '--data', a.data, '--out', a.out, '--work', str(work), '--one', n,
                                  '--deadline', str(until), '--model', a.model], env=env, stdout=open(work/f'{n}.log', 'w'), stderr=subprocess.STDOUT)
             for n in a.only}
    for n, p in procs.items(): print(n, 'exit', p.wait(), f'{time.time() - t0:.0f}s', flush=True)
    summary = {}
    for n in a.only:
        run = work/'runs'/n
        if not (run/'validation.json').exists(): summary[n] = dict(error=(work/f'{n}.log').read_text()[-2000:]); continue
        summary[n] = dict(config={**SHARED, **SWEEP[n]}, validation=json.loads((run/'validation.json').read_text()),
                          run=json.loads((run/'run.json').read_text()), log_history=json.loads((run/'log_history.json').read_text()))
    out.mkdir(parents=True, exist_ok=True)
    (out/'sweep.json').write_text(json.dumps(summary, indent=1, default=str))
    for quant in ('lora', 'qlora'):
        done = {n: s['validation']['macro_f1'] for n, s in summary.items() if 'validation' in s and SWEEP[n]['quant'] == quant}
        if done:
            best = max(done, key=done.get); print('best', quant, best, done[best], flush=True)
            split_file(pack(work/'runs'/best, out/f'{quant}.tar'))
    print('total', f'{time.time() - t0:.0f}s', flush=True)

if __name__ == '__main__': main()
