#!/bin/sh
# Healthy when FreeSWITCH answers on its Event Socket (with the password docker-entrypoint.sh put in
# ~/.fs_cli_conf) and reports the private SIP profile "sipcall" RUNNING.
set -eu
status=$(fs_cli -x 'sofia status' 2>&1) || { echo "$status"; exit 1; }
echo "$status" | grep -Eq '^[[:space:]]*sipcall[[:space:]]+profile[[:space:]].*RUNNING' || { echo "$status"; exit 1; }
