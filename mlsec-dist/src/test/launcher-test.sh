#!/usr/bin/env bash
# The checkout's ./mlsec launcher, in a copy of its folder layout with a fake Maven wrapper:
# two first runs at once build once (the lock), a fresh build is not repeated, a source saved
# later rebuilds, a failed build says so in exit code 2, and a Java 11 is refused in one line.
#   launcher-test.sh LAUNCHER JAR        (run by `./mvnw verify` in mlsec-dist)
set -euo pipefail
launcher=$1
jar=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "launcher-test: $*" >&2; exit 1; }

root="$work/checkout"
mkdir -p "$root/mlsec-cli/src/main/java" "$root/bin"
cp "$launcher" "$root/mlsec"
echo '<project/>' >"$root/pom.xml"
touch "$root/mlsec-cli/pom.xml" "$root/mlsec-cli/src/main/java/Main.java"
# The fake wrapper counts builds, takes a while (so that the runs overlap) and "builds" the jar.
cat >"$root/mvnw" <<FAKE
#!/usr/bin/env bash
echo build >>"$work/builds"
[ -f "$work/fail-build" ] && { echo "fake build error"; exit 1; }
sleep 2
mkdir -p "$root/mlsec-cli/target" && cp "$jar" "$root/mlsec-cli/target/mlsec.jar"
FAKE
chmod +x "$root/mvnw" "$root/mlsec"
builds() { if [ -f "$work/builds" ]; then wc -l <"$work/builds" | tr -d ' '; else echo 0; fi; }

"$root/mlsec" --version >"$work/a.out" 2>"$work/a.err" &
a=$!
sleep 0.5
"$root/mlsec" --version >"$work/b.out" 2>"$work/b.err" &
b=$!
wait "$a" || fail "first run failed: $(cat "$work/a.err")"
wait "$b" || fail "second run failed: $(cat "$work/b.err")"
[ "$(builds)" = 1 ] || fail "two first runs built $(builds) times"
grep -q '^mlsec ' "$work/a.out" && grep -q '^mlsec ' "$work/b.out" || fail "--version printed nothing"

"$root/mlsec" --version >/dev/null
[ "$(builds)" = 1 ] || fail "a fresh jar was rebuilt"

sleep 1.1 # past the stamp's time at the file system's resolution
touch "$root/mlsec-cli/src/main/java/Main.java"
"$root/mlsec" --version >/dev/null 2>&1
[ "$(builds)" = 2 ] || fail "a newer source did not rebuild"

sleep 1.1
touch "$root/mlsec-cli/src/main/java/Main.java" "$work/fail-build"
set +e
err=$("$root/mlsec" --version 2>&1 >/dev/null)
rc=$?
set -e
[ "$rc" = 2 ] || fail "a failed build exited $rc"
grep -q 'mlsec: build failed' <<<"$err" || fail "a failed build said: $err"
rm "$work/fail-build"

mkdir -p "$work/jdk11/bin"
printf '#!/bin/sh\necho "should not run" >&2; exit 9\n' >"$work/jdk11/bin/java"
chmod +x "$work/jdk11/bin/java"
echo 'JAVA_VERSION="11.0.2"' >"$work/jdk11/release"
set +e
err=$(PATH="$work/jdk11/bin:$PATH" "$root/mlsec" --version 2>&1)
rc=$?
set -e
[ "$rc" = 2 ] || fail "Java 11 exited $rc"
[ "$err" = "mlsec: $work/jdk11/bin/java is Java 11.0.2; mlsec needs Java 17 or newer (put one first on PATH)" ] \
  || fail "Java 11 message: $err"
echo "launcher-test: ./mlsec builds once under a lock, rebuilds when stale, checks the Java version"
