# SIPp for the QA profile of docker-compose.yml: Debian bookworm's sip-tester (SIPp 3.6.1, the version
# the end-to-end tests are written against) with the scenarios of src/test/resources/sipp/ in
# /scenarios. iproute2 (ss) and procps (pgrep) serve the health checks.
FROM debian:bookworm-slim
RUN set -eu; \
    export DEBIAN_FRONTEND=noninteractive; \
    apt-get update; \
    apt-get install -y --no-install-recommends sip-tester iproute2 procps; \
    rm -rf /var/lib/apt/lists/*; \
    useradd --system --user-group --home-dir /tmp sipp
COPY src/test/resources/sipp/ /scenarios/
USER sipp
# SIPp writes its error and statistics files into the working directory.
WORKDIR /tmp
