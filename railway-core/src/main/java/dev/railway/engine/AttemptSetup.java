package dev.railway.engine;

/**
 * How the attempts of one engine run: where third-party calls go and how they are timed, who sees
 * each step boundary, which integration algorithms run, and which time source spends an attempt's
 * budget. Production has one setup; a test or simulation substitutes the parts it must control.
 */
record AttemptSetup(CallGuard guard, StepListener steps, Algorithms algorithms, Ticker ticker) {}
