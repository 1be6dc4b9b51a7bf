#!/usr/bin/env python
"""Render nbs/index.ipynb to README.md for GitHub, as `nbdev_readme` does with Quarto (which this needs not).

    python tools/make_readme.py           # re-run index.ipynb (its tables and numbers read the committed results), rewrite README.md
    python tools/make_readme.py --check   # exit 1 if README.md is out of date

The rendering (`creditrisk.readme`) is documented and tested in nbs/17_readme.ipynb.
"""
from creditrisk.readme import make_readme

if __name__ == '__main__': make_readme()
