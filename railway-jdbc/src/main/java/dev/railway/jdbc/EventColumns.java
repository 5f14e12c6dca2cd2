package dev.railway.jdbc;

import dev.railway.store.SerializedEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** A {@link SerializedEvent} kept as two columns, {@code <name>_type} and {@code <name>_json}. */
final class EventColumns {
  private EventColumns() {}

  /** Binds the type at {@code index} and the JSON at {@code index + 1}; null binds two nulls. */
  static void bind(PreparedStatement statement, int index, SerializedEvent event)
      throws SQLException {
    if (event == null) {
      statement.setNull(index, Types.VARCHAR);
      statement.setNull(index + 1, Types.VARCHAR);
    } else {
      statement.setString(index, event.type());
      statement.setString(index + 1, event.json());
    }
  }

  static SerializedEvent read(ResultSet row, String name) throws SQLException {
    String type = row.getString(name + "_type");
    return type == null ? null : new SerializedEvent(type, row.getString(name + "_json"));
  }
}
