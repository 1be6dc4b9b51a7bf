"""Inference benchmark: load time, time to first token, tokens/s, assessment latency p50/p95 and label-scoring
throughput for llama.cpp vs transformers, and base GGUF + LoRA GGUF vs merged GGUF.

    python benchmarks/inference_bench.py [--model smollm2] [--adapter models/<run>/adapter] [--gen 5] [--score 32]

Without `--adapter` a random rank-32 adapter on all seven projections (the seed's LoRA shape) stands in for a trained
one: its weights don't matter for speed. Prints a markdown table. Numbers depend on the machine and on its load
(printed alongside): run it on an idle machine for numbers you quote.
"""
import argparse, os, statistics, sys, tempfile, time
from pathlib import Path
from creditrisk.core import write_json
from creditrisk.export import export_gguf, export_lora_gguf
from creditrisk.registry import load_registry
from creditrisk.inference import LlamaCppAssessor, TransformersAssessor, load_assessor
from creditrisk.models import gguf_path, lora_config, resolve_model
from creditrisk.schema import OCCUPATIONS, PAYMENT_BEHAVIOURS, CustomerProfile


def profiles(n: int) -> list[CustomerProfile]:
    "`n` varied, valid customers (deterministic)."
    return [CustomerProfile(age=18 + (7 * i) % 60, occupation=OCCUPATIONS[i % len(OCCUPATIONS)], annual_income=15000 + 3731 * i,
                            outstanding_debt=(517 * i) % 5000, credit_utilization=20 + (3 * i) % 25,
                            payment_behavior=PAYMENT_BEHAVIOURS[i % len(PAYMENT_BEHAVIOURS)]) for i in range(n)]


def random_adapter(model: str, out: Path) -> Path:
    "A random adapter of the seed's LoRA shape (r=32 on q,k,v,o,gate,up,down), saved like a training run."
    import torch
    from peft import get_peft_model
    from transformers import AutoModelForCausalLM
    torch.manual_seed(0)
    cfg = lora_config(); cfg.init_lora_weights = False
    base = AutoModelForCausalLM.from_pretrained(resolve_model(model), dtype=torch.float32)
    get_peft_model(base, cfg).save_pretrained(out/'adapter')
    write_json(out/'run.json', dict(base_model=model))
    return out/'adapter'


def n_tokens(a, text: str) -> int:
    return len(a.llm.tokenize(text.encode(), add_bos=False, special=True)) if hasattr(a, 'llm') else len(a.tok(text).input_ids)


def measure(make, ps: list, n_gen: int, n_score: int) -> dict:
    "Load, first token, tokens/s, assessment latency percentiles and label-scoring throughput of one assessor."
    t0 = time.perf_counter(); a = make(); load = time.perf_counter() - t0
    a.label_probabilities(ps[:1])  # warm-up
    ttft, lat, toks, gen_time = [], [], 0, 0.
    for p in ps[:n_gen]:
        t0 = time.perf_counter(); first, text = None, ''
        for piece in a.stream(p):
            first = first or time.perf_counter() - t0
            text += piece
        dt = time.perf_counter() - t0
        ttft.append(first); lat.append(dt); toks += n_tokens(a, text); gen_time += dt - first
    t0 = time.perf_counter(); a.label_probabilities(ps[:n_score]); score = time.perf_counter() - t0
    q = statistics.quantiles(lat, n=20, method='inclusive') if len(lat) > 1 else lat * 19
    return dict(load=load, ttft=statistics.median(ttft), tps=toks / gen_time, p50=statistics.median(lat), p95=q[18],
                gen_per_s=len(lat) / sum(lat), score_per_s=n_score / score)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--model', default='smollm2', help='embedded model: smollm2 or qwen2.5-0.5b')
    ap.add_argument('--adapter', type=Path, help='a trained PEFT adapter (default: a random one of the same shape)')
    ap.add_argument('--gen', type=int, default=5, help='free-generation assessments per backend')
    ap.add_argument('--score', type=int, default=32, help='profiles scored per backend (batched)')
    ap.add_argument('--threads', type=int, default=os.cpu_count(), help='threads for llama.cpp and torch (1 is faster on a busy machine)')
    ap.add_argument('--only', default='', help='comma-separated subset of the rows to run')
    args = ap.parse_args()
    import torch; torch.set_num_threads(args.threads)  # the same cores for both backends
    ps = profiles(max(args.gen, args.score))
    with tempfile.TemporaryDirectory() as d:
        d = Path(d); reg = d/'registry.json'
        adapter = args.adapter or random_adapter(args.model, d/'run')
        export_gguf(adapter, d/'merged', outtypes=('f16', 'q4_k_m'), name='merged-q4_k_m', serve='q4_k_m', registry=reg)
        export_lora_gguf(adapter, d/'lora', base_gguf=gguf_path(args.model), base=args.model, name='lora', registry=reg)
        merged_f16 = d/'merged'/'model-f16.gguf'
        cpp = dict(n_threads=args.threads)
        rows = {
            'llama.cpp base (original GGUF)': lambda: LlamaCppAssessor(gguf_path(args.model), **cpp),
            'transformers base (f32)': lambda: TransformersAssessor(resolve_model(args.model)),
            'llama.cpp base GGUF + LoRA GGUF': lambda: load_assessor('lora', registry=reg, **cpp),
            'llama.cpp merged f16 GGUF': lambda: LlamaCppAssessor(merged_f16, **cpp),
            'llama.cpp merged q4_k_m GGUF': lambda: load_assessor('merged-q4_k_m', registry=reg, **cpp),
            'transformers base + PEFT adapter': lambda: TransformersAssessor(resolve_model(args.model), adapter=adapter),
        }
        only = [r.strip() for r in args.only.split(',') if r.strip()]
        results = {}
        for name, make in rows.items():
            if only and not any(o in name for o in only): continue
            results[name] = measure(make, ps, args.gen, args.score)
            print(f"measured {name}: {results[name]}", file=sys.stderr, flush=True)
    print(f"\nmodel {args.model}; {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}; "
          f"{args.gen} generations (max 512 tokens, seed parameters), {args.score} profiles scored\n")
    print('| backend | load s | first token ms | tokens/s | assess p50 s | assess p95 s | generated/s | scored/s | scored/s ÷ generated/s |')
    print('|---|---|---|---|---|---|---|---|---|')
    for name, r in results.items():
        print(f"| {name} | {r['load']:.2f} | {r['ttft']*1000:.0f} | {r['tps']:.1f} | {r['p50']:.2f} | {r['p95']:.2f} | "
              f"{r['gen_per_s']:.2f} | {r['score_per_s']:.1f} | {r['score_per_s']/r['gen_per_s']:.0f}x |")
    cpp_row, hf_row = results.get('llama.cpp base (original GGUF)'), results.get('transformers base (f32)')
    if cpp_row and hf_row:
        print(f"\nllama.cpp vs transformers: {cpp_row['tps']/hf_row['tps']:.1f}x tokens/s, "
              f"{cpp_row['score_per_s']/hf_row['score_per_s']:.1f}x scored/s")


if __name__ == '__main__':
    main()
