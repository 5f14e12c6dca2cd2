/*
 * PessimisticLock (DESIGN.md §5), checked against I1, I4 and L1 (§6).
 * Java: railway-core/src/main/java/dev/railway/engine/PessimisticLockAlgorithm.java
 *
 * Store: `live` holds the task's locks that nobody has yet seen expired or finished, in
 * store-sequence order; a lock that left it is never read again, so its slot is reused
 * and the state space stays finite (which also lets SPIN find livelocks as cycles).
 * Time is abstract: a lock is live or expired. It can only expire once its owner can no
 * longer act (crashed, or interrupted by its timeout after its request landed or was
 * lost); that is the pause assumption. -DLONG_PAUSE drops it: the owner may still act
 * after its lock expired (a pause longer than the grace period).
 * Expiry is observed lazily: whoever reads the lock table may find an expirable lock
 * expired (or not yet), and a worker waiting for a blocker wakes when it expires.
 *
 * Variants:  LONG_PAUSE            expected failure: double execution (I4)
 *            LTL_L1                L1 under weak fairness (pan -a -f)
 * Mutants:   NO_CHECK_OLDEST, NO_QUERY_PREVIOUS, FINISH_ON_TIMEOUT   (I4 must fail)
 *            KEEP_LOCK_ON_ABORT    the literal seed: an aborted attempt's lock stays until
 *                                  it expires and blocks the retry itself (L1 must fail)
 */
#include "common.pml"

#define K 8                      /* lock slots */
chan live = [K] of { byte };
bool used[K];                    /* slot holds a lock that is in `live` */
bool alive[K];                   /* the slot's attempt (or its in-flight request) may still act */
byte effects = 0;                /* times the third party performed the action */
bool tp_done = false;            /* what previous(event, taskId) finds */
hidden byte won;

#ifdef LONG_PAUSE
#define EXPIRABLE(s) (true)
#else
#define EXPIRABLE(s) (!alive[s])
#endif

/* The request reaches the third party, which performs the action. */
inline land() { effects++; tp_done = true; assert(effects <= 1) /* I4 */ }

inline expire(s) { live??eval(s); used[s] = false }
inline release(s) { if :: used[s] -> expire(s) :: else fi }
/* The attempt can no longer act: its slot may be reused once its lock is gone. */
inline leave() { if :: my < K -> alive[my] = false; my = K :: else fi }

active [NW] proctype Worker() {
  byte my = K, b = 0;
start:
write_lock:                                         /* Step 1 */
  atomic {
    if :: decision != NONE -> goto done :: else fi; /* decided tasks are no longer due */
    my = 0;
    do :: my < K && (used[my] || alive[my]) -> my++ :: else -> break od;
    assert(my < K);                                 /* model bound, not a property */
    live!my; used[my] = true; alive[my] = true
  };
  CRASH(crashed);
check_oldest:                                       /* Step 2 */
#ifndef NO_CHECK_OLDEST
  atomic {
    do
    :: !used[my] -> goto abort_lost
    :: else ->
       live?<b>;
       if
       :: b == my -> break
       :: else ->
          if
          :: EXPIRABLE(b) -> expire(b)              /* found it expired */
          :: true -> goto abort                     /* an older non-expired lock */
          fi
       fi
    od
  };
  CRASH(crashed);
#endif
query_previous:                                     /* Step 3 */
#ifndef NO_QUERY_PREVIOUS
  if :: tp_done -> goto record_decision :: else fi;
  CRASH(crashed);
#endif
recheck_lock:                                       /* Step 4 */
  if :: !used[my] -> goto abort_lost :: else fi;
  /* a pause here, longer than the grace period, is what LONG_PAUSE allows */
call:
  if
  :: atomic { land() }                                        /* success (any result) */
  :: atomic { FAULT -> faults++ }; goto mark_finished         /* error: nothing done */
  :: atomic { FAULT -> faults++; land() }; goto mark_finished /* success, response lost */
  :: atomic { FAULT -> faults++ }; goto timed_out             /* timeout: may land later */
  fi;
  CRASH(crashed);
record_decision:                                    /* Step 5 */
  record(RESULT, won);
  goto done;

mark_finished:      /* the call returned a fault: the next attempt need not wait for expiry */
  atomic { release(my); leave() };
  goto backoff;
timed_out:
#ifdef FINISH_ON_TIMEOUT
  atomic { release(my) };
#endif
in_flight:          /* the interrupted request lands within the grace period, or never */
  if :: atomic { land() } :: skip fi;
  atomic { leave() };                               /* the lock is left to expire */
backoff:
  if
  :: record(FAULTMAP, won); goto done               /* give up -> fault mapping */
  :: goto start                                     /* retry later */
  fi;

abort:              /* abort without outcome */
  atomic {
#ifndef KEEP_LOCK_ON_ABORT
    release(my);                                    /* release_own: nothing was called under it */
#endif
    leave()
  };
  /* rescheduled for when the blocking lock expires */
  atomic {
    (decision != NONE || !used[b] || EXPIRABLE(b));
    if :: used[b] && EXPIRABLE(b) -> expire(b) :: else fi;
    b = 0
  };
  goto start;
abort_lost:
  atomic { leave() };
  goto start;
crashed:
  atomic { leave(); b = 0 };
  goto start;
done:
  atomic { leave() }
}

#ifdef LTL_L1
ltl L1 { <> (decision != NONE) }
#endif
