"""The summary line of tools/test.sh: `N passed, N failed, N skipped`, then what was skipped and why.

    python tools/test_summary.py NBDEV_TEST_LOG SKIP_LOG [nbdev_test arguments]

Notebooks pass or fail as nbdev_test ran them. A skipped test is a test cell that did not run: one flagged with a
`tst_flags` flag (settings.ini) that was not asked for with `--flags`, or one whose resource was missing (recorded
by `creditrisk.core.require` in SKIP_LOG). Exit status 1 if nothing ran at all.
"""
import json, re, sys
from collections import Counter
from pathlib import Path
from configparser import ConfigParser

log, skips, args = Path(sys.argv[1]).read_text(), Path(sys.argv[2]), sys.argv[3:]
timed = re.findall(r'^\S+\.ipynb: \d+ secs$', log, re.M)   # --timing lists every notebook that ran (printed only when none failed)
started = len(timed) or len(re.findall(r'^Starting ', log, re.M))
failed = log.split('Failed On The Following Notebooks', 1)[1].count('\n\t') if 'Failed On The Following Notebooks' in log else 0
cfg = ConfigParser(); cfg.read('settings.ini')
flags = set(cfg['DEFAULT'].get('tst_flags', '').split())
asked = set(args[args.index('--flags') + 1].split()) if '--flags' in args else set()
flagged = Counter()
for nb in sorted(Path('nbs').glob('*.ipynb')):
    if nb.name.startswith(('_', '.')): continue
    for cell in json.loads(nb.read_text())['cells']:
        if cell['cell_type'] != 'code': continue
        opts = {m.group(1) for line in ''.join(cell['source']).splitlines() if (m := re.fullmatch(r'#\|\s*(\w+)\s*', line.strip()))}
        if (hit := (opts & flags) - asked): flagged[f"flagged {'/'.join(sorted(hit))} (run: ./tools/test.sh --flags {' '.join(sorted(hit))})"] += 1
missing = Counter(json.loads(l)['resource'] for l in skips.read_text().splitlines() if l.strip()) if skips.exists() else Counter()
print(f"{started - failed} passed, {failed} failed, {sum(flagged.values()) + sum(missing.values())} skipped")
for why, n in [*flagged.items(), *((f'missing {r}', n) for r, n in missing.items())]: print(f"  skipped {n} test cell(s): {why}")
sys.exit(1 if started == 0 else 0)
