/*
 * BlackBoxed (DESIGN.md §5), checked against I1, I6 and L1 (§6), one compromise per run:
 *   -DPOLICY=ATLEASTONCE | UPTO (with -DUPTO_N=n) | ATMOSTONCE | HUMANREVIEW
 * Java: railway-core/src/main/java/dev/railway/engine/BlackBoxedAlgorithm.java
 *
 * Lock table: `order` holds, in store-sequence order, the locks that still matter to
 * step 2: live ones and expired ones with neither a fault nor a resolution (faulted and
 * resolved locks are never read again, so they leave the table and their slot is reused).
 * Expiry follows the pause assumption of pessimistic.pml: a lock can be found expired
 * once its owner can no longer act; the first observer makes it EXPIRED for everyone.
 *
 * Properties (assertions):
 *   I1   at most one decision                                  (common.pml)
 *   I6a  effects <= 1 (AtMostOnce, HumanReview), <= n+1 (UpTo(n)),
 *        <= 1 + resolved possible failures (every policy)
 *   I6b  surfaced: when any decision is recorded, no other attempt that sent a call
 *        without recording a result or a known fault is left unseen: every crash,
 *        timeout or lost response between call and record was seen as a possible failure
 * Impossibility: -DEXACTLY_ONCE asserts "exactly one effect" when every worker is done,
 *   with a third party that never returns a known failure; it fails for every policy.
 * Mutants: NO_PF_CHECK (expired locks taken as faulted), NO_LIVE_CHECK (live earlier
 *   locks ignored), GIVEUP_ON_UNKNOWN (backoff may give up after an unknown outcome),
 *   NO_UPTO_LIMIT (UpTo re-executes without counting), RELEASE_BEFORE_GIVEUP (the fault
 *   is recorded on own lock before the backoff gives up, so another attempt executes
 *   while the fault mapping is decided: an effect nobody sees).
 */
#include "common.pml"

#define ATLEASTONCE 1
#define UPTO        2
#define ATMOSTONCE  3
#define HUMANREVIEW 4
#ifndef POLICY
#define POLICY ATMOSTONCE
#endif
#ifndef UPTO_N
#define UPTO_N 1
#endif
#ifdef EXACTLY_ONCE
#define NO_KNOWN_ERRORS
#endif

#define K 8
#define LIVE    1
#define EXPIRED 2               /* expired, no fault, no decision: a possible failure */
chan order = [K] of { byte };
byte st[K];                     /* 0: not in the table (free, faulted or resolved) */
bool alive[K];
bool uncertain[K];              /* ghost: a call was sent under this lock, nothing recorded */
byte effects = 0;
byte resolved = 0;              /* possible failures resolved by the compromise */
byte finished = 0;
hidden byte won;

inline leave() { if :: my < K -> alive[my] = false; my = K :: else fi }
inline drop(s) { order??eval(s); st[s] = 0 }       /* fault recorded / resolved */

inline perform() {
  effects++;
  assert(effects <= 1 + resolved);                 /* I6a, every policy */
#if POLICY == ATMOSTONCE || POLICY == HUMANREVIEW
  assert(effects <= 1);
#endif
#if POLICY == UPTO
  assert(effects <= UPTO_N + 1);
#endif
}

/* I6b: nobody else's call is left unrecorded and unseen when the task is decided. */
inline decide(v) {
  atomic {
    i = 0;
    do :: i < K -> assert(i == my || !uncertain[i]); i++ :: else -> break od;
    if :: my < K -> uncertain[my] = false :: else fi;
    record(v, won)
  }
}

/* Step 2 helpers: look at every lock before own (one atomic read of the lock table). */
inline scan() {
  n = len(order); i = 0; seen = false; blk = K; pf = false;
  do
  :: i < n ->
     order?x;
     if
     :: x == my -> seen = true
     :: else ->
        if
        :: !seen ->
           if :: st[x] == LIVE && !alive[x] -> st[x] = EXPIRED :: true fi;
           if
           :: st[x] == LIVE -> blk = x
           :: st[x] == EXPIRED -> pf = true
           :: else
           fi
        :: else
        fi
     fi;
     order!x; i++
  :: else -> break
  od
}
inline resolve_earlier() {       /* the uncertain locks are seen: surfaced and resolved */
  n = len(order); i = 0; seen = false;
  do
  :: i < n ->
     order?x;
     if
     :: x != my && !seen && st[x] == EXPIRED -> st[x] = 0; uncertain[x] = false
     :: else -> if :: x == my -> seen = true :: else fi; order!x
     fi;
     i++
  :: else -> break
  od
}

