"""Record a `creditrisk-demo` run for the README: its wall time per stage, machine, load, peak memory and whether its
table matched the committed results. Run the demo on a fresh clone (the README's two commands), then from this
repository:

    python tools/record_demo.py /path/to/fresh-clone/models/demo/run.json   # -> nbs/results/demo_run.json
    python tools/make_readme.py
"""
import json, sys
from pathlib import Path
from creditrisk.core import resolve_path, write_json
from creditrisk.readme import DEMO_RUN, demo_summary

def main(argv=None):
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0].startswith('-'): sys.exit(__doc__)
    src = Path(args[0])
    try: run = json.loads(src.read_text())
    except (OSError, ValueError) as e: sys.exit(f'record_demo: cannot read {src}: {e}')
    missing = [k for k in ('seconds', 'timings', 'settings', 'peak_rss_mb', 'readme_check') if k not in run]
    if missing: sys.exit(f"record_demo: {src} is not a demo run record (missing {', '.join(missing)})")
    write_json(resolve_path(DEMO_RUN), {k: v for k, v in run.items() if k != 'results'})
    print(demo_summary())

if __name__ == '__main__': main()
