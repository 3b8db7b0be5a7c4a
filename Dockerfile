# Accord's image for compose.yaml: the pinned, hash-checked dependencies, the compiled
# Russian catalogue, and a non-root user. (requirements.lock also pins the test tools;
# the image carries them rather than keep a second lock.)
FROM python:3.11-slim-bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core gettext \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home /srv/accord accord
WORKDIR /srv/accord/src
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes -r requirements.lock
COPY pyproject.toml README.md ./
COPY accord ./accord
RUN cd accord && django-admin compilemessages --verbosity 0 \
 && cd .. && pip install --no-cache-dir --no-deps . \
 && mkdir -p /srv/accord/media /srv/accord/static && chown -R accord /srv/accord/media /srv/accord/static
USER accord
WORKDIR /srv/accord
EXPOSE 8000
