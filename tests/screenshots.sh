#!/usr/bin/env bash
# Screenshots of each screen of the desktop app, in Vietnamese and English,
# taken under Xvfb (1280×800) with ImageMagick's `import`.
#
#   tests/screenshots.sh [BUILD_DIR] [OUT_DIR]
#
# BUILD_DIR defaults to ./build (it must be built), OUT_DIR to docs/screenshots.
# Writes PAGE-LANG.png, and for the first screens PAGE-LANG-dark.png (dark
# style) and PAGE-LANG-800x600.png (the smallest supported window). The
# signed-in screens (quarter, history) come from the stand-in portal
# (build/tests/portal) as officer-stc, on 13/10/2026 (OPENDATA_SUBMIT_NOW),
# with a made-up history file.
# The submission wizard (wizard-check-LANG.png: the check step with the errors
# of data/demo/gia-ca-thi-truong-2026-Q3-co-loi.csv; wizard-done-LANG.png: the
# confirmation after sending data/demo/gia-ca-thi-truong-2026-Q3.csv, period
# Q3/2026) is driven like an officer would, with xdotool: search the dataset
# on This quarter, click it, Next, Choose File… and type the path (Ctrl+L) in
# the file chooser, Next; then Back, the valid file, Next, Next, Upload. Each
# language gets a fresh stand-in portal, so the dataset is still due.
# (The wizard's actions are widget actions, not exported on D-Bus: only
# app.show-page, app.preferences, app.about and app.quit are, which cannot
# choose a file. Hence the clicks; they assume the 960×680 default window.)
# Needs: xvfb-run, xwininfo (x11-utils), import (imagemagick), dbus-run-session;
# xdotool for the wizard screens (skipped without it).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
out=${2:-$top/docs/screenshots}
mkdir -p "$out"
out=$(cd "$out" && pwd)

if [ -z "${ODS_SCREENSHOTS_INNER:-}" ]; then
  for tool in xvfb-run xwininfo import dbus-run-session; do
    command -v "$tool" >/dev/null || { echo "screenshots.sh: “$tool” is not installed." >&2; exit 1; }
  done
  [ -x "$build/app/opendata-submit" ] || { echo "screenshots.sh: build first (ninja -C $build)." >&2; exit 1; }
  export ODS_SCREENSHOTS_INNER=1
  exec xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash "$0" "$build" "$out"
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

export HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" \
       XDG_CACHE_HOME="$scratch/cache"
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
export GDK_BACKEND=x11 NO_AT_BRIDGE=1 GTK_A11Y=none
export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data"
export OPENDATA_SUBMIT_LOCALEDIR="$build/po"
export LANG=C.UTF-8
unset LC_ALL LC_MESSAGES

# The topmost mapped window (xwininfo lists the root's children top first).
top_window () {
  local id found=""
  for id in $(xwininfo -root -children 2>/dev/null | awk '/^ +0x[0-9a-f]+ / {print $1}'); do
    if xwininfo -id "$id" 2>/dev/null | grep -q "Map State: IsViewable"; then
      found=$id
      break
    fi
  done
  echo "$found"
}

# shoot PAGE LANGUAGE COLOR-SCHEME FILE [VAR=VALUE…]
shoot () {
  local page=$1 lang=$2 scheme=$3 file=$4 pid id i
  shift 4
  env LANGUAGE="$lang" ADW_DEBUG_COLOR_SCHEME="$scheme" "$@" \
    "$build/app/opendata-submit" --page="$page" ${PORTAL_ARGS:-} >"$scratch/app.log" 2>&1 &
  pid=$!
  id=""
  for i in $(seq 1 50); do
    sleep 0.2
    id=$(top_window)
    [ -n "$id" ] && break
  done
  sleep "${SETTLE:-2}"   # let animations (crossfades, the spinner) settle
  id=$(top_window)
  if [ -z "$id" ]; then
    echo "screenshots.sh: no window for $page ($lang)" >&2
    cat "$scratch/app.log" >&2
    kill "$pid" 2>/dev/null || true
    return 1
  fi
  import -window "$id" "$file" || { kill "$pid" 2>/dev/null; return 1; }
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "$file"
}

# click WINDOW X Y: a click at X,Y inside the window.
click () {
  xdotool mousemove --window "$1" "$2" "$3" click 1
}

# choose_file WINDOW PATH: presses the file step's Choose File… (at Y) and
# types PATH into the file chooser's location entry.
choose_file () {
  click "$1" 480 "$3"
  sleep 2
  xdotool key ctrl+l
  sleep 0.5
  xdotool type --delay 20 "$2"
  sleep 1
  xdotool key Return
  sleep 2
}

