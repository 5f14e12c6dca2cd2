/*
 * Outcome delivery (DESIGN.md §4 liveness, §6 L1): the outbox of finished instances,
 * delivered to listeners and chained workflows, with per-entry retry and parking.
 * Java: railway-core/src/main/java/dev/railway/engine/OutcomeDispatcher.java
 *
 * E entries wait in the outbox in order. A delivery pass visits every entry that is due:
 * delivered -> marked delivered; failed -> its own retry count grows and it backs off
 * (not due until the `Backoff` process makes it due again), or, after PARK failures, it
 * is parked (visible, never retried automatically). Entry 0 may be a poison entry whose
 * delivery always fails (-DPOISON); the others fail at most MAXFAULT times in a run.
 *
 * Properties:
 *   NB   (assertion, every pass) one bad entry blocks nothing: when a pass ends, every
 *        entry that is due and neither delivered nor parked failed in this pass
 *   L1   (-DLTL_L1, weak fairness) every entry is eventually delivered or parked, and
 *        every entry that is not poison is delivered
 * Mutants: BREAK (hole 3: the pass stops at the first failing entry, today's `break`: NB),
 *          NO_PARK (a poison entry is retried forever; harmless to the others, but never
 *          leaves the outbox: L1)
 */
#define E 3                     /* entries (Backoff and L1 name them one by one) */
#ifndef MAXFAULT
#define MAXFAULT 2
#endif
#ifndef PARK
#define PARK (MAXFAULT + 1)      /* failures before an entry is parked: more than the faults,
                                   so that only a poison entry is ever parked */
#endif

bool delivered[E];
bool parked[E];
bool due[E];                    /* not backing off */
byte tries[E];
bool tried[E];                  /* ghost: attempted in the current pass */
byte faults = 0;
byte i = 0;

#ifdef POISON
#define FAILS(e) (e == 0)
#else
#define FAILS(e) (false)
#endif

active proctype Dispatcher() {
  byte j = 0;
  atomic { j = 0; do :: j < E -> due[j] = true; j++ :: else -> break od; j = 0 };
end_idle:
  do
  :: atomic {                                       /* one pass */
       i = 0;
       do
       :: i < E ->
          if
          :: !delivered[i] && !parked[i] && due[i] ->
             tried[i] = true;
             if
             :: !FAILS(i) -> delivered[i] = true   /* listeners and chained starts returned */
             :: FAILS(i) || faults < MAXFAULT ->   /* a listener threw / a start failed */
                if :: !FAILS(i) -> faults++ :: else fi;
                tries[i]++;
                if
#ifndef NO_PARK
                :: tries[i] >= PARK -> parked[i] = true   /* parked: a metric, a log line */
#endif
                :: else -> due[i] = false                 /* backs off, alone */
                fi;
#ifdef BREAK
                break;                                    /* today: the pass stops here */
#endif
             fi
          :: else
          fi;
          i++
       :: else -> break
       od;
       /* NB: nothing due was left unvisited by this pass */
       j = 0;
       do
       :: j < E ->
#ifndef NOASSERT_NB
          assert(delivered[j] || parked[j] || !due[j] || tried[j]);
#endif
          tried[j] = false; j++
       :: else -> break
       od;
       i = 0; j = 0
     }
  od
}

active proctype Backoff() {                         /* a backing-off entry becomes due again */
end_backoff:
  do
  :: atomic { !due[0] -> due[0] = true }
  :: atomic { !due[1] -> due[1] = true }
  :: atomic { !due[2] -> due[2] = true }
  od
}

#ifdef LTL_L1
#ifdef POISON
ltl L1 { <> (parked[0] && delivered[1] && delivered[2]) }
#else
ltl L1 { <> (delivered[0] && delivered[1] && delivered[2]) }
#endif
#endif
