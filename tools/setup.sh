#!/usr/bin/env bash
# Installs everything the Ares build needs on a Debian 12 machine, then brings the C sources
# that come from Debian (libfdt, gnu-efi for both arches) into a cache outside the source tree.
# Idempotent: when everything is present it prints nothing and takes well under a second.
# Needs root (or sudo) only when something is missing.
set -euo pipefail

PACKAGES=(
  bazel-bootstrap bazel-rules-java
  clang lld llvm binutils gcc
  qemu-system-x86 qemu-system-arm ovmf qemu-efi-aarch64
  gnu-efi googletest device-tree-compiler
  ca-certificates xz-utils python3
)

cache_dir() {
  echo "${ARES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ares}"
}
CACHE=$(cache_dir)
# Bump when the layout of the cache changes, so old caches are rebuilt.
CACHE_VERSION=1

log() { echo "ares-setup: $*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else log "need root to run: $*"; exit 1
  fi
}

missing_packages() {
  local p status
  for p in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || echo "$p"
  done
}

apt_lists_updated=0
apt_update_once() {
  if [ "$apt_lists_updated" -eq 0 ]; then
    log "apt-get update"
    as_root apt-get update -qq -o APT::Sandbox::User=root >/dev/null
    apt_lists_updated=1
  fi
}

install_packages() {
  local missing
  missing=$(missing_packages)
  [ -n "$missing" ] || return 0
  log "installing: $(echo $missing)"
  apt_update_once
  # shellcheck disable=SC2086
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    $missing >/dev/null
}

# The first Debian mirror the system uses, for the private arm64 sources list.
debian_mirror() {
  local uri=""
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
  fi
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk '$1 == "deb" && $2 !~ /^\[/ {print $2; exit} $1 == "deb" && $2 ~ /^\[/ {for (i = 3; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) {print $i; exit}}' /etc/apt/sources.list)
  fi
  echo "${uri:-http://deb.debian.org/debian}"
}

# apt-get download for a foreign architecture without touching the system's dpkg
# architecture list: a private configuration with its own lists and sources.
download_arm64() {
  local pkg=$1 dest=$2 apt_dir="$CACHE/apt-arm64"
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial" "$apt_dir/etc"
  echo "deb [arch=arm64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $(debian_mirror) bookworm main" \
    >"$apt_dir/etc/sources.list"
  cat >"$apt_dir/apt.conf" <<CONF
APT::Architecture "arm64";
APT::Architectures { "arm64"; };
Dir::Etc::SourceList "$apt_dir/etc/sources.list";
Dir::Etc::SourceParts "$apt_dir/etc/none";
Dir::State::Lists "$apt_dir/lists";
Dir::State::Status "/dev/null";
Dir::Cache "$apt_dir";
Dir::Cache::Archives "$apt_dir/archives";
CONF
  APT_CONFIG="$apt_dir/apt.conf" apt-get update -qq -o APT::Sandbox::User=root >/dev/null
  (cd "$dest" && APT_CONFIG="$apt_dir/apt.conf" apt-get download -qq -o APT::Sandbox::User=root "$pkg:arm64" >/dev/null)
}

# Fills the cache folder $CACHE/$1 once per CACHE_VERSION: unless its completion mark is
# there, logs $2 and runs $3 with a scratch folder and the emptied cache folder, then marks it
# complete (an interrupted fill is redone from scratch the next time).
fill_cache() {
  local out="$CACHE/$1" what=$2 fill=$3 tmp
  [ -f "$out/.complete-$CACHE_VERSION" ] && return 0
  log "$what"
  tmp=$(mktemp -d)
  rm -rf "$out"
  mkdir -p "$out"
  "$fill" "$tmp" "$out"
  rm -rf "$tmp"
  touch "$out/.complete-$CACHE_VERSION"
}

# apt-get download into folder $1 of packages (or pkg=version) for this machine's architecture.
download() {
  local dest=$1
  shift
  apt_update_once
  (cd "$dest" && apt-get download -qq -o APT::Sandbox::User=root "$@" >/dev/null)
}

# Debian's name for an architecture (x86_64 -> amd64, aarch64 -> arm64).
debian_arch() {
  case "$1" in x86_64) echo amd64 ;; aarch64) echo arm64 ;; *) echo "$1" ;; esac
}

