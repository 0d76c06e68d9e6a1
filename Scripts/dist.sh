#!/usr/bin/env bash
# make dist: the release archive dist/rkit-<version>-linux-<arch>.tar.gz and
# dist/SHA256SUMS (format and choices: docs/release/README.md).
#
# Reproducible: the same commit built in any folder gives the same bytes.
# Time stamps come from SOURCE_DATE_EPOCH (default: the commit's time),
# entries are sorted with fixed owners and modes, gzip stores no name or
# time, and the build folder is mapped to "." in everything the compilers
# write (-file-prefix-map) or removed with what holds it (.swift_modhash),
# so it never reaches the binary.
#
# Usage: [MINISIGN_KEY=FILE] Scripts/dist.sh [--stage-only]
#   MINISIGN_KEY  a minisign secret key: dist/SHA256SUMS.minisig is written
#                 (Scripts/sign-sums.sh; README "Install", docs/release/README.md).
#   --stage-only  build and lay out .build-dist/stage/<name>/ (what
#                 `make install` copies) without writing the archive.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
fail() { echo "Scripts/dist.sh: $*" >&2; exit 1; }
SWIFT=${SWIFT:-swift}

version=$(sed -n 's/.*"rkit \([0-9][0-9A-Za-z.+-]*\)".*/\1/p' Sources/RecoveryKitCLI/RKitVersion.swift)
[ -n "$version" ] || fail "cannot read the version from Sources/RecoveryKitCLI/RKitVersion.swift"
arch=$(uname -m)
name="rkit-$version-linux-$arch"

if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
  SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null) || fail "not a git checkout: set SOURCE_DATE_EPOCH"
fi
export SOURCE_DATE_EPOCH
commit=${RKIT_COMMIT:-$(git rev-parse HEAD 2>/dev/null || echo unknown)}
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
  echo "Scripts/dist.sh: warning: uncommitted changes; this archive is not the build of commit $commit" >&2
fi

# --- 1. the shared libraries shipped in lib/rkit/ beside the binary. Debian 12
# ships libfido2 (security keys) as a shared library only; it needs libcbor 0.8
# and libcrypto 3, which a bare Debian 12 lacks (libudev and zlib it has). So
# rkit links libcrypto shared too and ships libcrypto.so.3: ONE OpenSSL in the
# process, used by rkit and by libfido2 (a static copy in the binary beside
# libfido2's shared one would be two OpenSSLs whose symbols interpose), and
# `rkit-verify vectors` runs the very libcrypto that signs. A folder with
# only our libraries, named by our own .pc files (SwiftPM otherwise adds
# -L<system libdir> ahead of ours).
libdir=$(pkg-config --variable=libdir libcrypto) || fail "pkg-config cannot find libcrypto: install libssl-dev (make deps)"
shipped() {  # SONAME PACKAGE-HINT: the real file behind the system's SONAME
  readlink -f "$libdir/$1" 2>/dev/null | grep . || fail "$1 not found in $libdir: install $2 (make deps)"
}
cryptolib=$(shipped libcrypto.so.3 libssl-dev)
qrlib=$(readlink -f "$(pkg-config --variable=libdir libqrencode)/libqrencode.so.4") \
  || fail "libqrencode.so.4 not found: install libqrencode-dev (make deps)"
fidolib=$(shipped libfido2.so.1 libfido2-dev)
cborlib=$(shipped libcbor.so.0.8 libcbor-dev)
mkdir -p .build-dist/static .build-dist/pkgconfig
rm -f .build-dist/static/libcrypto.a
ln -sfn "$cryptolib" .build-dist/static/libcrypto.so
ln -sfn "$qrlib" .build-dist/static/libqrencode.so
ln -sfn "$fidolib" .build-dist/static/libfido2.so
pc() {  # NAME DESCRIPTION; SwiftPM caches what a .pc said, so drop its plan when one changes
  local text
  text=$(printf 'Name: %s\nDescription: %s\nVersion: 0\nCflags:\nLibs: -L%s -l%s\n' "$1" "$2" "$root/.build-dist/static" "${1#lib}")
  if [ "$(cat ".build-dist/pkgconfig/$1.pc" 2>/dev/null)" != "$text" ]; then
    printf '%s\n' "$text" >".build-dist/pkgconfig/$1.pc"
    rm -f .build-dist/build/release.yaml
  fi
}
pc libcrypto "OpenSSL libcrypto, shipped as lib/rkit/libcrypto.so.3"
pc libqrencode "libqrencode, shipped as lib/rkit/libqrencode.so.4"
pc libfido2 "Yubico libfido2, shipped as lib/rkit/libfido2.so.1 (with libcbor.so.0.8)"

# HarfBuzz (the PDF's fonts for text outside WinAnsi): Debian ships no
# libharfbuzz.a, so libharfbuzz-subset.so.0 and libharfbuzz.so.0 sit in
# lib/rkit/ with what they load that a bare Debian lacks (`shipped_libs`).
hblibdir=$(pkg-config --variable=libdir harfbuzz-subset) || fail "pkg-config cannot find harfbuzz-subset: install libharfbuzz-dev (make deps)"
for lib in harfbuzz-subset harfbuzz; do
  ln -sfn "$(readlink -f "$hblibdir/lib$lib.so.0")" ".build-dist/static/lib$lib.so"
