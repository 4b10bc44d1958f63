#!/bin/sh
# Starts FreeSWITCH as SIPCall's media anchor (see README.md).
#
# 1. FS_ESL_PASSWORD_FILE names a file holding the ESL password (a Docker secret); it is read into
#    FS_ESL_PASSWORD, which conf/vars.xml takes from the environment.
# 2. The ESL password is required and must not be FreeSWITCH's well-known factory one.
# 3. Empty FS_* variables are removed: vars.xml's env-set would take an empty value as set, and the
#    default would be lost. Values containing characters that break XML attributes are refused.
# 4. ~/.fs_cli_conf lets healthcheck.sh (and an operator's "docker compose exec freeswitch fs_cli")
#    reach ESL without the password on a command line.
# 5. FreeSWITCH runs in the foreground with its console on stdout (docker logs). -nonat: no UPnP or
#    NAT-PMP probing, the addresses come from the environment.
set -eu

fail() {
    echo "freeswitch-media: $*" >&2
    exit 2
}

if [ -n "${FS_ESL_PASSWORD_FILE:-}" ]; then
    [ -r "$FS_ESL_PASSWORD_FILE" ] || fail "FS_ESL_PASSWORD_FILE $FS_ESL_PASSWORD_FILE is not readable"
    FS_ESL_PASSWORD=$(tr -d '\r\n' < "$FS_ESL_PASSWORD_FILE")
    export FS_ESL_PASSWORD
fi
unset FS_ESL_PASSWORD_FILE

[ -n "${FS_ESL_PASSWORD:-}" ] || fail "FS_ESL_PASSWORD (or FS_ESL_PASSWORD_FILE) is required"
[ "$FS_ESL_PASSWORD" != "ClueCon" ] || fail "FS_ESL_PASSWORD must not be FreeSWITCH's factory password"
[ "${#FS_ESL_PASSWORD}" -ge 16 ] || fail "FS_ESL_PASSWORD must be at least 16 characters"

newline='
'
for name in $(env | sed -n 's/^\(FS_[A-Z0-9_]*\)=.*/\1/p'); do
    eval "value=\${$name}"
    if [ -z "$value" ]; then
        unset "$name"
        continue
    fi
    case $value in
        *'"'* | *'<'* | *'>'* | *'&'* | *"$newline"*)
            fail "$name contains a character FreeSWITCH's XML configuration cannot hold (\" < > & or a line break)"
            ;;
    esac
done

umask 077
cat > "$HOME/.fs_cli_conf" <<CONF
[default]
host => ${FS_ESL_IP:-${FS_PRIVATE_IP:-127.0.0.1}}
port => ${FS_ESL_PORT:-8021}
password => ${FS_ESL_PASSWORD}
CONF

exec freeswitch -c -nonat \
    -conf /etc/freeswitch -log /var/log/freeswitch -db /var/lib/freeswitch/db -run /var/run/freeswitch \
    "$@"
