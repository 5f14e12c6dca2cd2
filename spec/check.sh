#!/usr/bin/env bash
# Model-checks every Promela model in spec/: each property that must hold, each expected
# failure and each mutant. Prints one line per run and exits non-zero on any unexpected
# result. See docs/VERIFICATION.md.
#
#   spec/check.sh                 run everything (2 runs at a time; JOBS=n to change)
#   KEEP=dir spec/check.sh        keep the work directory in dir, with pan's output and,
#                                 for every expected failure and mutant, the
#                                 counterexample trail (spin -t -p -g) in NN/trail.txt
set -euo pipefail

src="${BASH_SOURCE[0]}"; [[ "$src" == */* ]] || src="./$src"
here="$(cd "${src%/*}" && pwd)"

# Each run: name | model | spin -D flags | mode | expectation
#   mode    safety: gcc -DSAFETY, assertions and invalid end states
#           ltl:    the model's LTL formula L1 under weak fairness (pan -a -f)
#   expect  PASS, or FAIL:<text> = pan must report an error whose message contains <text>
RUNS=(
  "idempotent|idempotent.pml|-DNW=3|safety|PASS"
  "idempotent L1|idempotent.pml|-DNW=3 -DLTL_L1|ltl|PASS"
  "idempotent mutant NO_KEY|idempotent.pml|-DNW=2 -DNO_KEY|safety|FAIL:effects<=1"

  # lock models with time (time.pml, clock.pml): TODAY is the engine before issue 9
  "pessimistic 2w|pessimistic.pml|-DNW=2 -DMAXCRASH=1 -DMAXFAULT=2|safety|PASS"
  "pessimistic 3w|pessimistic.pml|-DNW=3 -DMAXCRASH=0 -DMAXFAULT=1 -DMAXSLOW=0 -DTMO=1|safety|PASS"
  "pessimistic L1 2w|pessimistic.pml|-DNW=2 -DMAXCRASH=1 -DMAXFAULT=1 -DLTL_L1|ltl|PASS"
  "pessimistic TODAY|pessimistic.pml|-DNW=2 -DTODAY -DNO_DEADLINE|safety|FAIL:effects<=1"
  "pessimistic TODAY deadline|pessimistic.pml|-DNW=2 -DTODAY|safety|FAIL:(effects+pend)==0"
  "pessimistic LONG_PAUSE|pessimistic.pml|-DNW=2 -DLONG_PAUSE -DNO_DEADLINE|safety|FAIL:effects<=1"
  "pessimistic mutant FULL_TIMEOUT|pessimistic.pml|-DNW=2 -DFULL_TIMEOUT -DNO_DEADLINE|safety|FAIL:effects<=1"
  "pessimistic mutant EXPIRY_FIRST|pessimistic.pml|-DNW=2 -DEXPIRY_FIRST|safety|FAIL:(effects+pend)==0"
  "pessimistic mutant DEADLINE_AT_START_ONLY|pessimistic.pml|-DNW=2 -DMAXCRASH=1 -DMAXFAULT=1 -DDEADLINE_AT_START_ONLY|safety|FAIL:decision!=5"
  "pessimistic mutant QUERY_ERROR_AS_EMPTY|pessimistic.pml|-DNW=2 -DQUERY_ERROR_AS_EMPTY -DNO_DEADLINE|safety|FAIL:effects<=1"
  "pessimistic mutant NO_CHECK_OLDEST|pessimistic.pml|-DNW=2 -DNO_CHECK_OLDEST -DNO_DEADLINE|safety|FAIL:effects<=1"
  "pessimistic mutant NO_QUERY_PREVIOUS|pessimistic.pml|-DNW=2 -DNO_QUERY_PREVIOUS -DNO_DEADLINE|safety|FAIL:effects<=1"
  "pessimistic mutant FINISH_ON_TIMEOUT|pessimistic.pml|-DNW=2 -DFINISH_ON_TIMEOUT -DNO_DEADLINE|safety|FAIL:effects<=1"
  "pessimistic mutant KEEP_LOCK_ON_ABORT|pessimistic.pml|-DNW=1 -DMAXCRASH=1 -DKEEP_LOCK_ON_ABORT -DLTL_L1|ltl|FAIL:acceptance cycle"

  "optimistic 2w|optimistic.pml|-DNW=2 -DMAXCRASH=1 -DMAXFAULT=1|safety|PASS"
  "optimistic L1 2w|optimistic.pml|-DNW=2 -DMAXCRASH=1 -DMAXFAULT=1 -DLTL_L1|ltl|PASS"
  "optimistic TODAY|optimistic.pml|-DNW=2 -DTODAY|safety|FAIL:fs[my]!=1"
  "optimistic mutant NO_RECHECK|optimistic.pml|-DNW=2 -DNO_RECHECK -DNO_DEADLINE|safety|FAIL:seconds<=1"
  "optimistic mutant EXPIRY_FIRST|optimistic.pml|-DNW=2 -DEXPIRY_FIRST|safety|FAIL:(seconds+pend)==0"
  "optimistic mutant UNDO_AFTER_UNKNOWN|optimistic.pml|-DNW=2 -DMAXCRASH=1 -DMAXFAULT=1 -DUNDO_AFTER_UNKNOWN -DNO_DEADLINE|safety|FAIL:!=3)"
  "optimistic mutant NO_ORPHAN_UNDO|optimistic.pml|-DNW=2 -DMAXCRASH=1 -DMAXFAULT=1 -DNO_ORPHAN_UNDO -DNO_DEADLINE|safety|FAIL:fs[my]!=1"
  "optimistic mutant NO_CHECK_OLDEST|optimistic.pml|-DNW=2 -DNO_CHECK_OLDEST -DNO_DEADLINE|safety|FAIL:seconds<=1"
  "optimistic mutant NO_CHECK_COMPLETED|optimistic.pml|-DNW=2 -DNO_CHECK_COMPLETED -DNO_DEADLINE|safety|FAIL:seconds<=1"
  "optimistic mutant NO_UNDO|optimistic.pml|-DNW=2 -DNO_UNDO -DNO_DEADLINE|safety|FAIL:fs[my]!=1"
)
# AtLeastOnce/UpTo run without slowness outside calls (MAXSLOW=0): with it, an attempt
# slower than its lock after its call records its result while a re-execution that the
# compromise accepted goes unseen (expected failure "SLOW_AFTER_CALL", docs/VERIFICATION.md)
for p in ATLEASTONCE UPTO ATMOSTONCE HUMANREVIEW; do
  case $p in ATLEASTONCE|UPTO) s="-DMAXSLOW=0" ;; *) s="" ;; esac
  RUNS+=(
    "blackboxed $p 2w|blackboxed.pml|-DPOLICY=$p -DNW=2 -DMAXCRASH=1 -DMAXFAULT=1 $s|safety|PASS"
    "blackboxed $p L1 2w|blackboxed.pml|-DPOLICY=$p -DNW=2 -DMAXCRASH=1 -DMAXFAULT=1 -DLTL_L1 $s|ltl|PASS"
    "blackboxed $p EXACTLY_ONCE|blackboxed.pml|-DPOLICY=$p -DNW=2 -DEXACTLY_ONCE -DNO_DEADLINE $s|safety|FAIL:effects==1"
  )
done
RUNS+=(
  "blackboxed AtLeastOnce SLOW_AFTER_CALL|blackboxed.pml|-DPOLICY=ATLEASTONCE -DNW=2 -DMAXCRASH=1 -DMAXFAULT=1 -DMAXSLOW=1|safety|FAIL:uncertain[i]"
  "blackboxed TODAY|blackboxed.pml|-DPOLICY=ATMOSTONCE -DNW=2 -DTODAY|safety|FAIL:uncertain[i]"
  "blackboxed mutant NO_RECHECK|blackboxed.pml|-DPOLICY=ATMOSTONCE -DNW=2 -DNO_RECHECK|safety|FAIL:pend[c]"
  "blackboxed mutant EXPIRY_FIRST|blackboxed.pml|-DPOLICY=ATMOSTONCE -DNW=2 -DEXPIRY_FIRST|safety|FAIL:uncertain[i]"
  "blackboxed mutant EXPIRY_AFTER_RESOLVED|blackboxed.pml|-DPOLICY=ATLEASTONCE -DNW=2 -DEXPIRY_AFTER_RESOLVED -DMAXSLOW=0|safety|FAIL:effects==0"
  "blackboxed CAS_IGNORED (covered by the re-check)|blackboxed.pml|-DPOLICY=ATLEASTONCE -DNW=2 -DMAXCRASH=1 -DMAXFAULT=1 -DMAXSLOW=0 -DCAS_IGNORED|safety|PASS"
  "blackboxed mutant NO_PF_CHECK (AtMostOnce)|blackboxed.pml|-DPOLICY=ATMOSTONCE -DNW=2 -DNO_PF_CHECK|safety|FAIL:uncertain[i]"
  "blackboxed mutant NO_PF_CHECK (HumanReview)|blackboxed.pml|-DPOLICY=HUMANREVIEW -DNW=2 -DNO_PF_CHECK|safety|FAIL:uncertain[i]"
  "blackboxed mutant NO_LIVE_CHECK|blackboxed.pml|-DPOLICY=ATMOSTONCE -DNW=2 -DNO_LIVE_CHECK|safety|FAIL:violated"
  "blackboxed mutant GIVEUP_ON_UNKNOWN|blackboxed.pml|-DPOLICY=ATLEASTONCE -DNW=2 -DGIVEUP_ON_UNKNOWN -DMAXSLOW=0|safety|FAIL:uncertain[i]"
  "blackboxed mutant NO_UPTO_LIMIT|blackboxed.pml|-DPOLICY=UPTO -DNW=2 -DNO_UPTO_LIMIT -DMAXSLOW=0|safety|FAIL:effects<=(1+1)"
  "blackboxed mutant RELEASE_BEFORE_GIVEUP|blackboxed.pml|-DPOLICY=ATMOSTONCE -DNW=2 -DRELEASE_BEFORE_GIVEUP|safety|FAIL:uncertain[i]"

  "outbox poison|outbox.pml|-DPOISON|safety|PASS"
  "outbox L1|outbox.pml|-DLTL_L1|ltl|PASS"
  "outbox poison L1|outbox.pml|-DPOISON -DLTL_L1|ltl|PASS"
  "outbox TODAY L1|outbox.pml|-DPOISON -DBREAK -DNO_PARK -DLTL_L1 -DNOASSERT_NB|ltl|FAIL:acceptance cycle"
  "outbox mutant BREAK|outbox.pml|-DPOISON -DBREAK|safety|FAIL:tried[j]"
  "outbox mutant NO_PARK|outbox.pml|-DPOISON -DNO_PARK -DLTL_L1|ltl|FAIL:acceptance cycle"

  "todo|todo.pml|-DNW=3|safety|PASS"
  "todo CANNOT_EXPIRE|todo.pml|-DNW=3 -DCANNOT_EXPIRE|safety|PASS"
  "todo L1|todo.pml|-DNW=3 -DLTL_L1|ltl|PASS"
  "todo mutant NO_UNIQUE|todo.pml|-DNW=3 -DNO_UNIQUE|safety|FAIL:ndecisions<=1"
  "todo mutant NO_TRIGGER_DEDUPE|todo.pml|-DNW=3 -DNO_TRIGGER_DEDUPE|safety|FAIL:instances<=1"
  "todo mutant NO_ACCESS_CHECK|todo.pml|-DNW=3 -DNO_ACCESS_CHECK|safety|FAIL:leaked"
  "todo mutant NO_CONTRACT_CHECK|todo.pml|-DNW=3 -DNO_CONTRACT_CHECK|safety|FAIL:bad_decision"
)

DEPTH=${DEPTH:-1000000}        # pan -m: a search that hits it is incomplete, hence UNEXPECTED
MEMLIM=${MEMLIM:-1536}         # MB per pan; running out is UNEXPECTED

# One run, in its own directory; prints "name<TAB>states<TAB>depth<TAB>result<TAB>detail".
run_one() {
  local idx="$1" row="$2" name model flags mode expect dir out result detail opt t0=$SECONDS
  IFS='|' read -r name model flags mode expect <<<"$row"
  dir="$WORK/$(printf '%02d' "$idx")"
  mkdir -p "$dir"
  cp "$here"/*.pml "$dir"/
  cd "$dir"
  # expected failures stop at the first error: compiling fast beats running fast there
  if [[ "$expect" == PASS ]]; then opt=-O2; else opt=-O1; fi
  # shellcheck disable=SC2086
  if ! spin $flags -a "$model" >spin.out 2>&1; then
    printf '%s\t-\t-\t-\tUNEXPECTED\tspin -a failed: %s\n' "$name" "$(head -c 200 spin.out | tr '\n' ' ')"
    return
  fi
  if [[ "$mode" == safety ]]; then
    # COLLAPSE: lossless state compression, so the timed lock models fit in MEMLIM
    gcc $opt -w -DSAFETY -DCOLLAPSE -DMEMLIM=$MEMLIM -o pan pan.c >gcc.out 2>&1 || true
  else
    gcc $opt -w -DNFAIR=3 -DMEMLIM=$MEMLIM -o pan pan.c >gcc.out 2>&1 || true
  fi
  if [[ ! -x pan ]]; then
    printf '%s\t-\t-\t-\tUNEXPECTED\tgcc failed: %s\n' "$name" "$(head -c 200 gcc.out | tr '\n' ' ')"
    return
  fi
  if [[ "$mode" == safety ]]; then ./pan -n -m$DEPTH >pan.out 2>&1 || true
  else ./pan -n -a -f -m$DEPTH >pan.out 2>&1 || true; fi

  local states depth errors
  states="$(sed -n 's/^ *\([0-9.e+]*\) states, stored.*/\1/p' pan.out | head -1)"
  depth="$(sed -n 's/.*depth reached \([0-9]*\).*/\1/p' pan.out | head -1)"
  errors="$(sed -n 's/.*errors: \([0-9]*\).*/\1/p' pan.out | head -1)"
  detail="$(grep -m1 -E '^pan:1: |^pan: ' pan.out || true)"
  if [[ -z "$errors" ]]; then
    result=UNEXPECTED; detail="pan did not finish: $(tail -c 200 pan.out | tr '\n' ' ')"
  elif grep -qE 'max search depth too small|out of memory|memory limit|MEMLIM bound' pan.out; then
    result=UNEXPECTED; detail="search incomplete (depth or memory bound)"
  elif [[ "$expect" == PASS ]]; then
    if [[ "$errors" == 0 ]] && ! grep -q 'Search not completed' pan.out; then
      result=PASS; detail=""
    else
      result=UNEXPECTED; detail="property violated: $detail"
    fi
  else
    local want="${expect#FAIL:}"
    if [[ "$errors" != 0 ]] && grep -qF -- "$want" <<<"$detail"; then
      case "$name" in *mutant*) result=MUTANT-KILLED ;; *) result=EXPECTED-FAIL ;; esac
      # keep the counterexample readable next to pan's output
      # shellcheck disable=SC2086
      if [[ -n "${KEEP:-}" ]]; then
        spin $flags -t -p -g "$model" >trail.txt 2>&1 || true
        detail="$detail (trail: $dir/trail.txt)"
      fi
    elif [[ "$errors" == 0 ]]; then
      result=UNEXPECTED; detail="expected a counterexample ($want), none found"
    else
      result=UNEXPECTED; detail="expected '$want', got: $detail"
    fi
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "${states:--}" "${depth:--}" "$((SECONDS - t0))" "$result" "$detail"
}

