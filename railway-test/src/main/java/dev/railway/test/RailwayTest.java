package dev.railway.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives each test a {@link Railway}: a store (in memory, or a SQLite file in a temporary
 * directory), a {@link dev.railway.engine.testing.SettableClock} that moves only when the test
 * moves it, engines run by hand on them, and assertions on the path an instance took.
 *
 * <pre>{@code
 * @RailwayTest
 * class RefundsTest {
 *   @Test
 *   void aRefundIsPaid(Railway railway) {
 *     var engine = railway.engine(Refunds.workflow(api));
 *     engine.trigger(workflow, new RefundRequested(id, "p-1", TEN));
 *     railway.runUntilIdle();
 *     railway.assertThat("refund:" + id).wentThrough("refund-payment").endedWith(Refunded.class);
 *   }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RailwayExtension.class)
public @interface RailwayTest {
  /** Where the test's instances are kept (default: in memory). */
  StoreKind store() default StoreKind.MEMORY;

  /** The stores a test can run on. */
  enum StoreKind {
    /** {@link dev.railway.store.InMemoryStore}: fastest. */
    MEMORY,
    /** A SQLite file in a temporary directory, deleted after the test: the embedded store. */
    SQLITE
  }
}
