#!/usr/bin/env bash
# Makes the base image of Ludus's container image and prints its path: a Debian root file system
# (debootstrap --variant=minbase, security updates applied) plus a Java runtime jlinked from the
# JDK at JAVA_HOME with the modules the server needs, packed as a `docker save` style tarball that
# Jib takes as its base (tar://). No Docker daemon and no registry: Debian's mirror is the only
# thing it reaches.
#
#   deploy/image/make-base.sh [--link PATH] [--force]
#
# The tarball is cached outside the clone, in $LUDUS_IMAGE_CACHE (default ~/.cache/ludus/image),
# under a name keyed by its inputs: this script, the health check script, the Debian suite and
# mirror, the JDK's release file, the module list, and the month (so a build a month later picks up
# Debian's security updates). A cached base is reused as it is; --force makes it again. --link PATH
# points PATH (a symbolic link) at the result, which is how the Maven profile `image` finds it.
# Needs root (debootstrap creates device nodes and runs the packages' scripts in a chroot) and
# debootstrap. See docs/adr/0031-container-image-built-with-jib-on-a-debootstrap-base.md.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
suite=${LUDUS_IMAGE_SUITE:-trixie}
mirror=${LUDUS_IMAGE_MIRROR:-http://deb.debian.org/debian}
security_mirror=${LUDUS_IMAGE_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
cache=${LUDUS_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ludus/image}
# Found with `jdeps --print-module-deps --ignore-missing-deps --multi-release 21 server/target/ludus.jar`
# (about two minutes, so not run on every build), plus jdk.zipfs, which jdeps cannot see: Helidon
# opens the jar as a zip file system to find its service metadata, and without the module the
# server stops at start-up with "ProviderNotFoundException: Provider not found". java.desktop is
# there for java.beans (Jackson, Jdbi). A dependency that needs another module shows up in CI,
# where .ci/image starts the image.
modules=java.base,java.desktop,java.naming,java.net.http,java.security.jgss,java.sql,jdk.jfr,jdk.management,jdk.unsupported,jdk.zipfs
uid=10001

link="" force=false
while [ $# -gt 0 ]; do
  case "$1" in
    --link) link=${2:?--link needs a path}; shift 2 ;;
    --force) force=true; shift ;;
    -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "make-base: unknown argument '$1' (--link PATH, --force)" >&2; exit 2 ;;
  esac
done

say() { echo "make-base: $*" >&2; }

java_home=${JAVA_HOME:-}
if [ -z "$java_home" ] || [ ! -x "$java_home/bin/jlink" ]; then
  say "JAVA_HOME must point to a JDK 21+ with jlink (is '${java_home:-unset}')"
  exit 1
fi
major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$java_home/release")
if [ -z "$major" ] || [ "$major" -lt 21 ]; then
  say "the JDK at $java_home is not 21 or newer"
  exit 1
fi
# Before JDK 22 the EC algorithms (TLS with EC keys and ECDHE) lived in their own module.
[ "$major" -lt 22 ] && modules="$modules,jdk.crypto.ec"

key=$( { cat "${BASH_SOURCE[0]}" "$here/ludus-healthcheck" "$java_home/release"
         echo "$suite $mirror $security_mirror $modules $(date -u +%Y-%m)"; } | sha256sum | cut -c1-16)
base="$cache/ludus-base-$key.tar"

publish() {
  if [ -n "$link" ]; then
    mkdir -p "$(dirname "$link")"
    ln -sfn "$base" "$link"
  fi
  echo "$base"
}

if [ -s "$base" ] && ! $force; then
  say "cached: $base"
  publish
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  say "making the base image needs root (debootstrap); run 'sudo JAVA_HOME=$java_home $0' once,"
  say "or build with Docker instead (Dockerfile at the repository's root)"
  exit 1
fi
if ! command -v debootstrap >/dev/null; then
  say "debootstrap is missing: apt-get install debootstrap"
  exit 1
fi

mkdir -p "$cache/debs"
exec 9>"$cache/.lock"
flock 9
if [ -s "$base" ] && ! $force; then   # another build made it while this one waited
  say "cached: $base"
  publish
  exit 0
fi

work=$(mktemp -d "$cache/work.XXXXXX")
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
java="$work/java"
started=$SECONDS

say "debootstrap $suite (minbase) from $mirror"
# openssl: the health check's HTTPS client when TLS is on (libssl is in minbase already).
debootstrap --variant=minbase --include=openssl --cache-dir="$cache/debs" "$suite" "$root" "$mirror" \
  >"$work/debootstrap.log" 2>&1 || { tail -n 20 "$work/debootstrap.log" >&2; say "debootstrap failed"; exit 1; }

say "security updates"
cat >"$root/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $mirror
Suites: $suite $suite-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $security_mirror
Suites: $suite-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
rm -f "$root/etc/apt/sources.list"
{ chroot "$root" apt-get update -qq && DEBIAN_FRONTEND=noninteractive chroot "$root" apt-get -y -qq upgrade; } \
  >"$work/apt.log" 2>&1 || { tail -n 20 "$work/apt.log" >&2; say "apt-get upgrade in the new root failed"; exit 1; }

say "user ludus ($uid), /data, /app, the health check"
chroot "$root" groupadd --gid "$uid" ludus
chroot "$root" useradd --uid "$uid" --gid "$uid" --home-dir /data --no-create-home --shell /usr/sbin/nologin ludus
install -d -m 0750 -o "$uid" -g "$uid" "$root/data"
install -d -m 0755 "$root/app"
install -m 0755 "$here/ludus-healthcheck" "$root/usr/local/bin/ludus-healthcheck"

# As Debian's own slim images: no documentation (but the copyright files), manuals or translations,
# now or from packages installed later; no package lists or caches; nothing of the build host's.
cat >"$root/etc/dpkg/dpkg.cfg.d/ludus-slim" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
EOF
find "$root/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
find "$root/usr/share/doc" -mindepth 1 -type d -empty -delete
rm -rf "$root"/usr/share/{man,info}/* "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/* \
  "$root"/var/cache/debconf/*-old "$root"/var/lib/dpkg/*-old "$root"/var/log/* "$root"/dev/* "$root"/tmp/* \
  "$root"/root/.bash_history
find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias -exec rm -rf {} +
: >"$root/etc/resolv.conf"
: >"$root/etc/hostname"

say "jlink ($modules)"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --generate-cds-archive --output "$java/opt/java" >"$work/jlink.log" 2>&1 \
  || { cat "$work/jlink.log" >&2; say "jlink failed"; exit 1; }
"$java/opt/java/bin/java" -version >/dev/null 2>&1 || { say "the jlinked runtime does not start"; exit 1; }

# One layer per part: Debian (changes monthly) and the Java runtime (changes with the JDK).
# Reproducible tar streams: sorted names, numeric owners, times clamped, no access times.
epoch=$(date -u -d "$(date -u +%Y-%m-01)" +%s)
pack() {
  tar -C "$1" --sort=name --numeric-owner --mtime="@$epoch" --clamp-mtime \
    --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime -cf - .
}
image="$work/image"
mkdir -p "$image"
declare -a diff_ids=()
for part in rootfs java; do
  pack "$work/$part" >"$image/$part.tar"
  diff_ids+=("sha256:$(sha256sum "$image/$part.tar" | cut -d' ' -f1)")
  gzip -n -6 "$image/$part.tar"
done

java_version=$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"/\1/p' "$java_home/release")
debian_version=$(cat "$root/etc/debian_version")
created=$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)
# The health check lives in the base's config, which Jib carries over into the image (Docker image
# format only: the OCI image config has no such field; see the ADR).
jq -n --arg created "$created" --arg d0 "${diff_ids[0]}" --arg d1 "${diff_ids[1]}" \
      --arg debian "Debian $debian_version ($suite, minbase)" --arg java "Java runtime $java_version (jlink: $modules)" '{
  architecture: "amd64", os: "linux", created: $created,
  config: {
    Env: ["PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
          "JAVA_HOME=/opt/java", "LANG=C.UTF-8"],
    Healthcheck: {Test: ["CMD", "/usr/local/bin/ludus-healthcheck"],
                  Interval: 15000000000, Timeout: 6000000000, StartPeriod: 60000000000, Retries: 3}
  },
  rootfs: {type: "layers", diff_ids: [$d0, $d1]},
  history: [{created: $created, created_by: $debian}, {created: $created, created_by: $java}]
}' >"$image/config.json"
jq -n --arg tag "ludus-base:$key" '[{Config: "config.json", RepoTags: [$tag], Layers: ["rootfs.tar.gz", "java.tar.gz"]}]' \
  >"$image/manifest.json"

tar -C "$image" -cf "$work/base.tar" manifest.json config.json rootfs.tar.gz java.tar.gz
mv -f "$work/base.tar" "$base"
# Keep the two newest bases, and the packages downloaded in the last two months; older ones only
# fill the disk (a package still current is downloaded again).
ls -1t "$cache"/ludus-base-*.tar 2>/dev/null | tail -n +3 | xargs -r rm -f
find "$cache/debs" -name '*.deb' -mtime +60 -delete
say "made $base ($(du -h "$base" | cut -f1), Debian $debian_version, Java $java_version) in $((SECONDS - started)) s"
publish
