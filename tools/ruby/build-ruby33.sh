#!/usr/bin/env bash
# Builds CRuby 3.3 from Debian trixie's source package into a cache outside
# the clone, so the suite can run on a current Ruby as well as on bookworm's
# 3.1. Idempotent: a finished build is reused. Prints the prefix on success.
#
# The source comes from the Debian archive this machine's apt already uses
# (its URI is read from apt's own configuration); only the suite changes to
# trixie, and only for this one download, through apt's own options.
set -euo pipefail

VERSION=3.3.8
DEB_VERSION=3.3.8-2
# sha256 of ruby3.3_3.3.8.orig.tar.xz as listed in the trixie .dsc.
ORIG_SHA256=e2e1233ad275b7623a05edf23a01192626d1da454bdfe353a28a87acd8ef015c
PREFIX="${KOBAKO_RUBY33_PREFIX:-$HOME/.cache/kobako-ruby/$VERSION}"

if [ -x "$PREFIX/bin/ruby" ] && [ -f "$PREFIX/.kobako-complete" ]; then
  echo "$PREFIX"
  exit 0
fi

archive_uri() {
  local uri=""
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    uri=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources)
  fi
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk '$1 == "deb" && $3 ~ /^bookworm$/ { print $2; exit }' /etc/apt/sources.list)
  fi
  [ -n "$uri" ] || { echo "build-ruby33: no Debian archive URI in apt's configuration" >&2; exit 1; }
  echo "$uri"
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "deb-src $(archive_uri) trixie main" > "$work/sources.list"
mkdir -p "$work/lists/partial" "$work/archives/partial"
apt_opts=(-o "Dir::Etc::sourcelist=$work/sources.list" -o "Dir::Etc::sourceparts=-"
          -o "Dir::State::Lists=$work/lists" -o "Dir::Cache::archives=$work/archives"
          -o "APT::Sandbox::User=root")
apt-get "${apt_opts[@]}" -qq update >&2
(cd "$work" && apt-get "${apt_opts[@]}" -qq source --download-only "ruby3.3=$DEB_VERSION" >&2)
echo "$ORIG_SHA256  $work/ruby3.3_$VERSION.orig.tar.xz" | sha256sum -c --quiet >&2

tar -xJf "$work/ruby3.3_$VERSION.orig.tar.xz" -C "$work"
src=$(find "$work" -maxdepth 1 -type d -name "ruby*$VERSION*" | head -n 1)
cd "$src"
rm -rf "$PREFIX"
# No docs, no YJIT (it needs its own Rust build), no gdbm/readline extensions
# the suite never loads.
./configure --prefix="$PREFIX" --enable-shared --disable-install-doc \
  --with-out-ext=gdbm,dbm,readline --disable-yjit >&2
make -j"$(nproc)" >&2
# Debian's orig tarball carries the bundled gems (minitest, rake…) unpacked
# under .bundle/ but not as .gem files; with HAVE_BASERUBY=no the install
# takes them from there instead of trying to download them.
make install HAVE_BASERUBY=no >&2
touch "$PREFIX/.kobako-complete"
echo "$PREFIX"
