# creditrisk REST API: the models in models/registry.json served by `creditrisk-serve`.
#   docker build -t creditrisk .        (after exporting models: the registry and the files it names are copied in)
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
RUN pip install --extra-index-url https://download.pytorch.org/whl/cpu ".[llama,serve]"
COPY models ./models

RUN useradd --create-home --uid 10001 creditrisk && mkdir /data && chown creditrisk /data
USER creditrisk
VOLUME /data
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4)"
# API keys come from CREDITRISK_API_KEYS (or mount a key file and add --api_keys /run/secrets/keys)
CMD ["creditrisk-serve", "--host", "0.0.0.0", "--port", "8000", "--audit_db", "/data/audit.sqlite"]
