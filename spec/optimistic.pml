/*
 * OptimisticLock (DESIGN.md §5), checked against I1, I5 and L1 (§6), with time.
 * Java: railway-core/src/main/java/dev/railway/engine/OptimisticLockAlgorithm.java
 *
 * The third party keeps first steps (queryable by task-id metadata, in creation order),
 * completes a pending first step with the second step, and `undo` cancels a first step --
 * also one whose second step completed (a confirmed action), as many real APIs do.
 * `live` is what firstSteps(event, taskId) returns minus the steps of attempts whose lock
 * expired or finished. A lock expires by the clock of time.pml, TTL ticks after its write.
 * The second step runs under the budget rule (own lock and deadline re-checked atomically
 * with the call start); the first step, the queries and undo are not timed.
 *
 * Deadline: no first or second step starts after it. An attempt that finds it passed
 * waits while any live lock exists, then asks `completed`: found -> decide with it, else
 * the expiry mapping; either way it undoes the pending first steps of ended attempts.
 *
 * Properties (assertions):
 *   I1   at most one decision                                             (common.pml)
 *   I5a  second steps completed <= 1
 *   I5b  every attempt that lost (and did not crash) has undone its first step when it
 *        ends -- also a first step whose own response was lost (found by firstSteps)
 *   I5c  a confirmed second step is never undone
 *   EXP  an expiry never contradicts an effect that may have happened
 * A crashed loser's first step, and one whose firstSteps query failed, is left to the
 * third party's own expiry of first steps (counted in `orphans`); so is the first step of
 * an attempt whose second step timed out or lost its response and did not complete.
 *
 * Variants:  LTL_L1, TODAY (today's engine: NO_RECHECK + EXPIRY_FIRST + UNDO_AFTER_UNKNOWN
 *            + NO_ORPHAN_UNDO; expected failure)
 * Mutants:   NO_CHECK_OLDEST, NO_CHECK_COMPLETED (I5a), NO_UNDO (I5b),
 *            NO_RECHECK (hole 1: second step with the full timeout, no re-check: I5a),
 *            EXPIRY_FIRST (hole 2: expiry before looking at locks and `completed`: EXP),
 *            UNDO_AFTER_UNKNOWN (hole 4: undo after a second step that timed out or lost
 *            its response: I5c), NO_ORPHAN_UNDO (hole 4: a first step whose response was
 *            lost is never looked for: I5b)
 */
#ifdef TODAY
#define NO_RECHECK
#define EXPIRY_FIRST
#define UNDO_AFTER_UNKNOWN
#define NO_ORPHAN_UNDO
#endif
#define K 8
#include "common.pml"
#include "time.pml"


#define PENDING   1
#define UNDONE    2
#define COMPLETED 3
#define CANCELLED 4             /* a completed step undone: the confirmed action revoked */
chan live = [K] of { byte };
bool used[K];                   /* the first step is in `live` (its attempt's lock is live) */
bool alive[K];                  /* its attempt may still act */
byte fs[K];                     /* state of the first step at the third party */
byte completer = K;             /* the first step completed by a second step (K: none) */
byte seconds = 0;               /* confirmed second steps */
byte pend = 0;                  /* ghost: second-step requests that may still land */
byte orphans = 0;               /* ghost: first steps left pending (crash, failed query) */
hidden byte won;

inline lock_expired(s) { if :: used[s] -> live??eval(s); used[s] = false :: else fi }
inline release(s) { if :: s < K && used[s] -> live??eval(s); used[s] = false; left[s] = 0 :: else fi }
inline leave() { if :: my < K -> alive[my] = false; held[my] = false; my = K :: else fi }
inline complete(s) {            /* the third party performs the second step */
  if
  :: fs[s] == PENDING -> fs[s] = COMPLETED; completer = s; seconds++
  :: else
  fi;
  assert(seconds <= 1);         /* I5a */
  assert(decision != EXPIRY)    /* EXP: nothing completes after an expiry */
}
inline undo_step(s) {
#ifndef NO_UNDO
  if
  :: fs[s] == PENDING -> fs[s] = UNDONE
  :: fs[s] == COMPLETED ->
     assert(fs[s] != COMPLETED);                    /* I5c: never undo a confirmed step */
     fs[s] = CANCELLED
  :: else
  fi
#else
  skip
#endif
}
inline undo_own() { undo_step(my) }
/* I5b: a losing attempt never ends with its first step pending. */
#define LOSER_UNDONE assert(my == K || fs[my] != PENDING)

