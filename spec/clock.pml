/*
 * The clock of time.pml: ticks and the deadline. Include at the end of a model.
 * Once the task is decided time stops: what is still running ends without it (a call
 * answers, a request lands or not) and no property depends on later ticks, which keeps
 * the state space small.
 */
active proctype Clock() {
  byte s = 0;
end_clock:
  do
  :: d_step {
       TICK_OK && decision == NONE && (slow < MAXSLOW || !SLOWS) ->
       if :: SLOWS -> slow++ :: else fi;
#ifdef LTL_L1
       if :: incall[0] || incall[1] || incall[2] -> faults++ :: else fi;
#endif
       s = 0;
       do
       :: s < K ->
          if :: left[s] > 0 -> left[s]--; if :: left[s] == 0 -> lock_expired(s) :: else fi
             :: else fi;
          s++
       :: else -> break
       od;
       s = 0;
       do
       :: s < MAXW ->
          if :: incall[s] && cleft[s] > 0 -> cleft[s]-- :: else fi;
          if :: inflight[s] && fly[s] > 0 -> fly[s]-- :: else fi;
          s++
       :: else -> break
       od;
       s = 0
     }
#ifndef NO_DEADLINE
  :: atomic { !past && decision == NONE -> past = true }            /* the deadline passes */
#endif
  od
}
