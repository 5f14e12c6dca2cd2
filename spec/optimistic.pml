/*
 * OptimisticLock (DESIGN.md §5), checked against I1, I5 and L1 (§6).
 * Java: railway-core/src/main/java/dev/railway/engine/OptimisticLockAlgorithm.java
 *
 * The third party keeps first steps (queryable by task-id metadata, in creation order),
 * completes a pending first step with the second step, and undo cancels a first step
 * that is still pending (a completed one cannot be undone). `live` is what
 * firstSteps(event, taskId) returns minus the steps of expired attempts, as in
 * pessimistic.pml; an attempt's expiry follows the same pause assumption.
 *
 * I5: second steps completed <= 1, and every first step whose attempt lost (and did not
 * crash) has been undone when that attempt ends. A crashed loser's first step is left to
 * the third party's own expiry of first steps (counted in `orphans`).
 *
 * Variants:  LTL_L1
 * Mutants:   NO_CHECK_OLDEST, NO_CHECK_COMPLETED (second steps <= 1 must fail),
 *            NO_UNDO (losing first steps undone must fail)
 */
#include "common.pml"

#define K 8
#define PENDING   1
#define UNDONE    2
#define COMPLETED 3
chan live = [K] of { byte };
bool used[K];                   /* the first step is in `live` */
bool alive[K];                  /* its attempt may still act */
byte fs[K];                     /* state of the first step at the third party */
byte completer = K;             /* the first step completed by a second step (K: none) */
byte seconds = 0;               /* confirmed second steps */
byte orphans = 0;               /* ghost: first steps left pending by a crash */
bool completer_expired = false; /* someone saw the completer's attempt expired (sticky) */
hidden byte won;

inline expire(s) { live??eval(s); used[s] = false }
inline release(s) { if :: used[s] -> expire(s) :: else fi }
inline leave() { if :: my < K -> alive[my] = false; my = K :: else fi }
inline complete(s) {            /* the third party performs the second step */
  if
  :: fs[s] == PENDING -> fs[s] = COMPLETED; completer = s; seconds++
  :: else
  fi;
  assert(seconds <= 1)          /* I5, first half */
}
inline undo_own() {
#ifndef NO_UNDO
  if :: fs[my] == PENDING -> fs[my] = UNDONE :: else fi
#else
  skip
#endif
}
/* I5, second half: a losing attempt never ends with its first step pending. */
#define LOSER_UNDONE assert(my == K || fs[my] != PENDING)

active [NW] proctype Worker() {
  byte my = K, b = 0;
start:
first_step:                                         /* Step 1 */
  if
  :: atomic { FAULT -> faults++ }; goto backoff     /* error: no first step made */
  :: atomic {
       if :: decision != NONE -> goto done :: else fi;
       my = 0;
       do :: my < K && (used[my] || alive[my] || my == completer) -> my++ :: else -> break od;
       assert(my < K);
       fs[my] = PENDING; live!my; used[my] = true; alive[my] = true
     }
  fi;
  CRASH(crashed);
check_oldest:                                       /* Step 2 */
#ifndef NO_CHECK_OLDEST
  atomic {
    do
    :: !used[my] -> goto lose
    :: else ->
       live?<b>;
       if
       :: b == my -> break
       :: else -> if :: !alive[b] -> expire(b) :: true -> goto lose fi
       fi
    od
  };
  CRASH(crashed);
#endif
check_completed:                                    /* Step 3 */
#ifndef NO_CHECK_COMPLETED
  atomic { if :: completer != K -> b = completer; goto completed_exists :: else fi };
  CRASH(crashed);
#endif
second_step:                                        /* Step 4 */
  if
  :: atomic { complete(my) }                                      /* result */
  :: atomic { FAULT -> faults++ }; goto second_step_failed        /* error: nothing done */
  :: atomic { FAULT -> faults++; complete(my) }; goto second_step_failed /* response lost */
  :: atomic { FAULT -> faults++ }; goto timed_out                 /* timeout */
  fi;
  CRASH(crashed);
record_decision:                                    /* Step 5 */
  record(RESULT, won);
  goto done;

completed_exists:   /* Step 3: a completed second step exists: undo own first step */
  atomic { undo_own() };
  CRASH(crashed);
  if
  :: atomic { !alive[b] -> completer_expired = true; LOSER_UNDONE; release(my); leave() };
     record(RESULT, won); goto done        /* the completer expired: its result decides */
  :: atomic { !completer_expired -> LOSER_UNDONE; release(my); leave() };
     atomic {                              /* else abort: its owner will record it */
       (decision != NONE || !alive[b]);
       if :: !alive[b] -> completer_expired = true :: else fi;
       b = 0
     };
     goto start
  fi;
timed_out:
  if :: atomic { complete(my) } :: skip fi;         /* the request lands in the grace, or never */
second_step_failed:
  atomic { undo_own() };                            /* a completed first step stays completed */
  atomic { LOSER_UNDONE; release(my); leave() };
backoff:
  if
  :: record(FAULTMAP, won); goto done
  :: goto start
  fi;
lose:               /* Step 2 lost: undo own, abort without outcome */
  atomic { undo_own() };
  atomic { LOSER_UNDONE; release(my); leave() };
  atomic {
    (decision != NONE || !used[b] || !alive[b]);
    if :: used[b] && !alive[b] -> expire(b) :: else fi;
    b = 0
  };
  goto start;
crashed:
  atomic {
    if :: my < K && fs[my] == PENDING -> orphans++ :: else fi;
    leave(); b = 0
  };
  goto start;
done:
  atomic { leave() }
}

#ifdef LTL_L1
ltl L1 { <> (decision != NONE) }
#endif
