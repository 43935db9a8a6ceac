#!/usr/bin/env bash
# The class list of one sample run of the jar, for bin/mlsec to make a class-data archive from on
# its first run (-Xshare:dump with the Java the user has; an archive itself is tied to one JVM
# build and one jar path, a list of class names is not). Written in a fixed order, without the
# run's load ids, so that the release archive is the same bytes from build to build.
#   classlist.sh JAR OUT ARGS...       (run by `./mvnw package` in mlsec-dist)
set -euo pipefail
jar=$1
out=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# the launcher's flags, so that the same classes load; the sample's exit code does not matter; an
# empty cache folder, so that an analyze maps its concerns with Lucene (whose classes then load)
(cd "$tmp" && MLSEC_CACHE_DIR="$tmp/cache" java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:DumpLoadedClassList="$tmp/list" \
  -jar "$jar" "$@" >/dev/null 2>&1) || true
[ -s "$tmp/list" ] || { echo "classlist.sh: the sample run wrote no class list" >&2; exit 1; }
export LC_ALL=C
mkdir -p "$(dirname "$out")"
{
  # classes of the boot, platform and application loaders, by name (their supers load first
  # anyway); ConcurrentHashMap loads the two below only when threads happen to contend on it
  {
    grep -v '^[#@]' "$tmp/list" | sed 's/ id: [0-9]*$//'
    printf '%s\n' java/util/concurrent/ThreadLocalRandom jdk/internal/util/random/RandomSupport
  } | sort -u
  # the method-handle holders and lambda proxies the run spun, which the archive keeps as well
  grep '^@lambda-form-invoker' "$tmp/list" | sort -u
  grep '^@lambda-proxy' "$tmp/list" | sort -u
} >"$out"
