#!/usr/bin/env bash
# The outside check of `npm run bench`'s init figures: the whole process, timed by this shell (bash's microsecond
# clock, $EPOCHREALTIME) from start to exit — a fresh Node importing a function's bundle with the function's
# deployed environment and nothing else — alternated with the same for its floor (a bundle of only the AWS SDK
# clients it uses). Node's own start-up is in both, so the difference of the medians is the function's init over
# its floor, measured without the bench's in-process timer; it is printed beside the bench's figure for the function
# (bench/results.json) with whether they agree within 5 ms or 10%. With hyperfine installed, it runs the same pair
# through it too.
#
# Needs the bundles and env files the bench writes: `npm run bench` (or `npm run bench -- --only <fn>`).
# Usage: scripts/bench/outside-init.sh <function> [runs, default 21]    e.g. scripts/bench/outside-init.sh api-course
set -euo pipefail
fn=${1:?usage: $0 <function> [runs]}
runs=${2:-21}
dir=".local/bench/bundles/$fn"
[ -f "$dir/env" ] || { echo "no $dir/env: run npm run bench -- --only $fn first" >&2; exit 2; }
node=$([ -x node_modules/.bin/node ] && echo "$PWD/node_modules/.bin/node" || command -v node)
mapfile -t vars <"$dir/env"
bundle="$PWD/$dir/index.mjs"
floor=$(cat "$dir/floor")

# One whole process, in microseconds.
once() {
  local start=$EPOCHREALTIME
  env -i "${vars[@]}" "$node" --input-type=module -e "await import('$1')"
  local end=$EPOCHREALTIME
  echo $((${end/./} - ${start/./}))
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

once "$bundle" >/dev/null && once "$floor" >/dev/null # warm the file cache
own=() base=()
for _ in $(seq "$runs"); do
  own+=("$(once "$bundle")")
  base+=("$(once "$floor")")
done
own_ms=$(printf '%s\n' "${own[@]}" | median | awk '{ printf "%.1f", $1 / 1000 }')
base_ms=$(printf '%s\n' "${base[@]}" | median | awk '{ printf "%.1f", $1 / 1000 }')
"$node" -e '
const [fn, own, base] = [process.argv[1], Number(process.argv[2]), Number(process.argv[3])];
const b = JSON.parse(require("fs").readFileSync("bench/results.json", "utf8")).bundles.find((x) => x.fn === fn);
const outside = own - base;
console.log(`${fn}: whole process ${own.toFixed(1)} ms, floor ${base.toFixed(1)} ms → over the floor ${outside.toFixed(1)} ms (outside, median of ${process.argv[4]} alternated)`);
if (!b) console.log("bench/results.json has no figure for it");
else {
  const bench = b.initMs - b.floorInitMs;
  const gap = Math.abs(outside - bench);
  const agree = gap <= 5 || gap <= 0.1 * Math.abs(bench);
  console.log(`bench: init ${b.initMs.toFixed(1)} ms, floor ${b.floorInitMs.toFixed(1)} ms → over the floor ${bench.toFixed(1)} ms; ${agree ? "agree" : "DO NOT agree"} (${gap.toFixed(1)} ms apart; 5 ms or 10% allowed)`);
}
' "$fn" "$own_ms" "$base_ms" "$runs"

if command -v hyperfine >/dev/null; then
  q=$(printf '%q ' "${vars[@]}")
  hyperfine -N --warmup 3 --runs "$runs" \
    "env -i $q $node --input-type=module -e \"await import('$bundle')\"" \
    "env -i $q $node --input-type=module -e \"await import('$floor')\""
fi
