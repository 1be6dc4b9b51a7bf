"""One short training under `accelerate launch`, recording per rank what it trained on and what it wrote.

    accelerate launch --multi_gpu --num_processes 2 tools/distributed_check.py sft|grpo RECORD_DIR '{"run_name": ...}'

Writes RECORD_DIR/rank-<rank>.json: `seen` (a hash of each training row: the SFT example's tokens, or the GRPO
prompt) and `writes` (every file or folder the rank created, replaced or removed under the run's `out_dir`, from
Python's audit hooks). On a CPU-only machine `--multi_gpu` is simply accelerate's multi-process launcher: the
training arguments ask for the CPU, so the processes talk over gloo. The same command trains on N GPUs.
"""
import hashlib, json, os, sys
from pathlib import Path

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC

def launch(method: str, kwargs: dict, processes: int=2, timeout: float=3600) -> list[dict]:
    "Run this script under `accelerate launch` with `processes` processes; each rank's record."
    import subprocess, tempfile
    record = Path(tempfile.mkdtemp())
    accelerate = Path(sys.executable).parent/'accelerate'
    cmd = [str(accelerate), 'launch', '--multi_gpu', '--num_processes', str(processes), '--num_machines', '1', '--mixed_precision', 'no',
           '--dynamo_backend', 'no', __file__, method, str(record), json.dumps(kwargs)]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if p.returncode: raise RuntimeError(f"accelerate launch exited with {p.returncode}:\n{p.stderr[-4000:]}")
    return [json.loads((record/f'rank-{r}.json').read_text()) for r in range(processes)]

def main():
    method, record, kwargs = sys.argv[1], Path(sys.argv[2]), json.loads(sys.argv[3])
    rank, out_dir = int(os.environ.get('RANK', '0')), os.path.realpath(kwargs['out_dir'])
    writes, seen = [], []

    def under(path) -> bool:
        try: return os.path.realpath(os.fsdecode(path)).startswith(out_dir + os.sep)
        except (TypeError, ValueError): return False

    def audit(event, args):
        if event == 'open' and len(args) == 3:
            path, mode, flags = args
            writing = any(c in mode for c in 'wax+') if isinstance(mode, str) else bool((flags or 0) & WRITE_FLAGS)
            if writing and isinstance(path, (str, bytes, os.PathLike)) and under(path): writes.append(['open', os.fsdecode(path)])
        elif event in ('os.rename', 'os.replace') and under(args[1]): writes.append([event, os.fsdecode(args[1])])   # the destination
        elif event in ('os.mkdir', 'os.remove', 'os.rmdir', 'shutil.rmtree') and args and under(args[0]): writes.append([event, os.fsdecode(args[0])])

    sys.addaudithook(audit)
    import transformers
    step = transformers.Trainer.training_step

    def recorded_step(self, model, inputs, *args, **kw):
        if isinstance(inputs, list):   # GRPO: the rank's rows of the dataset, before generation
            rows = [json.dumps(r.get('prompt', r), sort_keys=True, default=str) for r in inputs]
        else:   # SFT: a tokenised batch
            mask = inputs.get('attention_mask')
            rows = [json.dumps([t for t, k in zip(row, mask[i].tolist() if mask is not None else [1] * len(row)) if k])
                    for i, row in enumerate(inputs['input_ids'].tolist())]
        seen.extend(hashlib.sha1(r.encode()).hexdigest() for r in rows)
        return step(self, model, inputs, *args, **kw)

    transformers.Trainer.training_step = recorded_step
    from creditrisk.grpo import train_grpo
    from creditrisk.sft import train_sft
    run = {'sft': train_sft, 'grpo': train_grpo}[method](**kwargs)
    record.mkdir(parents=True, exist_ok=True)
    (record/f'rank-{rank}.json').write_text(json.dumps(dict(rank=rank, run=str(run), seen=seen, writes=writes)))

if __name__ == '__main__': main()
