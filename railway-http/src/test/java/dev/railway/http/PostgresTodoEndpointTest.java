package dev.railway.http;

class PostgresTodoEndpointTest extends TodoEndpointContract {
  @Override
  HttpHarness harness(long maxBodyBytes) {
    return new HttpHarness(TestPostgres.store(), maxBodyBytes) {};
  }
}
