"""Bounded load test of `creditrisk-serve` on loopback: requests/s and p50/p95/p99 latency for label scoring and generation.

    python benchmarks/load_test.py                   # starts creditrisk-serve on 127.0.0.1 with the SmolLM2 GGUF
    python benchmarks/load_test.py --url http://127.0.0.1:8000 --key "$KEY" --model lora

Only loopback addresses are accepted. Every run is bounded by a request count and a time limit per mode and
stops by itself. When the script starts the server itself it also checks that the audit trail holds exactly
one row per successful request.
"""
import argparse, json, secrets, sqlite3, statistics, sys, tempfile, time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from ipaddress import ip_address
from pathlib import Path
from urllib.parse import urlparse
import httpx
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # run from a checkout without installing

PROFILES = [dict(age=35, occupation='Doctor', annual_income=52000, outstanding_debt=1200.5, credit_utilization=31.2,
                 payment_behavior='Low_spent_Small_value_payments'),
            dict(age=23, occupation='Writer', annual_income=19114.12, outstanding_debt=3809.98, credit_utilization=38.8,
                 payment_behavior='High_spent_Small_value_payments'),
            dict(age=51, occupation='Engineer', annual_income=98000, outstanding_debt=450, credit_utilization=22.1,
                 payment_behavior='High_spent_Large_value_payments'),
            dict(age=44, occupation='Mechanic', annual_income=31000, outstanding_debt=4900, credit_utilization=41.5,
                 payment_behavior='Low_spent_Medium_value_payments')]

def check_loopback(url: str) -> str:
    "`url` unchanged if its host is a loopback address; else an error (load goes nowhere else)."
    host = urlparse(url).hostname or ''
    try: loopback = host == 'localhost' or ip_address(host).is_loopback
    except ValueError: loopback = False
    if not loopback: raise SystemExit(f'error: --url must be a loopback address (127.0.0.0/8, ::1, localhost); got {host!r}')
    return url.rstrip('/')

def percentile(values: list, q: float) -> float:
    "The `q`-th percentile (0-100), linear interpolation."
    if not values: return float('nan')
    v, k = sorted(values), (len(values) - 1) * q / 100
    lo = int(k)
    return v[lo] + (v[min(lo + 1, len(v) - 1)] - v[lo]) * (k - lo)

def run_load(url: str, key: str, model: str, mode: str, requests: int, concurrency: int, duration: float,
             invalid_every: int=0) -> dict:
    "Send up to `requests` requests from `concurrency` clients, none started after `duration` seconds."
    deadline = time.monotonic() + duration
    headers = {'X-API-Key': key} if key else {}
    def one(client, i):
        if time.monotonic() > deadline: return None
        body = {**PROFILES[i % len(PROFILES)], 'mode': mode}
        if invalid_every and i % invalid_every == invalid_every - 1: body['age'] = 800  # a refused request: 422, no audit row
        t = time.perf_counter()
        try: status = client.post(f'{url}/inference/{model}', json=body, headers=headers).status_code
        except httpx.HTTPError as e: status = type(e).__name__
        return status, time.perf_counter() - t
    with httpx.Client(timeout=max(duration, 30) + 60) as client, ThreadPoolExecutor(concurrency) as pool:
        start = time.perf_counter()
        done = [r for r in pool.map(lambda i: one(client, i), range(requests)) if r]
        wall = time.perf_counter() - start
    ok = [t for s, t in done if s == 200]
    return dict(mode=mode, concurrency=concurrency, sent=len(done), ok=len(ok), statuses=dict(Counter(str(s) for s, _ in done)),
                wall_s=round(wall, 3), requests_per_s=round(len(ok) / wall, 3),
                p50_s=round(percentile(ok, 50), 3), p95_s=round(percentile(ok, 95), 3), p99_s=round(percentile(ok, 99), 3))

def table(rows: list) -> str:
    lines = ['| mode | clients | sent | ok | statuses | req/s | p50 s | p95 s | p99 s |', '|---|---|---|---|---|---|---|---|---|']
    lines += [f"| {r['mode']} | {r['concurrency']} | {r['sent']} | {r['ok']} | {r['statuses']} | {r['requests_per_s']} | {r['p50_s']} | {r['p95_s']} | {r['p99_s']} |" for r in rows]
    return '\n'.join(lines)

def own_server(tmp: Path, max_tokens: int):
    "Start creditrisk-serve on 127.0.0.1 with the SmolLM2 GGUF in a temporary registry; yields (url, key, model, audit db)."
    from creditrisk.api import API_KEYS_ENV, local_server
    from creditrisk.registry import register_model
    from creditrisk.models import gguf_path
    key, reg, db = secrets.token_urlsafe(24), tmp/'registry.json', tmp/'audit.sqlite'
    register_model('smollm2', dict(backend='llama.cpp', gguf=gguf_path('smollm2')), registry=reg)
    server = local_server('--registry', str(reg), '--audit_db', str(db), '--rate_limit', 'none', '--max_tokens', str(max_tokens),
                          '--log_level', 'warning', env={API_KEYS_ENV: f'load-test:{key}'}, log_path=tmp/'server.log')
    return server, key, 'smollm2', db

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--url', help='a running server (loopback only); default: start one with the SmolLM2 GGUF')
    p.add_argument('--key', default='', help='API key for --url')
    p.add_argument('--model', default='smollm2', help='model name for --url')
    p.add_argument('--modes', default='score,generate', help='comma-separated: score, generate, grammar')
    p.add_argument('--requests', type=int, default=40, help='requests per scoring run')
    p.add_argument('--gen_requests', type=int, default=8, help='requests per generation run (generate, grammar)')
    p.add_argument('--concurrency', type=int, default=4, help='concurrent clients')
    p.add_argument('--duration', type=float, default=60, help='seconds after which a mode sends no new request')
    p.add_argument('--max_tokens', type=int, default=64, help='generation budget of the server this script starts')
    p.add_argument('--invalid_every', type=int, default=0, help='make every Nth request invalid (422) to show it is not audited')
    p.add_argument('--json', help='also write the results to this JSON file')
    a = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as d:
        if a.url: ctx, key, model, db = nullcontext(check_loopback(a.url)), a.key, a.model, None
        else: ctx, key, model, db = own_server(Path(d), a.max_tokens)
        with ctx as url:
            rows = [run_load(url, key, model, m, a.requests if m == 'score' else a.gen_requests, a.concurrency, a.duration, a.invalid_every)
                    for m in a.modes.split(',')]
            audited = sqlite3.connect(db).execute('SELECT COUNT(*) FROM predictions').fetchone()[0] if db else None
    print(table(rows))
    report = dict(url=url, model=model, modes=rows, audit_rows=audited)
    if audited is not None:
        ok = sum(r['ok'] for r in rows)
        print(f'audit rows: {audited}, successful requests: {ok}' + ('' if audited == ok else '  MISMATCH'))
        if audited != ok: raise SystemExit(1)
    if a.json: Path(a.json).write_text(json.dumps(report, indent=1))
    return report

if __name__ == '__main__': main()