if [[ "${1:-}" == --one ]]; then
  WORK="$2"; run_one "$3" "$4" >"$WORK/result.$(printf '%02d' "$3")"
  exit 0
fi

for tool in spin gcc; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "spec/check.sh: '$tool' is not installed; install it with: apt-get install -y spin gcc" >&2
    exit 2
  fi
done

if [[ -n "${KEEP:-}" ]]; then WORK="$(mkdir -p "$KEEP" && cd "$KEEP" && pwd)"
else WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT; fi

start=$SECONDS
for i in "${!RUNS[@]}"; do printf '%s\0%s\0' "$i" "${RUNS[$i]}"; done |
  xargs -0 -n2 -P "${JOBS:-2}" "$BASH" "$here/check.sh" --one "$WORK"

printf '%-44s %10s %6s %4s  %s\n' MODEL/VARIANT STATES DEPTH SECS RESULT
bad=0
for i in "${!RUNS[@]}"; do
  f="$WORK/result.$(printf '%02d' "$i")"
  if [[ ! -s "$f" ]]; then
    IFS='|' read -r name _ <<<"${RUNS[$i]}"
    printf '%-44s %10s %6s %4s  %s\n' "$name" - - - "UNEXPECTED (no result)"; bad=1; continue
  fi
  IFS=$'\t' read -r name states depth secs result detail <"$f"
  printf '%-44s %10s %6s %4s  %s' "$name" "$states" "$depth" "$secs" "$result"
  [[ -n "$detail" ]] && printf '  %s' "$detail"
  printf '\n'
  [[ "$result" == UNEXPECTED ]] && bad=1
done
echo "${#RUNS[@]} runs in $((SECONDS - start))s"
if [[ $bad != 0 ]]; then echo "spec/check.sh: UNEXPECTED results above" >&2; exit 1; fi
echo "spec/check.sh: all results as expected"
