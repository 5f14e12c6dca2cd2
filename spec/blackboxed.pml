/*
 * BlackBoxed (DESIGN.md §5), checked against I1, I6 and L1 (§6), with time, one compromise
 * per run:  -DPOLICY=ATLEASTONCE | UPTO (with -DUPTO_N=n) | ATMOSTONCE | HUMANREVIEW
 * Java: railway-core/src/main/java/dev/railway/engine/BlackBoxedAlgorithm.java
 *
 * Lock table: `order` holds, in store-sequence order, the locks that still matter to
 * step 2: live ones and expired ones with neither a fault nor a resolution (faulted and
 * resolved locks are never read again, so they leave the table and their slot is reused).
 * A lock expires by the clock of time.pml (TTL ticks after its write), whatever its owner
 * is doing; from then on every reader sees it EXPIRED.
 *
 * The call runs under the budget rule of time.pml, after re-checking the own lock and the
 * deadline atomically with the call start. Store steps before it take time (the clock may
 * tick between any two steps).
 *
 * Deadline: while an earlier live lock exists the attempt aborts (no expiry); a possible
 * failure goes through the compromise first, and AtLeastOnce/UpTo do not start a new call
 * after the deadline (uncertainty mapping instead); the expiry mapping is used only where
 * the call would start with nothing uncertain and no lock ever resolved by the compromise.
 *
 * Properties (assertions):
 *   I1   at most one decision                                  (common.pml)
 *   I6a  effects <= 1 (AtMostOnce, HumanReview), <= n+1 (UpTo(n)),
 *        <= 1 + resolved possible failures (every policy; counted per resolved lock, as
 *        the Java counts resolved locks)
 *   I6b  surfaced: when any decision is recorded, no other attempt that sent a call and
 *        ended without recording a result or a known fault is left unseen
 *   I6c  settled: a lock seen as a possible failure has no request that may still land
 *        (the compromise and the uncertainty mapping decide on a final state)
 *   EXP  an expiry never contradicts an effect that may have happened
 * Impossibility: -DEXACTLY_ONCE asserts "exactly one effect" when every worker is done,
 *   with a third party that never returns a known failure; it fails for every policy.
 * Mutants: NO_PF_CHECK (expired locks taken as faulted), NO_LIVE_CHECK (live earlier
 *   locks ignored), GIVEUP_ON_UNKNOWN (backoff may give up after an unknown outcome),
 *   NO_UPTO_LIMIT (UpTo re-executes without counting), RELEASE_BEFORE_GIVEUP (the fault
 *   is recorded on own lock before the backoff gives up), NO_RECHECK (hole 1: no re-check
 *   of the own lock before the call, which gets the full attempt timeout), EXPIRY_FIRST
 *   (hole 2: the deadline is checked before any lock), CAS_IGNORED (hole 4: a lost
 *   compare-and-set on the resolution is taken as won), EXPIRY_AFTER_RESOLVED (past the
 *   deadline, a lock resolved by the compromise is forgotten: expiry instead of the
 *   uncertainty mapping).
 *   TODAY: today's engine, NO_RECHECK + EXPIRY_FIRST + CAS_IGNORED (expected failure).
 */
#ifdef TODAY
#define NO_RECHECK
#define EXPIRY_FIRST
#define CAS_IGNORED
#endif
#define K 8
#include "common.pml"
#include "time.pml"

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

#define LIVE    1
#define EXPIRED 2               /* expired, no fault, no decision: a possible failure */
chan order = [K] of { byte };
byte st[K];                     /* 0: not in the table (free, faulted or resolved) */
bool alive[K];
bool uncertain[K];              /* ghost: a call was sent under this lock, nothing recorded */
bool pend[K];                   /* ghost: a request sent under this lock may still land */
byte effects = 0;
byte resolved = 0;              /* locks resolved by the compromise (Java: resolvedSoFar) */
byte finished = 0;
hidden byte won;

