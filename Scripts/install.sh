#!/usr/bin/env bash
# make install / make uninstall: the release tree (.build-dist/stage/, made by
# `Scripts/dist.sh --stage-only`) into DESTDIR/PREFIX, the same layout as the
# archive: lib/rkit/ holds the multi-call binary and libqrencode.so.4 (found
# through the binary's run path $ORIGIN), bin/ three relative links to it.
# Usage: Scripts/install.sh install|uninstall DESTDIR PREFIX
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "Scripts/install.sh: $*" >&2; exit 1; }
[ $# = 3 ] || fail "usage: Scripts/install.sh install|uninstall DESTDIR PREFIX"
mode=$1; destdir=$2; prefix=$3
case "$prefix" in /*) ;; *) fail "PREFIX must be an absolute path, not '$prefix'" ;; esac
to="$destdir$prefix"
tools=(rkit-generate rkit-sign rkit-verify)
# Every path this installs, relative to PREFIX (uninstall removes exactly these).
files=(lib/rkit/rkit lib/rkit/libqrencode.so.4 share/doc/rkit/README.md share/doc/rkit/BUILDINFO)
for t in "${tools[@]}"; do
  files+=("bin/$t" "share/man/man1/$t.1" "share/bash-completion/completions/$t"
          "share/zsh/site-functions/_$t" "share/fish/vendor_completions.d/$t.fish")
done
third_party=(openssl.txt libqrencode.txt swift-argument-parser.txt swift-runtime.txt)
for f in "${third_party[@]}"; do files+=("share/doc/rkit/third-party/$f"); done

if [ "$mode" = uninstall ]; then
  for f in "${files[@]}"; do rm -f "$to/$f"; done
  rmdir "$to/share/doc/rkit/third-party" "$to/share/doc/rkit" "$to/lib/rkit" 2>/dev/null || true
  echo "removed rkit from $to"
  exit 0
fi
[ "$mode" = install ] || fail "unknown mode '$mode' (install or uninstall)"
shopt -s nullglob
stages=(.build-dist/stage/rkit-*)
[ ${#stages[@]} = 1 ] || fail "no single release tree in .build-dist/stage/: run 'make install' (it builds one)"
s=${stages[0]}
install -d "$to/bin" "$to/lib/rkit" "$to/share/man/man1" "$to/share/bash-completion/completions" \
  "$to/share/zsh/site-functions" "$to/share/fish/vendor_completions.d" "$to/share/doc/rkit/third-party"
install -m 0755 "$s/lib/rkit/rkit" "$s/lib/rkit/libqrencode.so.4" "$to/lib/rkit/"
install -m 0644 "$s/README.md" "$s/share/doc/rkit/BUILDINFO" "$to/share/doc/rkit/"
for f in "${third_party[@]}"; do install -m 0644 "$s/share/doc/rkit/third-party/$f" "$to/share/doc/rkit/third-party/"; done
for t in "${tools[@]}"; do
  ln -sfn ../lib/rkit/rkit "$to/bin/$t"
  for f in "share/man/man1/$t.1" "share/bash-completion/completions/$t" "share/zsh/site-functions/_$t" \
           "share/fish/vendor_completions.d/$t.fish"; do
    install -m 0644 "$s/$f" "$to/$f"
  done
done
echo "installed rkit into $to (remove with: make uninstall PREFIX=$prefix${destdir:+ DESTDIR=$destdir})"