# wizard_shots LANGUAGE: the check step with errors, then the confirmation.
wizard_shots () {
  local lang=$1 pid id i next="914 652"
  start_portal "wizard-$lang"
  env LANGUAGE="$lang" ADW_DEBUG_COLOR_SCHEME=prefer-light OPENDATA_SUBMIT_TOKEN="$token" OPENDATA_SUBMIT_USER=officer-stc \
    OPENDATA_SUBMIT_NOW=2026-10-13T09:00:00+07:00 OPENDATA_SUBMIT_HISTORY="$scratch/wizard-$lang.jsonl" \
    "$build/app/opendata-submit" --page=quarter --portal="$portal_url" >"$scratch/app.log" 2>&1 &
  pid=$!
  id=""
  for i in $(seq 1 50); do
    sleep 0.2
    id=$(top_window)
    [ -n "$id" ] && break
  done
  if [ -z "$id" ]; then
    echo "screenshots.sh: no window for the wizard ($lang)" >&2
    cat "$scratch/app.log" >&2
    kill "$pid" "$portal_pid" 2>/dev/null || true
    return 1
  fi
  sleep 4                                   # the quarter's datasets arrive
  click "$id" 480 255                       # the search entry
  xdotool type --delay 20 gia-ca-thi-truong
  sleep 1
  click "$id" 250 324                       # the only row left: the wizard starts
  sleep 2
  click "$id" $next                         # Dataset → File
  sleep 1.5
  choose_file "$id" "$scratch/gia-ca-thi-truong-2026-Q3-co-loi.csv" 493
  click "$id" $next                         # File → Check
  sleep 4
  import -window "$id" "$out/wizard-check-$lang.png"
  echo "$out/wizard-check-$lang.png"
  click "$id" 45 652                        # Back to the file step
  sleep 1.5
  choose_file "$id" "$scratch/gia-ca-thi-truong-2026-Q3.csv" 478
  click "$id" $next                         # File → Check
  sleep 4
  click "$id" $next                         # Check → Details
  sleep 2
  click "$id" $next                         # Upload
  sleep 6
  import -window "$id" "$out/wizard-done-$lang.png"
  echo "$out/wizard-done-$lang.png"
  kill "$pid" "$portal_pid" 2>/dev/null || true
  wait "$pid" "$portal_pid" 2>/dev/null || true
}

# The smallest supported screen, 800×600: the window size comes from a key
# file. (Text at 200 % is checked by tests/test-gui.c through gtk-xft-dpi;
# without an XSETTINGS daemon it cannot be set for a whole app on Xvfb.)
small="$scratch/small"
mkdir -p "$small/glib-2.0/settings"
printf '[io/github/opendatasubmit/OpenDataSubmit]\nwindow-size=(800, 600)\n' \
  > "$small/glib-2.0/settings/keyfile"

for lang in vi en; do
  for page in welcome sign-in preferences portals shortcuts about; do
    shoot "$page" "$lang" prefer-light "$out/$page-$lang.png"
  done
  for page in welcome sign-in; do
    shoot "$page" "$lang" prefer-dark "$out/$page-$lang-dark.png"
  done
  for page in welcome sign-in; do
    shoot "$page" "$lang" prefer-light "$out/$page-$lang-800x600.png" \
      XDG_CONFIG_HOME="$small" GSETTINGS_BACKEND=keyfile
  done
done

# Signed in: the stand-in portal with its demo data, the token from the
# environment (no keyring needed), a fixed "now" and a small history.
portal_bin="$build/tests/portal/ods-stand-in-portal"
if [ -x "$portal_bin" ]; then
  portal_pids=""
  trap 'kill $portal_pids 2>/dev/null || true; rm -rf "$scratch"' EXIT
  # start_portal NAME: a fresh stand-in portal with the demo data; sets
  # portal_pid and portal_url.
  start_portal () {
    "$portal_bin" --port=0 --data-dir="$scratch/$1" --seed=demo >"$scratch/$1.out" 2>&1 &
    portal_pid=$!
    portal_pids="$portal_pids $portal_pid"
    for i in $(seq 1 50); do
      grep -q '^listening on ' "$scratch/$1.out" 2>/dev/null && break
      sleep 0.1
    done
    portal_url=$(sed -n 's/^listening on //p' "$scratch/$1.out" | head -n 1)
  }
  start_portal portal
  token=$("$portal_bin" --print-demo-tokens | awk -F '\t' '$1 == "officer-stc" {print $3}')
  history="$scratch/history.jsonl"
  cat >"$history" <<JSON
{"v":1,"time":"2026-07-14T03:10:00Z","outcome":"confirmed","portal":"$portal_url","user":"officer-stc","dataset":"thu-chi-ngan-sach","resource":"r-q2","period":"2026-Q2","file":"thu_chi_2026_q2.csv","size":45120,"sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","rows":1180,"errors":0,"warnings":0,"receipt_url":"${portal_url}dataset/thu-chi-ngan-sach/resource/r-q2"}
{"v":1,"time":"2026-10-12T02:30:00Z","outcome":"invalid","portal":"$portal_url","user":"officer-stc","dataset":"thu-chi-ngan-sach","period":"2026-Q3","file":"thu_chi_2026_q3.csv","size":48213,"rows":1250,"errors":3,"warnings":1}
{"v":1,"time":"2026-10-13T01:45:00Z","outcome":"validated","portal":"$portal_url","user":"officer-stc","dataset":"thu-chi-ngan-sach","period":"2026-Q3","file":"thu_chi_2026_q3_sua.csv","size":48190,"sha256":"2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae","rows":1250,"errors":0,"warnings":0}
JSON
  for lang in vi en; do
    for page in quarter history; do
      SETTLE=4 PORTAL_ARGS="--portal=$portal_url" shoot "$page" "$lang" prefer-light "$out/$page-$lang.png" \
        OPENDATA_SUBMIT_TOKEN="$token" OPENDATA_SUBMIT_USER=officer-stc OPENDATA_SUBMIT_NOW=2026-10-13T09:00:00+07:00 \
        OPENDATA_SUBMIT_HISTORY="$history"
    done
  done
  kill "$portal_pid" 2>/dev/null || true
  wait "$portal_pid" 2>/dev/null || true

  if command -v xdotool >/dev/null; then
    cp "$top/data/demo/gia-ca-thi-truong-2026-Q3-co-loi.csv" "$top/data/demo/gia-ca-thi-truong-2026-Q3.csv" "$scratch/"
    for lang in vi en; do
      wizard_shots "$lang"
    done
  else
    echo "screenshots.sh: xdotool is not installed; skipping the wizard screens." >&2
  fi
else
  echo "screenshots.sh: no stand-in portal in $build; skipping the signed-in screens." >&2
fi