inline leave() { if :: my < K -> alive[my] = false; held[my] = false; my = K :: else fi }
inline drop(s) {                                  /* fault recorded / resolved */
  if :: s < K && st[s] != 0 -> order??eval(s); st[s] = 0; left[s] = 0 :: else fi
}
inline lock_expired(s) { if :: st[s] == LIVE -> st[s] = EXPIRED :: else fi }

inline perform() {
  effects++;
  assert(effects <= 1 + resolved);                 /* I6a, every policy */
#if POLICY == ATMOSTONCE || POLICY == HUMANREVIEW
  assert(effects <= 1);
#endif
#if POLICY == UPTO
  assert(effects <= UPTO_N + 1);
#endif
  assert(decision != EXPIRY)                       /* EXP: nothing lands after an expiry */
}

/* I6b: no abandoned call (its attempt ended without recording) is left unseen when the
   task is decided. An attempt still running may lose the race: its call was accepted by
   the compromise that let it execute (counted in `resolved`). */
inline decide(v) {
  atomic {
    i = 0;
    do :: i < K -> assert(i == my || alive[i] || !uncertain[i]); i++ :: else -> break od;
    if :: my < K -> uncertain[my] = false :: else fi;
    if :: v == EXPIRY ->                           /* EXP: only when nothing may have happened */
          i = 0;
          do :: i < K -> assert(!pend[i]); i++ :: else -> break od;
          assert(effects == 0)
       :: else
    fi;
    record(v, won); i = 0
  }
}

/* Step 2: look at every lock before own (one atomic read of the lock table). */
inline scan() {
  n = len(order); i = 0; seen = false; blk = K; pf = false; x = K;
  do
  :: i < n ->
     order?c;
     if
     :: c == my -> seen = true
     :: !seen && c != my ->
        if
        :: st[c] == LIVE -> blk = c
        :: st[c] == EXPIRED ->
           assert(!pend[c]);                       /* I6c: a possible failure is settled */
           pf = true; if :: x == K -> x = c :: else fi
        :: else
        fi
     :: else
     fi;
     order!c; i++
  :: else -> break
  od;
  c = 0; i = 0; n = 0; seen = false
}
/* The uncertainty mapping / review sees every earlier possible failure: surfaced. */
inline surface_earlier() {
  n = len(order); i = 0; seen = false;
  do
  :: i < n ->
     order?c;
     if
     :: c == my -> seen = true
     :: c != my && !seen && st[c] == EXPIRED -> uncertain[c] = false
     :: else
     fi;
     order!c; i++
  :: else -> break
  od;
  c = 0; i = 0; n = 0; seen = false
}

