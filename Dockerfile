# Broadsheet's container image: the binary alone on a slim Debian, run as a non-root user, its
# data (SQLite database, mail outbox, images) on a volume. See "Deploying" in README.md.
#
#   podman build -t broadsheet .          (or docker build)
#   podman run -d -p 3000:3000 -v broadsheet-data:/var/lib/broadsheet \
#     -e BROADSHEET_BASE_URL=https://news.example.org broadsheet
#
# Templates, static files, migrations and the demo articles are compiled into the binary, so the
# runtime stage needs nothing from the source tree.
#
# Build arguments:
#   RUST_IMAGE  the builder (Rust 1.90 or newer on Debian bookworm, so its glibc matches BASE_IMAGE)
#   BASE_IMAGE  the runtime base, a Debian bookworm; CI passes one made locally with debootstrap
#   BINARY      with `--target prebuilt`: a binary already built on a bookworm machine, as a path
#               in the build context (CI uses this to skip a second, release, compilation)

ARG RUST_IMAGE=docker.io/library/rust:1-bookworm
ARG BASE_IMAGE=docker.io/library/debian:bookworm-slim

FROM ${RUST_IMAGE} AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked \
 && install -D -m 0755 target/release/broadsheet /out/broadsheet

FROM ${BASE_IMAGE} AS runtime-base
# ca-certificates: for TLS to the mail relay, the S3 store, the OpenID provider and webhooks.
# A fixed uid/gid so a bind-mounted data directory can be chowned to it: 10001:10001.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 10001 broadsheet \
 && useradd --uid 10001 --gid broadsheet --home-dir /var/lib/broadsheet \
      --no-create-home --shell /usr/sbin/nologin broadsheet \
 && install -d -m 0750 -o broadsheet -g broadsheet /var/lib/broadsheet
# BROADSHEET_ADDR listens on every interface of the container; publish the port to choose who
# can reach it. Set BROADSHEET_BASE_URL (https://… makes cookies Secure and adds HSTS),
# BROADSHEET_TRUSTED_PROXIES for the proxy in front, BROADSHEET_DATABASE_URL for PostgreSQL.
ENV BROADSHEET_ADDR=0.0.0.0:3000 \
    BROADSHEET_DATA_DIR=/var/lib/broadsheet \
    BROADSHEET_LOG_FORMAT=json
WORKDIR /var/lib/broadsheet
VOLUME ["/var/lib/broadsheet"]
EXPOSE 3000
# /healthz answers 200 when the database answers, 503 when not. The slim base has no curl: the
# check is bash's /dev/tcp (bash is part of every Debian base), to the port BROADSHEET_ADDR sets.
# Docker runs it; podman runs it when the image is built with `--format docker`.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${BROADSHEET_ADDR##*:} && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '"]
USER broadsheet:broadsheet
ENTRYPOINT ["/usr/local/bin/broadsheet"]
CMD ["serve"]

# CI: the binary it has already built, instead of a release build in the image.
FROM runtime-base AS prebuilt
ARG BINARY=target/release/broadsheet
COPY --chmod=0755 ${BINARY} /usr/local/bin/broadsheet

# The default target: the binary built in the first stage.
FROM runtime-base AS runtime
COPY --from=build /out/broadsheet /usr/local/bin/broadsheet
