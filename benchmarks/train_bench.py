"""Training cost on this machine: seconds per SFT and GRPO step and peak memory, per model and LoRA/QLoRA.

    nice -n 10 python benchmarks/train_bench.py [--models smollm2 qwen2.5-0.5b] [--steps 3]

Each configuration trains in its own subprocess (so peak memory is its own) into a temporary folder, on the
synthetic dataset. Seconds per step = the trainer's `train_runtime` / steps (model loading excluded).
Peak memory = `run.json`'s `peak_memory_mb` (RSS on CPU, CUDA allocations on a GPU). CPU seconds (user + system of
the subprocess) stay meaningful when the machine is shared; wall seconds do not.
"""
import argparse, json, os, resource, subprocess, sys, tempfile, time
from pathlib import Path
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))   # run from a checkout without installing

def run_one(method, model, quant, steps, data_dir, out_dir, a):
    kw = dict(model=model, quant=quant, data_dir=str(data_dir), run_name=f'{method}-{model}-{quant}', out_dir=str(out_dir),
              max_steps=steps, batch_size=a.batch, n_train=64, save_steps=10_000)
    if method == 'sft': kw.update(max_length=a.max_length, teacher=False)
    else: kw.update(num_generations=a.generations, max_completion_length=a.completion_length)
    code = f"from creditrisk.{method} import train_{method}; train_{method}(**{kw!r})"
    t, cpu = time.time(), resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, env={**os.environ, 'PYTHONPATH': str(ROOT)})
    if p.returncode: return dict(error=p.stderr.strip().splitlines()[-1])
    run = out_dir/kw['run_name']
    hist = json.loads((run/'log_history.json').read_text())
    rec = json.loads((run/'run.json').read_text())
    runtime = next(r['train_runtime'] for r in hist if 'train_runtime' in r)
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return dict(s_per_step=runtime/steps, peak_mb=rec['peak_memory_mb'], total_s=time.time()-t,
                cpu_s=used.ru_utime + used.ru_stime - cpu.ru_utime - cpu.ru_stime)

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--models', nargs='+', default=['smollm2'])
    ap.add_argument('--quants', nargs='+', default=['lora', 'qlora'])
    ap.add_argument('--methods', nargs='+', default=['sft', 'grpo'])
    ap.add_argument('--steps', type=int, default=3)
    ap.add_argument('--batch', type=int, default=6, help='SFT examples / GRPO completions per step')
    ap.add_argument('--generations', type=int, default=6)
    ap.add_argument('--max-length', type=int, default=256, help='SFT tokens per example')
    ap.add_argument('--completion-length', type=int, default=64, help='GRPO tokens per completion')
    a = ap.parse_args()
    from creditrisk.data import prepare_dataset
    import torch
    tmp = Path(tempfile.mkdtemp())
    prepare_dataset(out_dir=tmp/'data', n_synthetic=300)
    print(f"device: {'cuda ' + torch.cuda.get_device_name() if torch.cuda.is_available() else f'cpu ({torch.get_num_threads()} threads)'}; "
          f"{a.steps} steps; SFT batch {a.batch} x {a.max_length} tokens; GRPO batch {a.batch} ({a.generations} generations) x {a.completion_length} new tokens\n")
    print('| model | quant | method | s/step | peak MB | wall s (incl. load) | CPU s (incl. load) |\n|---|---|---|---:|---:|---:|---:|')
    for model in a.models:
        for quant in a.quants:
            for method in a.methods:
                r = run_one(method, model, quant, a.steps, tmp/'data', tmp/'runs', a)
                cells = ([f"{r['s_per_step']:.2f}", f"{r['peak_mb']:,.0f}", f"{r['total_s']:.0f}", f"{r['cpu_s']:.0f}"]
                         if 'error' not in r else [r['error'][:60], '', '', ''])
                print(f"| {model} | {quant} | {method} | " + ' | '.join(cells) + ' |', flush=True)

if __name__ == '__main__': main()
