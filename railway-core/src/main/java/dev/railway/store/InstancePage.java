package dev.railway.store;

import java.util.List;

/**
 * One page of a {@link InstanceQuery}, newest first.
 *
 * @param next the cursor of the following page ({@link InstanceQuery#before}), or null on the last
 */
public record InstancePage(List<InstanceRecord> items, Long next) {
  public InstancePage {
    items = List.copyOf(items);
  }
}
