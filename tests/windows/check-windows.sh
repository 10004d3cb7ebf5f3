#!/bin/sh
# The Windows Credential Manager backend, the rest of the headless program (app/core, app/cli,
# main.c) and the window's code (app/gui), compiled for Windows (x86_64-w64-mingw32):
# syntax and types only, against mingw-w64's <windows.h>/<wincred.h> and GLib's own headers
# with the glibconfig.h GLib generates for that target (Debian has no GLib for mingw, so
# nothing is linked). The keyring files that Windows builds (ods-credential-store.c,
# ods-credential-store-wincred.c, and -secret.c, which must compile to nothing there) go
# through the project's warnings as errors.
#
#   check-windows.sh SOURCE_ROOT BUILD_ROOT WIN_INCLUDE_DIR GLIB_INCLUDE_DIR
#
# Skipped (exit 77) without the cross compiler: apt-get install gcc-mingw-w64-x86-64.
set -u
src=$1 build=$2 wininc=$3 glibinc=$4
cc=${ODS_MINGW_CC:-x86_64-w64-mingw32-gcc}

if ! command -v "$cc" >/dev/null 2>&1; then
  echo "$cc is not installed (Debian package gcc-mingw-w64-x86-64): skipped"
  exit 77
fi

set -- -fsyntax-only -std=gnu11 -Wall -Wextra -Werror \
  -Wno-unused-parameter -Wno-missing-field-initializers -Wno-cast-function-type \
  -Wformat=2 -Wmissing-prototypes -Wstrict-prototypes -Wshadow -Wimplicit-fallthrough \
  -Wnull-dereference -Werror=implicit-function-declaration -Werror=return-type \
  -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74 \
  -D_GNU_SOURCE -I"$wininc" -I"$glibinc" -I"$build" -I"$src/app/core"

# The check means something only if GLib's headers see a Windows target.
if ! printf '#include <glib.h>\n#ifndef G_OS_WIN32\n#error not a Windows target\n#endif\n' |
     "$cc" "$@" -x c -; then
  echo "GLib's headers do not see a Windows target"
  exit 1
fi

# The other libraries' headers, and only them (not the host's C library):
# json-glib, libsoup, nettle and libxlsxwriter are plain C headers.
deps=$wininc/deps
mkdir -p "$deps"
inc=$(pkg-config --variable=includedir glib-2.0)
ln -sfn "$inc/json-glib-1.0/json-glib" "$deps/json-glib"
ln -sfn "$inc/libsoup-3.0/libsoup" "$deps/libsoup"
ln -sfn "$inc/nettle" "$deps/nettle"
ln -sfn "$inc/xlsxwriter" "$deps/xlsxwriter"
ln -sfn "$inc/xlsxwriter.h" "$deps/xlsxwriter.h"

status=0
# The keyring files first (the reason for this check), then the rest of the
# headless program: the whole core, the commands and main.c (loading the
# window's module, the console of a command).
for f in app/core/ods-credential-store.c app/core/ods-credential-store-wincred.c \
         app/core/ods-credential-store-secret.c \
         $(cd "$src" && ls app/core/*.c app/cli/*.c | grep -v credential-store) app/main.c; do
  echo "$cc -fsyntax-only $f"
  "$cc" "$@" -DSOUP_VERSION_MIN_REQUIRED=SOUP_VERSION_3_2 -DSOUP_VERSION_MAX_ALLOWED=SOUP_VERSION_3_2 \
    -I"$deps" -I"$src/app/cli" "$src/$f" || status=1
done

# The window's code too, against the host's GTK and libadwaita headers (their
# own folders only: not the host's glibconfig.h nor its C library).
gui_flags=
for flag in $(pkg-config --cflags-only-I gtk4 libadwaita-1); do
  case $flag in
    */glib-2.0/include|-I/usr/include|-I/usr/include/*-linux-gnu|*/libmount|*/blkid) ;;
    *) gui_flags="$gui_flags $flag" ;;
  esac
done
for f in $(cd "$src" && ls app/gui/*.c); do
  echo "$cc -fsyntax-only $f"
  # shellcheck disable=SC2086
  "$cc" "$@" -DSOUP_VERSION_MIN_REQUIRED=SOUP_VERSION_3_2 -DSOUP_VERSION_MAX_ALLOWED=SOUP_VERSION_3_2 \
    -DGDK_VERSION_MIN_REQUIRED=GDK_VERSION_4_8 -DGDK_VERSION_MAX_ALLOWED=GDK_VERSION_4_8 \
    -DADW_VERSION_MIN_REQUIRED=ADW_VERSION_1_2 -DADW_VERSION_MAX_ALLOWED=ADW_VERSION_1_2 \
    -I"$deps" $gui_flags -I"$src/app/gui" -I"$build/ui" "$src/$f" || status=1
done
exit $status
