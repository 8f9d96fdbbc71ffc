-- One actor's page merges the newest keys of events_actor1_order and
-- events_actor2_order (plan.go mergedSQL); the second skips the events that
-- have the actor as actor1 too, which it can tell from the index alone.
DROP INDEX IF EXISTS events_actor2_order;
CREATE INDEX events_actor2_order ON events (actor2, date_lo DESC, id) INCLUDE (actor1);
