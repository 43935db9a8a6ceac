#!/usr/bin/env bash
# The release archive works outside the checkout: unzipped into a temporary folder, its bin/ on
# PATH, `mlsec` analyzes a copied example, scans a clean and a hostile pickle (with the class-data
# archives it makes on first use, and with damaged ones), prints help that
# lists the typed values, refuses a too-old Java in one line, and ships completion and man pages.
#   archive-test.sh ZIP EXAMPLE.yaml      (run by `./mvnw verify` in mlsec-dist)
set -euo pipefail
zip=$1
example=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
checkout=$(cd "$(dirname "$0")/../../.." && pwd)
case $work/ in "$checkout"/*) echo "archive-test: $work is inside the checkout" >&2; exit 1 ;; esac

fail() { echo "archive-test: $*" >&2; exit 1; }
expect() { # CODE COMMAND... : runs it in $work/run, keeps its output in $out
  local want=$1 rc
  shift
  set +e
  out=$(cd "$work/run" && "$@" 2>&1)
  rc=$?
  set -e
  [ "$rc" = "$want" ] || fail "'$*' exited $rc, expected $want: $out"
}

if command -v unzip >/dev/null 2>&1; then
  unzip -q "$zip" -d "$work"
  home=$(echo "$work"/mlsec-*)
else # the JDK's jar keeps no file modes
  (cd "$work" && jar xf "$zip")
  home=$(echo "$work"/mlsec-*)
  chmod +x "$home/bin/mlsec"
fi
mkdir "$work/run" "$work/cache"
cp "$example" "$work/run/workflow.yaml"
printf '\x80\x02K\x01.' >"$work/run/clean.pkl"                  # the integer 1
printf 'cos\nsystem\n(S"id"\ntR.' >"$work/run/hostile.pkl"      # os.system("id")
export PATH="$home/bin:$PATH" XDG_CACHE_HOME="$work/cache"

[ "$(command -v mlsec)" = "$home/bin/mlsec" ] || fail "mlsec on PATH is $(command -v mlsec)"
expect 0 mlsec --version
[ "$out" = "mlsec ${home##*/mlsec-}" ] || fail "--version printed '$out'"
expect 0 mlsec --help
grep -q 'analyze' <<<"$out" || fail "--help does not list analyze: $out"
grep -q '  analyze --format: text, json, markdown, html, sarif' <<<"$out" \
  || fail "--help lists no typed values: $out"
expect 0 mlsec analyze --help
grep -q 'text, json, markdown, html, sarif' <<<"$out" || fail "analyze --help lists no formats: $out"
grep -q 'critical, high, medium, low' <<<"$out" || fail "analyze --help lists no severities: $out"
# archived() NAME: waits (up to 3 minutes, for a loaded machine) for the class-data archive that
# bin/mlsec makes in the background after a command's first run
archived() {
  for _ in $(seq 180); do
    if ls "$work/cache/mlsec/"*"-$1.jsa" >/dev/null 2>&1 && ! ls -d "$work/cache/mlsec/"*.lock >/dev/null 2>&1; then
      return 0
    fi
    sleep 1
  done
  fail "no $1 class-data archive in $work/cache/mlsec: $(ls -a "$work/cache/mlsec")"
}
[ -s "$home/lib/analyze.classlist" ] && [ -s "$home/lib/scan.classlist" ] || fail "no class lists in lib/"
# Waiting for the archive above means the --version run made it; its output came first.
archived analyze
expect 0 mlsec analyze workflow.yaml --fail-on none
grep -q 'findings' <<<"$out" || fail "analyze printed no findings: $out"
expect 0 mlsec analyze workflow.yaml --format json --fail-on none # with the archive
grep -q '"findings"' <<<"$out" || fail "analyze --format json printed no findings: $out"
analyzed=$out
expect 0 env MLSEC_CDS=off mlsec analyze workflow.yaml --format json --fail-on none
[ "$out" = "$analyzed" ] || fail "analyze printed other output without the archive"
expect 0 mlsec scan clean.pkl # first scan: its own archive, made after it
archived scan
expect 0 mlsec scan clean.pkl
expect 1 mlsec scan hostile.pkl
grep -q 'os' <<<"$out" || fail "scan of hostile.pkl did not name os.system: $out"
# An archive the JVM cannot use (another JVM's, damaged) is ignored without a word.
for a in "$work/cache/mlsec/"*.jsa; do printf 'not an archive' >"$a"; done
expect 0 mlsec --version
[ "$out" = "mlsec ${home##*/mlsec-}" ] || fail "--version with a damaged archive printed '$out'"
expect 1 mlsec scan hostile.pkl
expect 2 mlsec analyze missing.yaml
[ "$(wc -l <<<"$out")" = 1 ] || fail "an error is more than one line: $out"

# A symlink elsewhere finds the installation; a Java 11 is refused in one line.
mkdir -p "$work/links" "$work/jdk11/bin"
ln -s "$home/bin/mlsec" "$work/links/mlsec"
expect 0 "$work/links/mlsec" --version
printf '#!/bin/sh\necho "should not run" >&2; exit 9\n' >"$work/jdk11/bin/java"
chmod +x "$work/jdk11/bin/java"
echo 'JAVA_VERSION="11.0.2"' >"$work/jdk11/release"
expect 2 env JAVA_HOME="$work/jdk11" mlsec --version
[ "$out" = "mlsec: $work/jdk11/bin/java is Java 11.0.2; mlsec needs Java 17 or newer (set JAVA_HOME)" ] \
  || fail "Java 11 message: $out"

# Completion defines the mlsec completion function and knows the subcommands; man pages are troff.
bash -c "source '$home/share/bash-completion/completions/mlsec' && complete -p mlsec" >/dev/null \
  || fail "the bash completion does not register for mlsec"
grep -q 'analyze' "$home/share/bash-completion/completions/mlsec" || fail "completion lacks analyze"
for page in mlsec mlsec-analyze mlsec-scan mlsec-validate mlsec-catalog; do
  head -n 20 "$home/share/man/man1/$page.1" | grep -q '^\.TH' || fail "$page.1 is not a man page"
done
echo "archive-test: $(basename "$zip") works outside the checkout ($home)"
