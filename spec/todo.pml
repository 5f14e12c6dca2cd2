/*
 * ToDo decision (DESIGN.md §5) and trigger de-duplication (§4), checked against I1, the
 * parts of I2 a single task can show (one instance per accepted trigger, the ToDo is
 * open until it is decided) and L1 (an instance reaches an outcome or an open ToDo).
 * Java: railway-core/src/main/java/dev/railway/engine/TodoInbox.java (complete a ToDo),
 *       the store's recordDecision (unique constraint on the task id).
 *
 * Two deliveries of the same trigger event race to start the instance; NW endpoints
 * receive commands for the ToDo at once, each from an authorised principal or not,
 * with data that satisfies the contract or not; a query endpoint reads the read model;
 * an expiry timer races with them (unless -DCANNOT_EXPIRE). Any handler may crash at
 * any step; the sender retries (a crashed trigger delivery is redelivered).
 *
 * Mutants: NO_UNIQUE (I1), NO_TRIGGER_DEDUPE (one instance), NO_ACCESS_CHECK and
 *          NO_CONTRACT_CHECK (only authorised, valid commands decide; reads authorised)
 */
#include "common.pml"

bool trigger_seen = false;      /* processed trigger event ids (unique) */
byte instances = 0;             /* ghost: instances started */
bool read_model = false;        /* stored on entry to the ToDo */
bool todo_open = false;         /* the ToDo is open (read model of open ToDos) */
bool bad_decision = false;      /* ghost: a decision came from a rejected command */
bool leaked = false;            /* ghost: a read model went to an unauthorised caller */
byte delivered = 0;
hidden byte won;

active [2] proctype TriggerDelivery() {
start:
accept_trigger:                 /* de-duplicate by event id, start the instance and enter */
  atomic {                      /* the ToDo (build and store its read model), one commit */
#ifndef NO_TRIGGER_DEDUPE
    if :: trigger_seen -> goto acked :: else fi;
#endif
    trigger_seen = true; instances++; read_model = true; todo_open = true;
    assert(instances <= 1)
  };
  CRASH(start);                 /* crash before the ack: redelivered */
acked:
  delivered++
}

active [NW] proctype Endpoint() {
  bool authorised = false, valid = false;
start:
  atomic { if :: decision != NONE -> goto already_decided :: else fi };
  /* Everything before record_decision is local to the handler, so a crash anywhere in it
     is the same as a crash just before record_decision (one crash point stands for all). */
receive_command:
  atomic {
    todo_open || decision != NONE;               /* commands address an existing ToDo */
    if                                           /* who sends what */
    :: authorised = true;  valid = true
    :: authorised = false; valid = true
    :: authorised = true;  valid = false
    fi;
authenticate_and_access_rule:                    /* access rule(principal, read model) */
#ifndef NO_ACCESS_CHECK
    if :: !authorised -> goto rejected :: else fi;
#endif
validate_contract:
#ifndef NO_CONTRACT_CHECK
    if :: !valid -> goto rejected :: else fi;
#endif
decide:                                          /* decide(readModel, data), nothing else */
    assert(read_model)
  };
  CRASH(crashed);
record_decision:                                 /* first wins; closes the ToDo, same commit */
  atomic {
    record(COMMAND, won);
    if
    :: won -> todo_open = false; bad_decision = bad_decision || !authorised || !valid
    :: else
    fi;
    assert(!bad_decision)
  };
  CRASH(crashed);                                /* the reply is lost: the sender retries */
  if :: won -> goto done :: else fi;             /* reply: decided */
already_decided:                                 /* reply: "already decided" */
  assert(decision != NONE && !todo_open);
  goto done;
rejected:                                        /* reply: forbidden / invalid data */
  goto done;
crashed:
  atomic { authorised = false; valid = false; won = 0 };
  goto start;
done:
  skip
}

active proctype QueryEndpoint() {                /* read models to authorised callers only */
  bool authorised;
  atomic {
    read_model;
    if :: authorised = true :: authorised = false fi;
#ifndef NO_ACCESS_CHECK
    if :: authorised -> skip :: else -> goto end_q fi;
#endif
    leaked = !authorised;
    assert(!leaked)
  };
end_q:
  skip
}

#ifndef CANNOT_EXPIRE
active proctype Expiry() {                        /* expiry maps to a transition */
end_expiry:
  atomic { todo_open -> record(EXPIRY, won); if :: won -> todo_open = false :: else fi }
}
#endif

/* When both deliveries are done, exactly one instance exists. */
active proctype OneInstance() {
  (delivered == 2) -> assert(instances == 1 && read_model)
}

#ifdef LTL_L1
ltl L1 { <> (decision != NONE || todo_open) }
#endif