active [NW] proctype Worker() {
  byte my = K, blk = K, x = K, c = 0, i = 0, n = 0, t = 0;
  bool seen = false, pf = false;
start:
  atomic {                                          /* the runner's checks */
    assert(_pid < NW);
    if :: decision != NONE -> goto done :: else fi;
#ifdef EXPIRY_FIRST
    if :: past -> goto expire :: else fi;           /* the deadline before any lock */
#endif
  };
write_lock:                                         /* Step 1 */
  atomic {
    my = 0;
    do :: my < K && (st[my] != 0 || alive[my]) -> my++ :: else -> break od;
    assert(my < K);
    order!my; st[my] = LIVE; alive[my] = true; held[my] = true; left[my] = TTL
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
    :: blk != K -> x = K; goto fault_own_abort      /* one neither expired nor faulted */
    :: blk == K && pf -> goto possible_failure      /* one expired, not faulted, no decision */
    :: else -> x = K                                /* oldest, or all earlier faulted/resolved */
    fi;
    pf = false
  };
  CRASH(crashed);
call:                                               /* Step 3: re-check, execute under the timeout */
  atomic {
#ifndef NO_RECHECK
    if :: st[my] != LIVE -> goto lost :: else fi;   /* own lock expired: abort */
    if                                              /* no call after the deadline */
#ifndef EXPIRY_AFTER_RESOLVED
    :: past && resolved > 0 -> goto map_uncertain   /* a resolved possible failure */
    :: past && resolved == 0 -> goto expire         /* nothing may have happened */
#else
    :: past -> goto expire
#endif
    :: else
    fi;
    t = BUDGET(my);
    if :: t == 0 -> goto no_budget :: else fi;
    call_start(t);
#else
    call_start(TMO);                                /* today: no re-check, full timeout */
#endif
    t = 0; uncertain[my] = true; pend[my] = true
  };
  if
  :: atomic { call_end(); pend[my] = false; perform() }                  /* result */
#ifndef NO_KNOWN_ERRORS
  :: atomic { FAULT -> faults++; call_end(); pend[my] = false; uncertain[my] = false }; goto known_failure /* nothing done */
#endif
  :: atomic { FAULT -> faults++; call_end(); pend[my] = false; perform() }; goto unknown /* lost */
  :: atomic { cleft[_pid] == 0 && FAULT -> faults++; fly_start() }; goto in_flight /* timeout */
  fi;
  CRASH(crashed);
record_decision:                                    /* Step 4 */
  decide(RESULT);
  goto done;

possible_failure:                                   /* Step 2: the compromise, lock by lock */
#if POLICY == ATLEASTONCE || POLICY == UPTO
  atomic {
    if :: past -> goto map_uncertain :: else fi;    /* no new call after the deadline */
#if POLICY == UPTO && !defined(NO_UPTO_LIMIT)
    if :: resolved >= UPTO_N -> goto map_uncertain :: else fi;
#endif
    /* mark x resolved: a compare-and-set on "expired, neither faulted nor resolved" */
    if
    :: st[x] == EXPIRED -> drop(x); uncertain[x] = false; resolved++
    :: else ->
#ifndef CAS_IGNORED
       x = K; goto cas_lost                         /* another attempt resolved it first */
#else
       skip
#endif
    fi;
    x = K
  };
  CRASH(crashed);
  goto check_oldest;                                /* the next possible failure, if any */
#elif POLICY == ATMOSTONCE
  goto map_uncertain;
#else
  atomic { x = K; surface_earlier() };
  decide(REVIEW);                                   /* transition to a ToDo */
  goto done;
#endif

map_uncertain:      /* the uncertainty mapping */
  atomic { x = K; surface_earlier() };
  decide(UNCERTAIN);
  goto done;

expire:             /* the expiry mapping: the deadline passed, nothing may have happened */
  decide(EXPIRY);
  goto done;

in_flight:          /* the interrupted request lands within the grace period, or never */
  if
  :: atomic { fly_end(); pend[my] = false; perform() }
  :: atomic { fly_end(); pend[my] = false }
  fi;
  goto unknown;
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
cas_lost:           /* nothing was done under own lock: record a fault on it, start again */
  atomic { drop(my); leave() };
  goto start;
no_budget:          /* no budget left for the call: nothing was sent under own lock, so */
lost:               /* (also when it expired) record a fault on it -- no possible failure */
  atomic { drop(my); leave() };   /* for the next attempt -- and abort without outcome */
  goto start;
fault_own_abort:    /* record a fault on own lock, abort without outcome */
  atomic { drop(my); leave(); pf = false };
wait:               /* rescheduled for when the blocking lock expires */
  atomic { (decision != NONE || st[blk] != LIVE); blk = K };
  goto start;
crashed:
  atomic { leave(); blk = K; x = K; pf = false };
  goto start;
done:
  atomic { leave(); finished++ }
}

#ifdef EXACTLY_ONCE
active proctype ExactlyOnce() {
  (finished == NW) -> assert(effects == 1)
}
#endif

#include "clock.pml"

#ifdef LTL_L1
ltl L1 { <> (decision != NONE) }
#endif
