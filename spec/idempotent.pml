/*
 * Idempotent (DESIGN.md §5), checked against I1, I3 and L1 (§6).
 * Java: railway-core/src/main/java/dev/railway/engine/IdempotentAlgorithm.java
 *
 * The third party honours idempotency keys: a request carrying a key it has seen is not
 * performed again. A request whose caller timed out (or crashed) may land at any later
 * time, even after the decision: the `Network` process delivers or drops it.
 *
 * Variants:  LTL_L1   L1 under weak fairness
 * Mutants:   NO_KEY   the attempt does not send taskId as the key (I3 must fail)
 */
#include "common.pml"

bool key_seen = false;          /* the third party's key table, for this task id */
byte effects = 0;
byte inflight = 0;              /* requests sent whose caller stopped waiting */
hidden byte won;

inline perform() {
#ifdef NO_KEY
  effects++;
#else
  if :: !key_seen -> key_seen = true; effects++ :: else fi;
#endif
  assert(effects <= 1)          /* I3 */
}

active proctype Network() {
end: do
  :: atomic { inflight > 0 -> inflight--; perform() }   /* lands late */
  :: atomic { inflight > 0 -> inflight-- }              /* never lands */
  od
}

active [NW] proctype Worker() {
start:
still_needed:                                   /* common step: stillNeeded */
  atomic {
    if
    :: decision != NONE -> goto done            /* decided tasks are no longer due */
    :: else -> if :: record(EXPIRY, won); goto done :: true fi
    fi
  };
call:                                           /* Step 1: attempt(event, taskId), key = taskId */
  if
  :: atomic { perform() }                                   /* result */
  :: atomic { FAULT -> faults++ }; goto backoff             /* error: nothing done */
  :: atomic { FAULT -> faults++; perform() }; goto backoff  /* done, response lost */
  :: atomic { FAULT -> faults++; inflight++ }; goto backoff /* timeout: may land later */
  fi;
  CRASH(crashed);
record_decision:                                /* Step 2: decide(event, result) */
  record(RESULT, won);
  assert(key_seen);                             /* a result decision reflects a real effect */
  goto done;
backoff:
  if
  :: record(FAULTMAP, won); goto done           /* give up -> fault mapping */
  :: goto start                                 /* retry: safe by construction */
  fi;
crashed:
  goto start;
done:
  skip
}

#ifdef LTL_L1
ltl L1 { <> (decision != NONE) }
#endif
