/*
 * PessimisticLock (DESIGN.md §5), checked against I1, I4 and L1 (§6), with time.
 * Java: railway-core/src/main/java/dev/railway/engine/PessimisticLockAlgorithm.java
 *
 * Store: `live` holds the task's live locks in store-sequence order (written, neither
 * expired nor finished). A lock expires by the clock of time.pml, TTL ticks after its
 * write, whatever its owner is doing -- also while the owner is still inside a call.
 * A lock that left `live` is never read again, so its slot is reused and the state space
 * stays finite (which also lets SPIN find livelocks as cycles).
 *
 * Every call (`previous` and `attempt`) runs under the budget rule of time.pml: its
 * timeout is what is left of the own lock minus the grace; without budget it does not
 * start (abort without outcome, rescheduled at the own lock's expiry). Right before
 * `attempt` the own lock and the deadline are re-checked, atomically with the call start.
 *
 * Deadline (time.pml's `past`): an expiry is recorded only where the call would start --
 * own lock still the oldest live one, `previous` found nothing -- i.e. only when nothing
 * may have happened. No call starts after the deadline. While an older live lock exists
 * the attempt aborts and waits for it, deadline or not.
 *
 * Properties (assertions):
 *   I1   at most one decision                                           (common.pml)
 *   I4   effects <= 1
 *   EXP  an expiry never contradicts an effect that may have happened: when EXPIRY is
 *        recorded nothing has landed and no request may still land, and nothing lands after
 *
 * Variants:  LONG_PAUSE            expected failure: the clock may tick between the
 *                                  re-check and the call start (a pause > grace): I4
 *            LTL_L1                L1 under weak fairness (pan -a -f)
 *            TODAY                 today's engine: FULL_TIMEOUT + EXPIRY_FIRST +
 *                                  DEADLINE_AT_START_ONLY (expected failure)
 * Mutants:   NO_CHECK_OLDEST, NO_QUERY_PREVIOUS, FINISH_ON_TIMEOUT   (I4 must fail)
 *            KEEP_LOCK_ON_ABORT    the literal seed: an aborted attempt's lock stays until
 *                                  it expires and blocks the retry itself (L1 must fail)
 *            FULL_TIMEOUT          hole 1: every call gets the full attempt timeout (I4)
 *            EXPIRY_FIRST          hole 2: the deadline is checked before any lock (EXP)
 *            DEADLINE_AT_START_ONLY  the deadline is checked when the attempt starts, not
 *                                  again before the call (EXP)
 *            QUERY_ERROR_AS_EMPTY  a failing `previous` is taken as "nothing found" (I4)
 */
#ifdef TODAY
#define FULL_TIMEOUT
#define EXPIRY_FIRST
#define DEADLINE_AT_START_ONLY
#endif
#define K 8                      /* lock slots */
#include "common.pml"
#include "time.pml"


chan live = [K] of { byte };
bool used[K];                    /* slot holds a lock that is in `live` */
bool alive[K];                   /* the slot's attempt (or its in-flight request) may still act */
byte effects = 0;                /* times the third party performed the action */
byte pend = 0;                   /* ghost: requests sent that may still land */
bool tp_done = false;            /* what previous(event, taskId) finds */
hidden byte won;

/* The request reaches the third party, which performs the action. */
inline land() {
  effects++; tp_done = true;
  assert(effects <= 1);          /* I4 */
  assert(decision != EXPIRY)     /* EXP: nothing lands after an expiry */
}
/* EXP: an expiry is recorded only when nothing may have happened. */
inline record_expiry() {
  atomic { assert(effects + pend == 0); record(EXPIRY, won) }
}

inline lock_expired(s) { if :: used[s] -> live??eval(s); used[s] = false :: else fi }
inline release(s) { if :: s < K && used[s] -> live??eval(s); used[s] = false; left[s] = 0 :: else fi }
/* The attempt can no longer act: its slot may be reused once its lock is gone. */
inline leave() { if :: my < K -> alive[my] = false; held[my] = false; my = K :: else fi }

