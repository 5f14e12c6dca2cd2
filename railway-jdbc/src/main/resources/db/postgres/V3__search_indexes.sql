-- Indexes for people's queries (the console's instance search, live counts, attention list), so
-- that none of them scans every instance: an instance search walks one workflow's instances
-- backwards by seq from its cursor (optionally of one outcome type: RUNNING instances have none),
-- and the other filters are driven from the open tasks or the doubtful decisions.
-- Each costs one index write per row on the hot path: measured in docs/PERFORMANCE.md.
CREATE INDEX instances_by_workflow ON instances (workflow, seq);
CREATE INDEX instances_by_outcome ON instances (workflow, outcome_type, seq);
CREATE INDEX tasks_open_by_name ON tasks (workflow, task_name, seq) WHERE decided = 0;
CREATE INDEX tasks_open_deadlines ON tasks (deadline_at_ns, seq) WHERE decided = 0 AND todo = 1;
CREATE INDEX decisions_by_time ON decisions (decided_at_ns);
CREATE INDEX decisions_doubtful ON decisions (seq) WHERE cause IN ('POSSIBLE_FAILURE', 'FAULT');