active [NW] proctype Worker() {
  byte my = K, blk = K, x = 0, i = 0, n = 0;
  bool seen = false, pf = false;
start:
write_lock:                                         /* Step 1 */
  atomic {
    if :: decision != NONE -> goto done :: else fi;
    my = 0;
    do :: my < K && (st[my] != 0 || alive[my]) -> my++ :: else -> break od;
    assert(my < K);
    order!my; st[my] = LIVE; alive[my] = true
  };
  CRASH(crashed);
check_oldest:                                       /* Step 2 */
  atomic {
    scan();
#ifdef NO_LIVE_CHECK
    blk = K;
#endif
#ifdef NO_PF_CHECK
    pf = false;
#endif
    if
    :: blk != K -> goto fault_own_abort             /* one neither expired nor faulted */
    :: blk == K && pf -> goto possible_failure      /* one expired, not faulted, no decision */
    :: else                                         /* oldest, or all earlier faulted/resolved */
    fi;
    x = 0; i = 0; n = 0; seen = false
  };
  CRASH(crashed);
call:                                               /* Step 3: execute under the timeout */
  if
  :: atomic { uncertain[my] = true; perform() }                     /* result */
#ifndef NO_KNOWN_ERRORS
  :: atomic { FAULT -> faults++ }; goto known_failure               /* proves nothing done */
#endif
  :: atomic { FAULT -> faults++; uncertain[my] = true; perform() }; goto unknown /* response lost */
  :: atomic { FAULT -> faults++; uncertain[my] = true;                          /* timeout */
              if :: perform() :: skip fi }; goto unknown
  fi;
  CRASH(crashed);
record_decision:                                    /* Step 4 */
  decide(RESULT);
  goto done;

possible_failure:                                   /* Step 2: apply the compromise */
#if POLICY == ATLEASTONCE
  atomic { resolve_earlier(); resolved++; x = 0; i = 0; n = 0; seen = false; pf = false };
  CRASH(crashed);
  goto call;
#elif POLICY == UPTO
  if
#ifndef NO_UPTO_LIMIT
  :: atomic { resolved < UPTO_N -> resolve_earlier(); resolved++; x = 0; i = 0; n = 0; seen = false; pf = false };
#else
  :: atomic { resolve_earlier(); resolved++; x = 0; i = 0; n = 0; seen = false; pf = false };
#endif
     CRASH(crashed);
     goto call
  :: atomic { resolved >= UPTO_N -> resolve_earlier() };
     decide(UNCERTAIN); goto done                   /* uncertainty mapping */
  fi;
#elif POLICY == ATMOSTONCE
  atomic { resolve_earlier() };
  decide(UNCERTAIN);                                /* uncertainty mapping: give up */
  goto done;
#else
  atomic { resolve_earlier() };
  decide(REVIEW);                                   /* transition to a ToDo */
  goto done;
#endif

known_failure:      /* backoff is asked while own lock still blocks the others */
#ifdef RELEASE_BEFORE_GIVEUP
  atomic { drop(my); leave() };
#endif
  if
  :: decide(FAULTMAP); goto done                    /* give up -> fault mapping */
  :: atomic { drop(my); leave() }; goto start       /* retry: record a fault on own lock */
  fi;
unknown:            /* timeout or lost response: record nothing; the lock is left to expire */
  atomic { blk = my; leave() };
#ifdef GIVEUP_ON_UNKNOWN
  if :: decide(FAULTMAP); goto done :: true fi;
#endif
  goto wait;
fault_own_abort:    /* record a fault on own lock, abort without outcome */
  atomic { drop(my); leave(); x = 0; i = 0; n = 0; seen = false; pf = false };
wait:               /* rescheduled for when the blocking lock expires */
  atomic {
    (decision != NONE || st[blk] != LIVE || !alive[blk]);
    if :: st[blk] == LIVE && !alive[blk] -> st[blk] = EXPIRED :: else fi;
    blk = K
  };
  goto start;
crashed:
  atomic { leave(); blk = K; x = 0; i = 0; n = 0; seen = false; pf = false };
  goto start;
done:
  atomic { leave(); finished++ }
}

#ifdef EXACTLY_ONCE
active proctype ExactlyOnce() {
  (finished == NW) -> assert(effects == 1)
}
#endif

#ifdef LTL_L1
ltl L1 { <> (decision != NONE) }
#endif
