# The vbkg web app and JSON API (`vbkg serve`), for docker-compose.yml.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

# scans (OCR with the Vietnamese model) and Word 97-2003 files
RUN apt-get update && apt-get install -y --no-install-recommends \
        tesseract-ocr tesseract-ocr-vie antiword \
    && rm -rf /var/lib/apt/lists/*

COPY pyproject.toml README.md constraints.txt ./
COPY loaders/ loaders/
COPY api/ api/
COPY ontology/ ontology/
COPY queries/ queries/
RUN pip install -c constraints.txt .

# the seeds, so that `docker compose run --rm api vbkg load examples/seeds` works
COPY examples/ examples/

RUN useradd --system --uid 10001 vbkg
USER vbkg

EXPOSE 8000
# 0.0.0.0 inside the container; docker-compose.yml publishes it on the host's 127.0.0.1
CMD ["vbkg", "serve", "--host", "0.0.0.0", "--port", "8000"]
