/*
 * Shared by every model: parameters, the decision store and the crash/fault budgets.
 * See docs/VERIFICATION.md for what is assumed and what is proved.
 */
#ifndef NW
#define NW 3            /* workers running the same task identifier at once (duplicates, redeliveries) */
#endif
#ifndef MAXCRASH
#define MAXCRASH 2      /* crashes in a run; each crashed worker restarts (redelivery of the due task) */
#endif
#ifndef MAXFAULT
#define MAXFAULT 2      /* third-party faults in a run; bounded so that "faults stop" (L1) */
#endif

/* Decision values: which transition the task took. */
#define NONE      0
#define RESULT    1     /* decide(event, result of the action) */
#define FAULTMAP  2     /* backoff gave up -> fault mapping */
#define UNCERTAIN 3     /* BlackBoxed: uncertainty mapping of a possible failure */
#define REVIEW    4     /* BlackBoxed HumanReview: transition to a ToDo */
#define EXPIRY    5     /* expiry mapping (stillNeeded false / ToDo expired) */
#define COMMAND   6     /* ToDo: decide(readModel, data) of a command */

byte decision = NONE;   /* the decision row for the task id (at most one: I1) */
byte ndecisions = 0;    /* ghost: how many decisions were ever recorded */
byte crashes = 0;
byte faults = 0;

/*
 * record_decision: the store's unique constraint on the task id, i.e. an atomic
 * test-and-set. The loser of the race discards its result (won = false).
 * Mutant NO_UNIQUE: the check is "done in Java" instead, i.e. not at all atomically.
 */
inline record(v, won) {
  atomic {
#ifdef NO_UNIQUE
    decision = v; ndecisions++; won = true;
#else
    if
    :: decision == NONE -> decision = v; ndecisions++; won = true
    :: else -> won = false
    fi;
#endif
    assert(ndecisions <= 1)   /* I1 */
  }
}

/* A crash may happen here (while the budget lasts): all local state is lost and the
   task is redelivered, i.e. the worker restarts at its first step. */
#define CRASH(l)  if :: crashes < MAXCRASH -> crashes++; goto l :: true fi
#define FAULT     (faults < MAXFAULT)
