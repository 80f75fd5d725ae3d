#!/usr/bin/env bash
# Runs before `npm test` (and `npm run test:db` / `test:browser`): makes sure the real parts the
# tests use are here. On a fresh Debian machine (as root) it installs them from Debian's archive
# — Chromium and the fonts it draws with, ffmpeg, espeak-ng, sox and, when the tests' database is
# the local default, PostgreSQL — and starts the local PostgreSQL cluster; elsewhere it says what
# is missing and stops. Nothing here is needed by `npm run test:fast`.
set -uo pipefail

have() { command -v "$1" >/dev/null 2>&1; }
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

default_pg_url=postgres://postgres@127.0.0.1:5432/test
pg_url="${KINOTEKA_TEST_PG_URL:-$default_pg_url}"

need=()
have chromium || [[ -x "${KINOTEKA_CHROMIUM:-/usr/bin/chromium}" ]] || need+=(chromium)
have ffmpeg || need+=(ffmpeg) # ffprobe comes with it
have espeak-ng || need+=(espeak-ng)
have sox || need+=(sox)
# Chromium draws text with the fonts fontconfig finds; with none, screenshots show empty boxes
# and the layout checks (no sideways scrolling on a phone) measure nothing real. DejaVu is what
# the site's CSS names, Liberation what Debian's chromium recommends; both cover Cyrillic.
if have dpkg-query; then
  for f in fonts-dejavu-core fonts-liberation; do installed "$f" || need+=("$f"); done
fi
fresh_pg=0
if [[ $pg_url == "$default_pg_url" ]] && ! have pg_ctlcluster && ! have pg_isready; then
  need+=(postgresql)
  fresh_pg=1
fi

if ((${#need[@]})); then
  if [[ $(id -u) -eq 0 ]] && have apt-get; then
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

cluster() { ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1; }
if ((fresh_pg)); then
  # A cluster made just now for the tests: let local TCP connections in without a password,
  # as the tests' default URL expects (pg_hba.conf takes the first line that matches).
  hba="/etc/postgresql/$(cluster)/main/pg_hba.conf"
  sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba" || exit 1
  # Its package may have started it already, with the file as it was.
  pg_ctlcluster --skip-systemctl-redirect "$(cluster)" main reload 2>/dev/null || true
fi

if have pg_isready && ! pg_isready -d "$pg_url" -q; then
  if have pg_ctlcluster && [[ -n $(cluster) ]]; then
    echo "pretest: starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(cluster)" main start || true
    for _ in $(seq 1 30); do pg_isready -d "$pg_url" -q && break; sleep 1; done
  fi
fi

if ((fresh_pg)); then
  psql -X -q -d postgres://postgres@127.0.0.1:5432/postgres -tAc \
    "select 1 from pg_database where datname = 'test'" | grep -q 1 ||
    createdb -h 127.0.0.1 -U postgres test || exit 1
fi
exit 0
