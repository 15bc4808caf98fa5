#!/bin/sh
# Measures the main job from a fresh JVM: RenderSample renders the default sample and writes its
# bundle. Prints the median wall time and peak resident memory of RUNS runs (default 9) for the
# JDK's default class data sharing, for -Xshare:off and for an application archive (AppCDS), and
# the number of classes each mode loads. Run from anywhere; it builds the jars first, offline,
# unless JOB_CLASSPATH gives the class path to measure, such as the jars of an older build.
set -eu

cd "$(dirname "$0")/../../.."
runs=${RUNS:-9}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

classpath=${JOB_CLASSPATH:-}
if [ -z "$classpath" ]; then
  classpath=$(mvn -B -ntp -o -DskipTests package \
    org.codehaus.mojo:exec-maven-plugin:3.5.0:exec \
    -Dexec.executable=echo -Dexec.args=%classpath -pl samples -am 2> /dev/null |
    grep '^/' | tail -n 1)
  # CDS archives classes from jars only, so the samples' classes come from their jar.
  classpath=$(echo "$classpath" |
    sed 's#/samples/target/classes#/samples/target/samples-0.1.0-SNAPSHOT.jar#')
fi
main=io.kubetopology.samples.RenderSample

# Records which classes the main job loads, in an archive that later runs map instead of parsing.
java -XX:ArchiveClassesAtExit="$work/app.jsa" -cp "$classpath" "$main" stacked-ha "$work/out" \
  > /dev/null 2>&1

measure() {
  label=$1
  shift
  java "$@" -Xlog:class+load:file="$work/classes.txt" -cp "$classpath" "$main" stacked-ha \
    "$work/out" > /dev/null
  classes=$(wc -l < "$work/classes.txt")
  shared=$(grep -c 'shared objects file' "$work/classes.txt" || true)
  : > "$work/times.txt"
  i=0
  while [ "$i" -lt "$runs" ]; do
    /usr/bin/time -f '%e %M' -a -o "$work/times.txt" \
      java "$@" -cp "$classpath" "$main" stacked-ha "$work/out" > /dev/null
    i=$((i + 1))
  done
  wall=$(cut -d ' ' -f 1 "$work/times.txt" | sort -n | awk '{ v[NR] = $1 }
    END { printf "%.2f s (min %.2f, max %.2f)", v[int((NR + 1) / 2)], v[1], v[NR] }')
  rss=$(cut -d ' ' -f 2 "$work/times.txt" | sort -n | awk '{ v[NR] = $1 }
    END { printf "%d MB", v[int((NR + 1) / 2)] / 1024 }')
  printf '%-20s median wall %s, median peak RSS %s, %s classes (%s from CDS), %s runs\n' \
    "$label" "$wall" "$rss" "$classes" "$shared" "$runs"
}

echo "java: $(java -version 2>&1 | head -n 1)"
measure "default CDS" -Xshare:auto
measure "-Xshare:off" -Xshare:off
measure "AppCDS archive" -XX:SharedArchiveFile="$work/app.jsa"
measure "AppCDS + SerialGC" -XX:SharedArchiveFile="$work/app.jsa" -XX:+UseSerialGC -XX:TieredStopAtLevel=1