done
hbtext=$(printf 'Name: harfbuzz-subset\nDescription: HarfBuzz and its subsetter, shipped in lib/rkit/\nVersion: 0\nCflags: -I%s\nLibs: -L%s -lharfbuzz-subset -lharfbuzz\n' \
  "$(pkg-config --variable=includedir harfbuzz)/harfbuzz" "$root/.build-dist/static")
if [ "$(cat .build-dist/pkgconfig/harfbuzz-subset.pc 2>/dev/null)" != "$hbtext" ]; then
  printf '%s\n' "$hbtext" >.build-dist/pkgconfig/harfbuzz-subset.pc
  rm -f .build-dist/build/release.yaml
fi
# The shared libraries lib/rkit/ carries: libqrencode, HarfBuzz and HarfBuzz's
# own dependencies, except glibc's (libc, libm, the loader) and zlib and
# PCRE2, which every Debian has (Priority: required).
shipped_libs() {
  { echo "$qrlib"; echo "$hblibdir/libharfbuzz-subset.so.0"
    ldd "$hblibdir/libharfbuzz-subset.so.0" | awk '/=>/ {print $3}'; } |
    grep -vE '/(libc|libm|libz|libpcre2-8|ld-linux[^/]*)\.so' | sort -u
}
# The fonts the PDF embeds subsets of (Sources/RecoveryKitPrint/EmbeddedFonts.swift
# looks in ../../share/rkit/fonts from the binary first, then in Debian's folders).
fonts=(/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
       /usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf /usr/share/fonts/truetype/wqy/wqy-microhei.ttc)
for font in "${fonts[@]}"; do [ -f "$font" ] || fail "$font is missing: install fonts-dejavu-core and fonts-wqy-microhei (make deps)"; done

# --- 2. release build of the multi-call binary `rkit` (Sources/Executables/rkit):
# Swift runtime static; libcrypto, libqrencode, libfido2 and libcbor found
# through the run path $ORIGIN (they sit beside the binary in lib/rkit/),
# written as DT_RPATH (--disable-new-dtags), which also serves the libraries'
# own dependencies (libfido2's libcbor and libcrypto, libharfbuzz's libfreetype;
# a DT_RUNPATH would not);
# build folder mapped to "." in file names the compilers record. The second
# run path, $ORIGIN/../lib/rkit, only serves `ldd bin/rkit-sign`: ldd takes
# $ORIGIN from the link's folder, while running the tool takes the binary's.
flags=(-c release --scratch-path .build-dist/build --pkg-config-path "$root/.build-dist/pkgconfig"
       --static-swift-stdlib -debug-info-format none
       -Xlinker -rpath -Xlinker '$ORIGIN/../lib/rkit' -Xlinker --disable-new-dtags -Xlinker --build-id=none
       -Xswiftc -file-prefix-map -Xswiftc "$root=."
       -Xcc -ffile-prefix-map="$root=.")
"$SWIFT" build "${flags[@]}" --product rkit
built=.build-dist/build/release/rkit
tools=(rkit-generate rkit-sign rkit-verify)

# --- 3. the tree: bin/ (three links), lib/rkit/ (the binary and libqrencode),
# share/{man,completions,doc}, README.md
stage=.build-dist/stage/$name
rm -rf .build-dist/stage
mkdir -p "$stage"/{bin,lib/rkit,share/rkit/fonts,share/man/man1,share/bash-completion/completions,share/zsh/site-functions,share/fish/vendor_completions.d,share/doc/rkit/third-party}
# .swift_modhash: one 16-byte hash per Swift object, of the LLVM module,
# which names the absolute source and object paths (-file-prefix-map does
# not reach it). Only the compiler's incremental builds read it, never the
# runtime; it is the one part of the binary that depends on the build
# folder, so it goes (and with it the linker's build ID, a hash that
# covered it, which the link above omits).
strip --strip-all --remove-section=.swift_modhash -o "$stage/lib/rkit/rkit" "$built"
cp "$cryptolib" "$stage/lib/rkit/libcrypto.so.3"
cp "$fidolib" "$stage/lib/rkit/libfido2.so.1"
cp "$cborlib" "$stage/lib/rkit/libcbor.so.0.8"
while read -r lib; do
  soname=$(objdump -p "$lib" | awk '$1 == "SONAME" {print $2}')
  [ -n "$soname" ] || fail "$lib has no SONAME"
  cp "$(readlink -f "$lib")" "$stage/lib/rkit/$soname"
done < <(shipped_libs)
cp "${fonts[@]}" "$stage/share/rkit/fonts/"
for tool in "${tools[@]}"; do
  ln -s ../lib/rkit/rkit "$stage/bin/$tool"
  cp "man/$tool.1" "$stage/share/man/man1/"
  "$stage/bin/$tool" --generate-completion-script bash >"$stage/share/bash-completion/completions/$tool"
  "$stage/bin/$tool" --generate-completion-script zsh >"$stage/share/zsh/site-functions/_$tool"
  "$stage/bin/$tool" --generate-completion-script fish >"$stage/share/fish/vendor_completions.d/$tool.fish"