active [NW] proctype Worker() {
  byte my = K, b = 0, t = 0;
start:
  atomic {                                          /* the runner's checks */
    assert(_pid < NW);
    if :: decision != NONE -> goto done :: else fi;
#ifdef EXPIRY_FIRST
    if :: past -> goto expire :: else fi;           /* the deadline before any lock */
#else
    if :: past -> goto late :: else fi;             /* no new first step after the deadline */
#endif
  };
first_step:                                         /* own lock, then Step 1 */
  if
  :: atomic { FAULT -> faults++ }; goto backoff     /* error: no first step made */
  :: atomic {
       my = 0;
       do :: my < K && (used[my] || alive[my] || my == completer) -> my++ :: else -> break od;
       assert(my < K);
       fs[my] = PENDING; live!my; used[my] = true; alive[my] = true; held[my] = true;
       left[my] = TTL;
       if :: FAULT -> faults++; goto orphan :: true fi   /* made, but the response was lost */
     }
  fi;
  CRASH(crashed);
check_oldest:                                       /* Step 2 */
#ifndef NO_CHECK_OLDEST
  atomic {
    if :: !used[my] -> goto lose :: else fi;
    live?<b>;
    if :: b != my -> goto lose :: else fi
  };
  CRASH(crashed);
#endif
check_completed:                                    /* Step 3, a query that may fail */
#ifndef NO_CHECK_COMPLETED
  if
  :: atomic { completer != K -> b = completer; goto completed_exists }
  :: atomic { completer == K }
  :: atomic { FAULT -> faults++ }; goto second_step_failed   /* error: nothing done yet */
  fi;
  CRASH(crashed);
#endif
second_step:                                        /* Step 4: re-check, then call */
  atomic {
#ifndef NO_RECHECK
    if :: !used[my] -> goto lose :: else fi;        /* own lock expired: a loser now */
    if :: past -> goto lose :: else fi;             /* no second step after the deadline */
    t = BUDGET(my);
    if :: t == 0 -> goto lose :: else fi;           /* no budget: undo own, abort */
    call_start(t);
#else
    call_start(TMO);                                /* today: full timeout, no re-check */
#endif
    t = 0; pend++
  };
  if
  :: atomic { call_end(); pend--; complete(my) }                          /* result */
  :: atomic { FAULT -> faults++; call_end(); pend-- }; goto second_step_failed /* nothing done */
  :: atomic { FAULT -> faults++; call_end(); pend--; complete(my) }; goto second_unknown /* lost */
  :: atomic { cleft[_pid] == 0 && FAULT -> faults++; fly_start() }; goto timed_out  /* timeout */
  fi;
  CRASH(crashed);
record_decision:                                    /* Step 5 */
  atomic { release(my) };                           /* mark own lock finished */
  record(RESULT, won);
  goto done;

completed_exists:   /* Step 3: a completed second step exists: undo own first step */
  atomic { undo_own() };
  CRASH(crashed);
  if
  :: atomic { !used[b] -> LOSER_UNDONE; release(my); leave() };
     record(RESULT, won); goto done        /* its attempt ended: its result decides */
  :: atomic { used[b] -> LOSER_UNDONE; release(my); leave() };
     atomic { (decision != NONE || !used[b]); b = 0 };   /* else abort: its owner records */
     goto start
  fi;
timed_out:          /* the request lands within the grace, or never */
  if
  :: atomic { fly_end(); pend--; complete(my) }
  :: atomic { fly_end(); pend-- }
  fi;
second_unknown:     /* it may have completed: never undo; the next `completed` decides */
#ifdef UNDO_AFTER_UNKNOWN
  atomic { undo_own() };
#endif
  atomic {
    if :: my < K && fs[my] == PENDING -> orphans++ :: else fi;
    leave()                                         /* the lock is left to expire */
  };
  goto backoff;
second_step_failed:
  atomic { undo_own() };                            /* nothing was done: undo is safe */
  atomic { LOSER_UNDONE; release(my); leave() };
  goto backoff;
orphan:             /* own first step made, its response lost: look for it by task id */
#ifndef NO_ORPHAN_UNDO
  if
  :: atomic { undo_own() }                          /* firstSteps found it: undo */
  :: atomic { FAULT -> faults++; orphans++; leave() }; goto backoff /* the query failed */
  fi;
#endif
  atomic { LOSER_UNDONE; release(my); leave() };
backoff:
  if
  :: record(FAULTMAP, won); goto done
  :: goto start
  fi;
lose:               /* Step 2 lost (or no budget / own lock expired): undo own, abort */
  atomic { undo_own() };
  atomic { LOSER_UNDONE; release(my); leave() };
  atomic { (decision != NONE || !used[b]); b = 0 };
  goto start;

late:               /* past the deadline: wait while a live lock exists, then `completed` */
  atomic {
    decision != NONE || !(used[0] || used[1] || used[2] || used[3] ||
                          used[4] || used[5] || used[6] || used[7])
  };
  if
  :: atomic { FAULT -> faults++ }; goto backoff     /* the query failed */
  :: atomic {
       if :: decision != NONE -> goto done :: else fi;
       /* undo the pending first steps of ended attempts (losers and orphans) */
       b = 0;
       do
       :: b < K -> if :: fs[b] == PENDING && !alive[b] -> undo_step(b) :: else fi; b++
       :: else -> break
       od;
       b = 0;
       if :: completer != K -> goto decide_completed :: else -> goto expire fi
     }
  fi;
decide_completed:
  record(RESULT, won);
  goto done;
expire:             /* the expiry mapping: nothing may have happened */
  atomic { assert(seconds + pend == 0); record(EXPIRY, won) };
  goto done;

crashed:
  atomic {
    if :: my < K && fs[my] == PENDING -> orphans++ :: else fi;
    leave(); b = 0
  };
  goto start;
done:
  atomic { leave() }
}

#include "clock.pml"

#ifdef LTL_L1
ltl L1 { <> (decision != NONE) }
#endif
