package dev.railway.http;

import dev.railway.jdbc.PostgresStore;

class PostgresTodoEndpointTest extends TodoEndpointContract {
  @Override
  HttpHarness harness(long maxBodyBytes) {
    PostgresStore pg = TestPostgres.store();
    return new HttpHarness(pg, maxBodyBytes) {
      @Override
      public void close() {
        super.close();
        TestPostgres.dropSchema(pg.schema());
      }
    };
  }
}
