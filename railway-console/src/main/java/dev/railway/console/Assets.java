package dev.railway.console;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The console's static files, all from this jar: its stylesheet and script, and Mermaid's one-file
 * bundle from the pinned {@code org.webjars.npm:mermaid} webjar. Nothing is fetched at run time.
 */
final class Assets {
  private static final String MERMAID_POM = "META-INF/maven/org.webjars.npm/mermaid/pom.properties";

  private static final Map<String, Asset> ASSETS =
      Map.of(
          "console.css",
          load("dev/railway/console/console.css", "text/css; charset=utf-8"),
          "console.js",
          load("dev/railway/console/console.js", "text/javascript; charset=utf-8"),
          "mermaid.min.js",
          load(
              "META-INF/resources/webjars/mermaid/" + mermaidVersion() + "/dist/mermaid.min.js",
              "text/javascript; charset=utf-8"));

  private record Asset(byte[] bytes, String type) {}

  private Assets() {}

  static void serve(Context ctx) {
    Asset a = ASSETS.get(ctx.pathParam("name"));
    if (a == null) {
      ctx.status(404).contentType("text/plain").result("no asset " + ctx.pathParam("name"));
      return;
    }
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Cache-Control", "public, max-age=3600");
    ctx.contentType(a.type()).result(a.bytes());
  }

  /** The bundled Mermaid version, from the webjar's own record of it. */
  static String mermaidVersion() {
    try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(MERMAID_POM)) {
      if (in == null) {
        throw new IllegalStateException(
            MERMAID_POM + " is not on the class path; the console needs the mermaid webjar");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + MERMAID_POM, e);
    }
  }

  private static Asset load(String resource, String type) {
    try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the class path");
      }
      return new Asset(in.readAllBytes(), type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
