#!/usr/bin/env bash
# Pack what tools/gpu_sweep.py needs on the lent GPU machine (python 3.12, torch 2.11+cu130, transformers 5.17, peft 0.21,
# no network, no trl/datasets/bitsandbytes/fastcore/pydantic) into two carryable folders of at most ~60 MiB with the tree:
#   .gpu/c1: site.tar.xz (~6 MB of wheels, unpacked to /tmp/site there), the Kaggle CSV, the first 48 MiB of the model GGUF
#   .gpu/c2: the rest of the GGUF
# The two device calls are in nbs/experiments/gpu_sweep_smollm2.ipynb.   Usage: tools/gpu_site.sh DATA.csv MODEL.gguf
set -euo pipefail
data=${1:?usage: gpu_site.sh DATA.csv MODEL.gguf}; model=${2:?usage: gpu_site.sh DATA.csv MODEL.gguf}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
  --platform manylinux_2_28_x86_64 --platform manylinux_2_24_x86_64 --platform manylinux_2_17_x86_64 \
  --platform manylinux2014_x86_64 -d "$work/whl" trl==1.16.0 datasets==4.8.5 bitsandbytes==0.50.2 gguf==0.19.0 dill==0.4.1 \
  multiprocess==0.70.19 fastcore==1.14.5 pydantic==2.13.4 pydantic_core==2.46.4 annotated-types==0.7.0 typing-inspection==0.4.2
mkdir -p "$work/site"
for w in "$work"/whl/*.whl; do python3 -m zipfile -e "$w" "$work/site"; done
find "$work/site/bitsandbytes" -name 'libbitsandbytes_*.so' ! -name '*cuda130*' -delete   # torch there is cu130
rm -rf .gpu && mkdir -p .gpu/c1 .gpu/c2
tar -C "$work/site" -cf - . | xz -6 -T2 > .gpu/c1/site.tar.xz
cp "$data" .gpu/c1/
head -c 50331648 "$model" > .gpu/c1/model.part.aa
tail -c +50331649 "$model" > .gpu/c2/model.part.ab
sha256sum "$model"
du -sh .gpu/c1 .gpu/c2
