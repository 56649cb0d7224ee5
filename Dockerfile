# The vbkg web app and JSON API (`vbkg serve`), for docker-compose.yml.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY pyproject.toml README.md ./
COPY loaders/ loaders/
COPY api/ api/
COPY ontology/ ontology/
COPY queries/ queries/
# editable, like the dev venv: pyproject's `packages` list names only the four top
# packages, so a plain wheel would leave out vbkg.loaders.commands and .extract
RUN pip install -e .

# the seeds, so that `docker compose run --rm api vbkg load examples/seeds` works
COPY examples/ examples/

RUN useradd --system --uid 10001 vbkg
USER vbkg

EXPOSE 8000
# 0.0.0.0 inside the container; docker-compose.yml publishes it on the host's 127.0.0.1
CMD ["vbkg", "serve", "--host", "0.0.0.0", "--port", "8000"]
