#!/bin/sh
# Starts Janus as SIPCall's WebRTC gateway (see README.md).
#
# 1. Fills in the defaults of the JANUS_* variables and refuses to start without JANUS_PUBLIC_IP.
# 2. Renders the four .jcfg templates into /var/lib/janus/conf, replacing exactly the JANUS_*
#    variables listed below (envsubst leaves any other $ alone).
# 3. Creates the SIP plugin's TLS material on first start (a volume keeps it): agent.pem, the
#    gateway's key and self-signed certificate, which Sofia presents to SIPCall as a client
#    certificate; cafile.pem, the CA list Sofia insists on loading (it does not verify SIPCall's
#    certificate with it; see README.md). Replace both to use your own.
# 4. Runs Janus in the foreground, logging to stdout without colours.
set -eu

fail() {
    echo "gateway: $*" >&2
    exit 2
}

[ -n "${JANUS_PUBLIC_IP:-}" ] || fail "JANUS_PUBLIC_IP is required (the address browsers and trunks reach this host at)"
: "${JANUS_PRIVATE_IP:=127.0.0.1}"
: "${JANUS_MEDIA_IP:=$JANUS_PUBLIC_IP}"
: "${JANUS_HTTP_PORT:=8088}"
: "${JANUS_WS_PORT:=8188}"
: "${JANUS_RTP_PORT_RANGE:=40000-49999}"
: "${JANUS_SIP_RTP_PORT_RANGE:=50000-54999}"
: "${JANUS_DEBUG_LEVEL:=4}"
export JANUS_PUBLIC_IP JANUS_PRIVATE_IP JANUS_MEDIA_IP JANUS_HTTP_PORT JANUS_WS_PORT \
    JANUS_RTP_PORT_RANGE JANUS_SIP_RTP_PORT_RANGE JANUS_DEBUG_LEVEL

for name in JANUS_PUBLIC_IP JANUS_PRIVATE_IP JANUS_MEDIA_IP JANUS_HTTP_PORT JANUS_WS_PORT \
    JANUS_RTP_PORT_RANGE JANUS_SIP_RTP_PORT_RANGE JANUS_DEBUG_LEVEL; do
    eval "value=\${$name}"
    case $value in
        *[!0-9A-Za-z.:-]*) fail "$name=$value: only letters, digits, '.', ':' and '-' are allowed" ;;
    esac
done

conf=/var/lib/janus/conf
vars='${JANUS_PUBLIC_IP} ${JANUS_PRIVATE_IP} ${JANUS_MEDIA_IP} ${JANUS_HTTP_PORT} ${JANUS_WS_PORT} ${JANUS_RTP_PORT_RANGE} ${JANUS_SIP_RTP_PORT_RANGE} ${JANUS_DEBUG_LEVEL}'
for template in /usr/share/sipcall-gateway/*.jcfg; do
    envsubst "$vars" < "$template" > "$conf/${template##*/}"
done

certs=/var/lib/janus/sip-certs
if [ ! -s "$certs/agent.pem" ]; then
    umask 077
    work=$(mktemp -d)
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=sipcall-gateway" \
        -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
    cat "$work/key.pem" "$work/cert.pem" > "$certs/agent.pem"
    cp "$work/cert.pem" "$certs/gateway-certificate.pem"
    rm -rf "$work"
    echo "gateway: created a TLS certificate for the SIP plugin: $certs/gateway-certificate.pem"
fi
if [ ! -s "$certs/cafile.pem" ]; then
    # The first certificate of agent.pem (openssl skips the key).
    openssl x509 -in "$certs/agent.pem" -out "$certs/cafile.pem" || fail "$certs/cafile.pem is missing and agent.pem holds no certificate"
fi

exec janus --config="$conf/janus.jcfg" --configs-folder="$conf" --disable-colors --log-stdout "$@"
