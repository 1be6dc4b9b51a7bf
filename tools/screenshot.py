"""Regenerate the README's dashboard screenshot: the dashboard served by Voilà with the shipped models and the
committed results, used in headless Chromium like a person would (pick a test customer, Generate), saved as PNG.

    python tools/screenshot.py                     # -> nbs/images/dashboard.png
    python tools/screenshot.py --out shot.png --models label-smollm2 base --example 3
"""
import argparse, shutil, sys, tempfile
from pathlib import Path
from creditrisk.core import atomic_file, project_root
from creditrisk.dashboard import chromium_path, serve_and_drive

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('--out', default=str(project_root()/'nbs'/'images'/'dashboard.png'), help='the PNG to write')
    p.add_argument('--models', nargs='*', help='registry names to tick (default all)')
    p.add_argument('--example', type=int, default=1, help='which example customer to pick')
    p.add_argument('--grammar', action='store_true', help='grammar-constrained replies')
    p.add_argument('--max_tokens', type=int, default=None, help='longest reply (default each model\'s own)')
    a = p.parse_args(argv)
    if not chromium_path(): sys.exit('screenshot: chromium is not installed (apt-get install chromium)')
    with tempfile.TemporaryDirectory() as d:
        run = serve_and_drive(Path(d), Path(d)/'dashboard.png', max_tokens=a.max_tokens, models=a.models, example=a.example, grammar=a.grammar)
        if run.external: sys.exit(f'screenshot: the page requested outside hosts: {run.external[:3]}')
        with atomic_file(a.out) as tmp: shutil.copyfile(Path(d)/'dashboard.png', tmp)
    for m, t in run.timings[0].items():
        print(f"{m}: first text {t['first_token']:.2f} s, badge {t['badge']:.2f} s, {t['badge_text']}")
    print(f'wrote {a.out}')

if __name__ == '__main__': main()
