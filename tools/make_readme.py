#!/usr/bin/env python
"""Render nbs/index.ipynb to README.md for GitHub, as `nbdev_readme` does with Quarto (which this needs not).

    python tools/make_readme.py           # re-run index.ipynb (its results table reads nbs/results/results.json), rewrite README.md
    python tools/make_readme.py --check   # exit 1 if README.md is out of date

The rendering (`creditrisk.docs.notebook_markdown`) is documented and tested in nbs/13_docs.ipynb.
"""
import sys
from execnb.nbio import read_nb, write_nb
from execnb.shell import CaptureShell
from fastcore.xtras import working_directory
from nbdev.config import get_config
from nbdev.clean import clean_nb
from creditrisk.docs import make_readme

def execute_index():
    "Run index.ipynb in place so its generated cells (the results table) carry fresh outputs."
    cfg = get_config()
    path = cfg.nbs_path/cfg.readme_nb
    nb = read_nb(path)
    with working_directory(cfg.nbs_path): CaptureShell(path).run_all(nb, exc_stop=True)
    clean_nb(nb)
    write_nb(nb, path)

if __name__ == '__main__':
    if '--check' in sys.argv: make_readme(check=True)
    else: execute_index(); make_readme()
