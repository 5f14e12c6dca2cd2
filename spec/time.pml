/*
 * Time for the lock-based models (pessimistic, optimistic, blackboxed). Include after
 * common.pml, once K (lock slots) is defined; include clock.pml at the end of the model,
 * after its Worker proctype (workers get _pid 0..NW-1) and its `lock_expired(s)` hook.
 *
 * The `Clock` process advances time in ticks, independently of the workers' progress:
 * a tick may fall between any two steps of a worker and while it is inside a call. Each
 * tick brings every lock one tick closer to its expiry (store clock), every running call
 * one tick closer to its timeout and every interrupted request one tick closer to the end
 * of its grace. A lock lives TTL = TMO + GRACE ticks from its write; at 0 it has expired.
 *
 * Urgency: a tick cannot pass a running call's timeout or an interrupted request's grace
 * (the call times out, the request lands or is lost, first). That is what "bounded by the
 * timeout" means; nothing else waits for a worker.
 *
 * The budget rule (DESIGN.md §4): a lock-protected call gets the timeout
 * min(TMO, left - GRACE) ticks, where left is what remains of the caller's own lock; with
 * no budget the call does not start. The one residual assumption -- no pause longer than
 * the grace between the re-check of the own lock and the request leaving -- is the
 * atomic block around the re-check and the call start (-DLONG_PAUSE drops it).
 *
 * The deadline: the Clock may let the task's deadline pass at any moment (once).
 */
#ifndef TMO
#define TMO 2                   /* attempt timeout, in ticks */
#endif
#ifndef GRACE
#define GRACE 1                 /* lock grace, in ticks */
#endif
#define TTL (TMO + GRACE)       /* a lock lives the attempt timeout plus the grace */
#define MAXW 3                  /* array size for per-worker clocks (NW <= MAXW) */

bool past = false;              /* the task's deadline has passed (sticky) */
byte left[K];                   /* ticks until the lock in slot s expires; 0: expired or gone */
byte cleft[MAXW];               /* ticks until the running call of worker w times out */
bool incall[MAXW];
byte fly[MAXW];                 /* whole ticks left for worker w's interrupted request to land:
                                   GRACE - 1, so that it lands strictly before the grace ends */
bool inflight[MAXW];

/* The budget of the next call under lock s: ticks to its expiry minus the grace. */
#ifdef FULL_TIMEOUT
#define BUDGET(s) (TMO)         /* today's engine: every call gets the full attempt timeout */
#else
#define BUDGET(s) (left[s] > GRACE -> left[s] - GRACE : 0)
#endif

#ifndef LTL_L1
#define URGENT(w) ((incall[w] && cleft[w] == 0) || (inflight[w] && fly[w] == 0))
#else
/* L1 holds once faults stop: a call slow enough for a tick is a fault (it costs the fault
   budget, see clock.pml); once the budget is spent, calls answer before the next tick. */
#define URGENT(w) ((incall[w] && (cleft[w] == 0 || faults >= MAXFAULT)) || (inflight[w] && fly[w] == 0))
#endif
#define TICK_OK (!URGENT(0) && !URGENT(1) && !URGENT(2))

/*
 * Slowness: a tick that takes the last budget of a lock whose owner is between two steps
 * (not inside a call, not waiting) means the owner was slower than its lock -- a long store
 * round trip or a pause. The run has MAXSLOW of those, like crashes and faults, so that they
 * stop (L1) and the state space stays finite. Ticks while the owner is inside a call cost
 * nothing: they are bounded by the call's timeout.
 */
#ifndef MAXSLOW
#define MAXSLOW 1
#endif
byte slow = 0;
bool held[K];                   /* the lock's owner is between steps of its attempt */
#define SL(s) (held[s] && left[s] > 0 && left[s] <= GRACE + 1)   /* into or through the grace */
#define SLOWS (SL(0) || SL(1) || SL(2) || SL(3) || SL(4) || SL(5) || SL(6) || SL(7))

/* Enter a call with `t` ticks of timeout; leave it (response, error or timeout).
   `my` is the caller's lock slot in every model. */
inline call_start(t) { incall[_pid] = true; cleft[_pid] = t; held[my] = false }
inline call_end() { incall[_pid] = false; cleft[_pid] = 0; held[my] = true }
/* The caller stopped waiting; the request may still land within the grace. */
inline fly_start() { call_end(); held[my] = false; inflight[_pid] = true; fly[_pid] = GRACE - 1 }
inline fly_end() { inflight[_pid] = false; fly[_pid] = 0; held[my] = true }