# libfdt's sources, from Debian's linux-source-6.1.
fill_libfdt() {
  local tmp=$1 out=$2
  download "$tmp" linux-source-6.1
  dpkg-deb --fsys-tarfile "$tmp"/linux-source-6.1_*.deb \
    | tar -xO ./usr/src/linux-source-6.1.tar.xz \
    | tar -xJ -C "$tmp" linux-source-6.1/scripts/dtc/libfdt
  cp "$tmp"/linux-source-6.1/scripts/dtc/libfdt/* "$out"/
}

# gnu-efi's headers, crt0, linker script and libraries, one folder per architecture.
# amd64 comes from the installed package; arm64 is downloaded and unpacked privately.
fill_gnu_efi() {
  local tmp=$1 out=$2
  download_arm64 gnu-efi "$tmp"
  mkdir -p "$tmp/arm64" "$out/x86_64/lib" "$out/aarch64/lib"
  dpkg-deb -x "$tmp"/gnu-efi_*_arm64.deb "$tmp/arm64"
  cp -r /usr/include/efi "$out/x86_64/include"
  cp /usr/lib/crt0-efi-x86_64.o /usr/lib/elf_x86_64_efi.lds /usr/lib/libefi.a \
    /usr/lib/libgnuefi.a "$out/x86_64/lib/"
  cp -r "$tmp/arm64/usr/include/efi" "$out/aarch64/include"
  cp "$tmp"/arm64/usr/lib/crt0-efi-aarch64.o "$tmp"/arm64/usr/lib/elf_aarch64_efi.lds \
    "$tmp"/arm64/usr/lib/libefi.a "$tmp"/arm64/usr/lib/libgnuefi.a "$out/aarch64/lib/"
}

# The Linux baseline (benchmarks/linux): Debian's kernel image for both arches, the same
# release on each. arm64's private lists carry bookworm main only, so its linux-image-arm64
# names the kernel ABI (6.1.0-NN) and amd64 takes that very package version, not a newer one
# from the security archive. Only /boot/vmlinuz-* is kept, and a version file the run target
# prints.
fill_linux_kernels() {
  local tmp=$1 out=$2 meta image version arch deb_arch
  download_arm64 linux-image-arm64 "$tmp"
  # Depends: linux-image-6.1.0-NN-arm64 (= VERSION)
  meta=$(dpkg-deb -f "$tmp"/linux-image-arm64_*_arm64.deb Depends)
  image=$(echo "$meta" | sed -n 's/^\(linux-image-[^ ]*\)-arm64 (= \([^)]*\)).*/\1/p')
  version=$(echo "$meta" | sed -n 's/^linux-image-[^ ]* (= \([^)]*\)).*/\1/p')
  if [ -z "$image" ] || [ -z "$version" ]; then
    log "cannot read linux-image-arm64's Depends: $meta"
    exit 1
  fi
  download_arm64 "$image-arm64" "$tmp"
  download "$tmp" "$image-amd64=$version"
  for arch in x86_64 aarch64; do
    deb_arch=$(debian_arch "$arch")
    mkdir -p "$tmp/$arch" "$out/$arch"
    dpkg-deb --fsys-tarfile "$tmp/${image}-${deb_arch}_${version}_${deb_arch}.deb" \
      | tar -x -C "$tmp/$arch" --wildcards './boot/vmlinuz-*'
    cp "$tmp/$arch"/boot/vmlinuz-* "$out/$arch/vmlinuz"
    # What uname -r will say, and the Debian package it came from.
    echo "$(basename "$tmp/$arch"/boot/vmlinuz-* | sed 's/^vmlinuz-//') (Debian $version)" \
      >"$out/$arch/version"
  done
}

# musl's headers, crt objects and libc.a for the Linux baseline's static programs, one folder
# per architecture, from Debian's musl-dev (amd64 and arm64), unpacked without installing.
fill_musl() {
  local tmp=$1 out=$2 arch deb_arch
  download "$tmp" musl-dev
  download_arm64 musl-dev "$tmp"
  for arch in x86_64 aarch64; do
    deb_arch=$(debian_arch "$arch")
    mkdir -p "$tmp/$arch" "$out/$arch"
    dpkg-deb -x "$tmp"/musl-dev_*_"$deb_arch".deb "$tmp/$arch"
    cp -r "$tmp/$arch/usr/include/$arch-linux-musl" "$out/$arch/include"
    cp -r "$tmp/$arch/usr/lib/$arch-linux-musl" "$out/$arch/lib"
  done
}

main() {
  install_packages
  mkdir -p "$CACHE"
  fill_cache libfdt "extracting libfdt from Debian's linux-source-6.1 (about 140 MB, once)" \
    fill_libfdt
  fill_cache gnu-efi "unpacking gnu-efi for x86_64 and aarch64" fill_gnu_efi
  fill_cache linux/kernel \
    "extracting Debian's Linux kernel images for x86_64 and aarch64 (about 130 MB, once)" \
    fill_linux_kernels
  fill_cache linux/musl "unpacking musl for x86_64 and aarch64" fill_musl
}

main "$@"
