#!/usr/bin/env bash
# Runs before `npm test`: makes sure the real parts the tests use are here. On a fresh Debian
# machine (as root) it installs Chromium, ffmpeg, espeak-ng and sox from Debian's archive and
# starts the local PostgreSQL cluster; elsewhere it says what is missing and stops.
set -uo pipefail

need=()
command -v chromium >/dev/null 2>&1 || [[ -x "${KINOTEKA_CHROMIUM:-/usr/bin/chromium}" ]] || need+=(chromium)
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
command -v espeak-ng >/dev/null 2>&1 || need+=(espeak-ng)
command -v sox >/dev/null 2>&1 || need+=(sox)
if ((${#need[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "pretest: installing ${need[*]} from Debian's archive"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null || {
      echo "pretest: apt-get install ${need[*]} failed" >&2
      exit 1
    }
  else
    echo "pretest: missing ${need[*]}; install them (Debian: sudo apt-get install -y ${need[*]})" >&2
    exit 1
  fi
fi

pg_url="${KINOTEKA_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/test}"
if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -d "$pg_url" -q; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [[ -d /etc/postgresql ]]; then
    echo "pretest: starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
    for _ in $(seq 1 30); do pg_isready -d "$pg_url" -q && break; sleep 1; done
  fi
fi
exit 0