done
cp README.md "$stage/"
[ ! -f LICENSE ] || cp LICENSE "$stage/"
t="$stage/share/doc/rkit/third-party"
cp /usr/share/doc/libssl-dev/copyright "$t/openssl.txt"
cp /usr/share/doc/libqrencode4/copyright "$t/libqrencode.txt"
cp /usr/share/doc/libfido2-1/copyright "$t/libfido2.txt"
cp /usr/share/doc/libcbor0.8/copyright "$t/libcbor.txt"
while read -r lib; do
  package=$(dpkg-query -S "$(readlink -f "$lib")" 2>/dev/null | head -1 | cut -d: -f1) || true
  [ -n "$package" ] || package=$(dpkg-query -S "/usr$(readlink -f "$lib")" | head -1 | cut -d: -f1)
  cp "/usr/share/doc/$package/copyright" "$t/$package.txt"
done < <(shipped_libs | grep -v libqrencode)
cp /usr/share/doc/fonts-dejavu-core/copyright "$t/fonts-dejavu-core.txt"
cp /usr/share/doc/fonts-wqy-microhei/copyright "$t/fonts-wqy-microhei.txt"
cp .build-dist/build/checkouts/swift-argument-parser/LICENSE.txt "$t/swift-argument-parser.txt"
swiftlicense="$(dirname "$(readlink -f "$(command -v "$SWIFT")")")/../share/swift/LICENSE.txt"
[ -f "$swiftlicense" ] || fail "cannot find the Swift runtime's LICENSE.txt at $swiftlicense"
cp "$swiftlicense" "$t/swift-runtime.txt"
parser=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(next(p["state"].get("version") or p["state"].get("revision") for p in d["pins"] if p["identity"]=="swift-argument-parser"))' Package.resolved 2>/dev/null || echo unknown)
{
  echo "rkit $version for linux-$arch, built from commit $commit"
  echo "SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH"
  echo "compiler: $("$SWIFT" --version 2>/dev/null | head -1)"
  echo "swift-argument-parser: $parser (linked statically)"
  echo "OpenSSL libcrypto: $(dpkg-query -W -f='${Version}' libssl3 2>/dev/null || echo unknown) (Debian libssl3, lib/rkit/libcrypto.so.3)"
  echo "libfido2: $(dpkg-query -W -f='${Version}' libfido2-1 2>/dev/null || echo unknown) (Debian libfido2-1, lib/rkit/libfido2.so.1)"
  echo "libcbor: $(dpkg-query -W -f='${Version}' libcbor0.8 2>/dev/null || echo unknown) (Debian libcbor0.8, lib/rkit/libcbor.so.0.8)"
  echo "libqrencode: $(dpkg-query -W -f='${Version}' libqrencode4 2>/dev/null || echo unknown) (Debian libqrencode4, lib/rkit/libqrencode.so.4)"
  echo "needs: glibc $(objdump -T "$stage/lib/rkit/"* 2>/dev/null | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1) or newer, libudev.so.1, libz.so.1 (Debian 12 has them)"
  echo "HarfBuzz: $(dpkg-query -W -f='${Version}' libharfbuzz-subset0 2>/dev/null || echo unknown) (Debian libharfbuzz-subset0 and libharfbuzz0b, lib/rkit/, with their dependencies)"
  echo "fonts: fonts-dejavu-core $(dpkg-query -W -f='${Version}' fonts-dejavu-core 2>/dev/null || echo unknown), fonts-wqy-microhei $(dpkg-query -W -f='${Version}' fonts-wqy-microhei 2>/dev/null || echo unknown) (share/rkit/fonts/)"
} >"$stage/share/doc/rkit/BUILDINFO"
find "$stage" -type d -exec chmod 0755 {} +
find "$stage" -type f -exec chmod 0644 {} +
chmod 0755 "$stage/lib/rkit/rkit" "$stage"/lib/rkit/*.so.*
[ "${1:-}" != --stage-only ] || { echo "staged $stage"; exit 0; }

# --- 4. the archive: sorted, fixed owners and times, gzip without name/time
mkdir -p dist
tar --sort=name --format=gnu --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
    -C .build-dist/stage -cf - "$name" | gzip -9 -n >"dist/$name.tar.gz.part"
mv "dist/$name.tar.gz.part" "dist/$name.tar.gz"
(cd dist && sha256sum "$name.tar.gz" >SHA256SUMS)
echo "dist/$name.tar.gz: $(stat -c %s "dist/$name.tar.gz") bytes"
cat dist/SHA256SUMS
# --- 5. with MINISIGN_KEY (a minisign secret key): dist/SHA256SUMS.minisig
rm -f dist/SHA256SUMS.minisig
if [ -n "${MINISIGN_KEY:-}" ]; then
  bash Scripts/sign-sums.sh dist/SHA256SUMS "$MINISIGN_KEY" "rkit $version linux-$arch commit $commit"
fi
