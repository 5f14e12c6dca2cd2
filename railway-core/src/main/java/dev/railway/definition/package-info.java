/**
 * The workflow definition API: workflows, tasks, the four integration kinds, transitions, retries,
 * fault mappings, expiry and compromises.
 *
 * <p>A definition is data: every event a task may emit and where it goes is declared up front, so
 * the graph can be validated and drawn without running user code. User lambdas only choose among
 * the declared events at run time.
 */
package dev.railway.definition;
