#!/usr/bin/env bash
# Pack what tools/gpu_sweep.py needs on the GPU machine (python 3.12, torch 2.11+cu130, transformers 5.17, peft 0.21,
# no network, no trl/datasets/bitsandbytes/fastcore/pydantic) into uploadable folders .gpu/c1 ... .gpu/cN, each small
# enough to travel with the working tree (a call uploads at most 64 MiB in all):
#   .gpu/c1: site.tar.xz (~6 MB of wheels, unpacked to /tmp/site there), the Kaggle CSV, the model GGUF's first part
#   .gpu/c2 ... .gpu/cN: the GGUF's other parts (model.part.NN), CHUNK_MIB each
# Every call but the last copies its parts to /tmp, which survives only while the machine stays warm (30 s idle), so
# issue the calls back to back; the last call joins the parts, checks the sha256 and trains. SmolLM2 (93 MB) takes
# 2 calls, Qwen2.5-0.5B (490 MB) 9, a Qwen2.5-3B Q4_K_M (2.1 GB) about 38. The script prints the calls.
# Usage: tools/gpu_site.sh DATA.csv MODEL.gguf [CHUNK_MIB (default 54)]
set -euo pipefail
data=${1:?usage: gpu_site.sh DATA.csv MODEL.gguf [CHUNK_MIB]}; model=${2:?usage: gpu_site.sh DATA.csv MODEL.gguf [CHUNK_MIB]}
chunk=$(( ${3:-54} << 20 ))
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
  --platform manylinux_2_28_x86_64 --platform manylinux_2_24_x86_64 --platform manylinux_2_17_x86_64 \
  --platform manylinux2014_x86_64 -d "$work/whl" trl==1.16.0 datasets==4.8.5 bitsandbytes==0.50.2 gguf==0.19.0 dill==0.4.1 \
  multiprocess==0.70.19 fastcore==1.14.5 pydantic==2.13.4 pydantic_core==2.46.4 annotated-types==0.7.0 typing-inspection==0.4.2
mkdir -p "$work/site"
for w in "$work"/whl/*.whl; do python3 -m zipfile -e "$w" "$work/site"; done
find "$work/site/bitsandbytes" -name 'libbitsandbytes_*.so' ! -name '*cuda130*' -delete   # torch there is cu130
rm -rf .gpu && mkdir -p .gpu/c1
tar -C "$work/site" -cf - . | xz -6 -T2 > .gpu/c1/site.tar.xz
cp "$data" .gpu/c1/
first=$(( chunk - $(stat -c %s .gpu/c1/site.tar.xz "$data" | paste -sd+ | bc) ))   # c1 is no bigger than the others
head -c "$first" "$model" > .gpu/c1/model.part.00
tail -c +$(( first + 1 )) "$model" | split -b "$chunk" -d -a 2 --numeric-suffixes=1 - "$work/model.part."
n=1
for p in "$work"/model.part.*; do n=$(( n + 1 )); mkdir -p .gpu/c$n; mv "$p" .gpu/c$n/; done
sha=$(sha256sum "$model" | cut -d' ' -f1)
du -sh .gpu/c*
cat <<EOF

GPU-machine calls, back to back (each names its folder in carry):
  1  carry .gpu/c1: mkdir -p /tmp/site && tar -xJf .gpu/c1/site.tar.xz -C /tmp/site && cp .gpu/c1/model.part.00 .gpu/c1/*.csv /tmp/
EOF
for i in $(seq 2 $(( n - 1 ))); do echo "  $i  carry .gpu/c$i: cp .gpu/c$i/model.part.* /tmp/"; done
cat <<EOF
  $n  carry .gpu/c$n: mkdir -p models/.cache/gguf && G=models/.cache/gguf/$(basename "$model") && cat /tmp/model.part.* .gpu/c$n/model.part.* > \$G && echo "$sha  \$G" | sha256sum -c && PYTHONPATH=/tmp/site:\$PWD HF_HUB_OFFLINE=1 python3 tools/gpu_sweep.py --data /tmp/$(basename "$data") --out \$OUT ...
EOF
