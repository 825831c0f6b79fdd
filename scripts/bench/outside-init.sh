#!/usr/bin/env bash
# The outside check of `npm run bench`'s init figures. For a function, a fresh Node process imports its bundle with
# the function's deployed environment and nothing else (`env -i`), then writes one line; this shell times it with its
# own clock (bash's microsecond $EPOCHREALTIME) from before the process is started to the moment that line arrives:
# Node's start-up plus the module's init, what a cold start costs before the handler can run (the process's exit is
# not counted: Lambda keeps it). The same is done for the function's floor (a bundle of only the AWS SDK clients it
# uses), alternately, and the difference of the medians is the function's init over its floor, measured without the
# bench's in-process timer. It is printed beside the bench's figure (bench/results.json) with whether the two agree
# within 5 ms or 10%; and, for telling a difference of method from the machine's drift since the bench ran, beside
# the in-process figure those same processes report (the line each writes is its own import time). The bench times
# its processes from outside too (its own clock, start to that line) and reports that figure beside its in-process one.
#
# Needs the bundles and env files the bench writes: `npm run bench` (or `npm run bench -- --only <fn>`).
# Usage: scripts/bench/outside-init.sh <function|all> [runs, default 21]   e.g. scripts/bench/outside-init.sh api-course
set -euo pipefail
target=${1:?usage: $0 <function|all> [runs]}
runs=${2:-21}
node=$([ -x node_modules/.bin/node ] && echo "$PWD/node_modules/.bin/node" || command -v node)

if [ "$target" = all ]; then
  fns=$("$node" -e 'for (const b of require("./bench/results.json").bundles) console.log(b.fn)')
  for fn in $fns; do "$0" "$fn" "$runs"; done
  exit
fi

fn=$target
dir=".local/bench/bundles/$fn"
[ -f "$dir/env" ] || { echo "no $dir/env: run npm run bench -- --only $fn first" >&2; exit 2; }
mapfile -t vars <"$dir/env"
bundle="$PWD/$dir/index.mjs"
floor=$(cat "$dir/floor")

# One process: "<microseconds from start to its line, by this shell's clock> <its own import time in ms>".
once() {
  local start=$EPOCHREALTIME fd line ready
  exec {fd}< <(exec env -i "${vars[@]}" "$node" --input-type=module -e \
    "const t = performance.now(); await import('$1'); process.stdout.write(performance.now() - t + '\n');")
  local pid=$!
  read -r -u "$fd" line
  ready=$EPOCHREALTIME
  exec {fd}<&-
  wait "$pid"
  echo "$((${ready/./} - ${start/./})) $line"
}
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

once "$bundle" >/dev/null && once "$floor" >/dev/null # warm the file cache
own=() base=() own_in=() base_in=()
for _ in $(seq "$runs"); do
  read -r out in < <(once "$bundle")
  own+=("$out") own_in+=("$in")
  read -r out in < <(once "$floor")
  base+=("$out") base_in+=("$in")
done
m() { printf '%s\n' "$@" | median; }
"$node" -e '
const [fn, own, base, ownIn, baseIn, runs] = process.argv.slice(1);
const outside = (Number(own) - Number(base)) / 1000;
const inside = Number(ownIn) - Number(baseIn);
const agree = (a, b) => Math.abs(a - b) <= 5 || Math.abs(a - b) <= 0.1 * Math.abs(b);
const b = JSON.parse(require("fs").readFileSync("bench/results.json", "utf8")).bundles.find((x) => x.fn === fn);
const bench = b ? b.initMs - b.floorInitMs : undefined;
const words = (a, x) => `${agree(a, x) ? "agree" : "DO NOT agree"} (${Math.abs(a - x).toFixed(1)} ms apart)`;
console.log(
  `${fn.padEnd(26)} outside ${outside.toFixed(1).padStart(6)} ms over the floor (median of ${runs} alternated; ` +
    `to ready ${(Number(own) / 1000).toFixed(1)} vs ${(Number(base) / 1000).toFixed(1)} ms)` +
    ` | same processes, in-process ${inside.toFixed(1)}: ${words(outside, inside)}` +
    (bench === undefined ? " | no bench figure" : ` | bench ${bench.toFixed(1)}: ${words(outside, bench)}`) +
    (b?.readyMs === undefined ? "" : ` (bench, outside: ${(b.readyMs - b.floorReadyMs).toFixed(1)})`),
);
' "$fn" "$(m "${own[@]}")" "$(m "${base[@]}")" "$(m "${own_in[@]}")" "$(m "${base_in[@]}")" "$runs"
