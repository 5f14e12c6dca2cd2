/**
 * The testing entry point: an engine run by hand ({@link dev.railway.engine.testing.ManualEngine})
 * and a clock that moves only when moved ({@link dev.railway.engine.testing.SettableClock}). For
 * the tests of applications that use Railway, and for the simulator; production code never needs
 * this package.
 */
package dev.railway.engine.testing;
