#!/usr/bin/env bash
# Installs everything the build, run and tests need. Safe to run twice: each step checks first.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

install_apt() {
  local wanted missing=()
  wanted=$(grep -v '^#' "$ROOT/scripts/apt-packages.txt" | tr ' ' '\n' | sed '/^$/d')
  for p in $wanted; do
    local name=${p%%=*} ver=${p#*=}
    local have
    have=$(dpkg-query -W -f='${Status} ${Version}' "$name" 2>/dev/null || true)
    if [[ "$have" != "install ok installed"* ]]; then missing+=("$p");
    elif [[ "$p" == *=* && "$have" != *" $ver" ]]; then missing+=("$p"); fi
  done
  if ! command -v node >/dev/null; then missing+=(nodejs npm); fi
  # Source packages must be reachable for the third-party sources.
  if ! grep -rqs 'deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    if [ -f /etc/apt/sources.list.d/debian.sources ]; then
      sed -i 's/^Types: deb$/Types: deb deb-src/' /etc/apt/sources.list.d/debian.sources
    else
      sed -n 's/^deb /deb-src /p' /etc/apt/sources.list > /etc/apt/sources.list.d/deb-src.list
    fi
    missing+=(__update)
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    apt-get update -q >/dev/null
    local real=()
    for p in "${missing[@]}"; do [ "$p" != __update ] && real+=("$p"); done
    [ ${#real[@]} -gt 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${real[@]}" >/dev/null
  fi
  return 0
}

# fetch_source NAME SRCPKG ORIG SHA: the upstream tarball of a Debian source package, checked.
fetch_source() {
  local name=$1 pkg=$2 orig=$3 sha=$4 dir="$DEPS/src"
  mkdir -p "$dir"
  if [ -f "$DEPS/$name/.sha256" ] && [ "$(cat "$DEPS/$name/.sha256")" = "$sha" ]; then return 0; fi
  if [ ! -f "$dir/$orig" ] || ! echo "$sha  $dir/$orig" | sha256sum -c --quiet - 2>/dev/null; then
    log "fetching Debian source package $pkg"
    # The Debian part of a source package has gone missing from the archive before; the
    # upstream tarball is what we need, so a partial download is fine if it brought that.
    (cd "$dir" && apt-get source --download-only -q "$pkg" >/dev/null 2>&1 || true)
    [ -f "$dir/$orig" ] || die "source package $pkg did not provide $orig"
  fi
  echo "$sha  $dir/$orig" | sha256sum -c --quiet - || die "$orig: sha256 mismatch, refusing to build with it"
  rm -rf "$DEPS/$name" && mkdir -p "$DEPS/$name"
  tar xf "$dir/$orig" -C "$DEPS/$name" --strip-components=1
  echo "$sha" > "$DEPS/$name/.sha256"
}

prepare_sqlite() {
  [ -f "$DEPS/sqlite/sqlite3.c" ] && return 0
  log "generating the SQLite amalgamation"
  (cd "$DEPS/sqlite" && ./configure --disable-tcl -q >/dev/null && make -s sqlite3.c >/dev/null)
}

fetch_all() {
  while read -r name pkg orig sha; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    fetch_source "$name" "$pkg" "$orig" "$sha"
  done < "$ROOT/scripts/deps.lock"
  prepare_sqlite
  # emcc's sysroot must not see all of /usr/include: expose only nlohmann.
  mkdir -p "$DEPS/include"
  ln -sfn /usr/include/nlohmann "$DEPS/include/nlohmann"
}

install_npm() {
  local stamp="$ROOT/node_modules/.lock-sha"
  local want; want=$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  log "installing npm packages (npm ci)"
  (cd "$ROOT" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
}

install_apt
fetch_all
install_npm
log "set-up complete"
