# One image for web, worker and beat; the command decides which process runs.
FROM python:3.11-slim-bookworm AS base

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=lms.settings.base \
    VAR_DIR=/app/var

RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 lms

WORKDIR /app
COPY requirements.lock ./
RUN pip install --no-cache-dir uv==0.13.9 \
    && uv pip install --system --no-cache --require-hashes -r requirements.lock

COPY --chown=lms:lms . .
# Static files are collected at build time and served by whitenoise from the image.
RUN DEBUG=0 SECRET_KEY=build-only-not-secret python manage.py collectstatic --noinput -v0 \
    && mkdir -p /app/var/media && chown -R lms:lms /app/var

USER lms
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz/').status == 200 else 1)"
CMD ["gunicorn", "lms.wsgi", "--config", "deploy/gunicorn.conf.py"]