active [NW] proctype Worker() {
  byte my = K, b = 0, t = 0;
  bool late = false;             /* the deadline had passed when this attempt started */
start:
write_lock:                                         /* Step 1 */
  atomic {                                          /* the runner's checks, then the write */
    assert(_pid < NW);
    if :: decision != NONE -> goto done :: else fi; /* decided tasks are no longer due */
#if defined(EXPIRY_FIRST) || defined(DEADLINE_AT_START_ONLY)
    late = past;
#endif
#ifdef EXPIRY_FIRST
    if :: late -> goto expire :: else fi;           /* the deadline before any lock */
#endif
  };
  atomic {
    my = 0;
    do :: my < K && (used[my] || alive[my]) -> my++ :: else -> break od;
    assert(my < K);                                 /* model bound, not a property */
    live!my; used[my] = true; alive[my] = true; held[my] = true; left[my] = TTL
  };
  CRASH(crashed);
check_oldest:                                       /* Step 2 */
#ifndef NO_CHECK_OLDEST
  atomic {
    if :: !used[my] -> goto abort_lost :: else fi;
    live?<b>;
    if :: b != my -> goto abort :: else fi          /* an older live lock */
  };
  CRASH(crashed);
#endif
query_previous:                                     /* Step 3, a call under the budget */
#ifndef NO_QUERY_PREVIOUS
  atomic {
    t = BUDGET(my);
    if :: t == 0 -> goto no_budget :: else fi;
    call_start(t); t = 0
  };
  if
  :: atomic { call_end(); if :: tp_done -> goto record_decision :: else fi }  /* answer */
  :: atomic { FAULT -> faults++; call_end();                                 /* error */
#ifdef QUERY_ERROR_AS_EMPTY
       goto recheck_lock
#else
       goto mark_finished
#endif
     }
  :: atomic { cleft[_pid] == 0 && FAULT -> faults++; call_end() }; goto query_timed_out
  fi;
  CRASH(crashed);
#endif
recheck_lock:                                       /* Step 4: re-check, then call */
  atomic {
    if :: !used[my] -> goto abort_lost :: else fi;  /* own lock expired */
#ifdef DEADLINE_AT_START_ONLY
    if :: late -> goto expire :: else fi;
#else
    if :: past -> goto expire :: else fi;           /* no call after the deadline */
#endif
    t = BUDGET(my);
    if :: t == 0 -> goto no_budget :: else fi;
#ifndef LONG_PAUSE
    call_start(t); pend++; t = 0
#endif
  };
#ifdef LONG_PAUSE
  /* a pause here, longer than the grace period: the clock may tick before the request leaves */
  atomic { call_start(t); pend++; t = 0 };
#endif
call:
  if
  :: atomic { call_end(); pend--; land() }                               /* success (any result) */
  :: atomic { FAULT -> faults++; call_end(); pend-- }; goto mark_finished  /* error: nothing done */
  :: atomic { FAULT -> faults++; call_end(); pend--; land() }; goto mark_finished /* response lost */
  :: atomic { cleft[_pid] == 0 && FAULT -> faults++; fly_start() }; goto timed_out /* timeout */
  fi;
  CRASH(crashed);
record_decision:                                    /* Step 5 */
  record(RESULT, won);
  goto done;

expire:             /* the deadline passed and nothing may have happened: expiry mapping */
  record_expiry();
  atomic { release(my) };
  goto done;

mark_finished:      /* the call returned a fault: the next attempt need not wait for expiry */
  atomic { release(my); leave() };
  goto backoff;
query_timed_out:    /* leave the lock to expire, as after any timeout */
  atomic { leave() };
  goto backoff;
timed_out:
#ifdef FINISH_ON_TIMEOUT
  atomic { release(my) };
#endif
in_flight:          /* the interrupted request lands within the grace period, or never */
  if
  :: atomic { fly_end(); pend--; land() }
  :: atomic { fly_end(); pend-- }
  fi;
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
  /* rescheduled for when the blocking lock expires (or is finished) */
  atomic { (decision != NONE || left[b] == 0); b = 0 };
  goto start;
no_budget:          /* abort without outcome, rescheduled at the own lock's expiry */
  atomic { b = my; leave() };
  atomic { (decision != NONE || left[b] == 0); b = 0 };
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

#include "clock.pml"

#ifdef LTL_L1
ltl L1 { <> (decision != NONE) }
#endif
