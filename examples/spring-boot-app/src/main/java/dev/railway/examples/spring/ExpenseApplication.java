package dev.railway.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Expense approvals in a Spring Boot application. Nothing here wires Railway: the starter finds the
 * workflow bean, keeps instances in {@code railway.db} (or in the application's PostgreSQL, given a
 * {@code spring.datasource.url}), serves the approval ToDo under {@code /railway/todos} to the
 * users Spring Security authenticates, and publishes each outcome as an application event.
 *
 * <pre>
 * ./mvnw -pl examples/spring-boot-app -am install -DskipTests
 * java -jar ... or: ./mvnw -pl examples/spring-boot-app spring-boot:run
 * curl -u erin:erin-pw -H 'Content-Type: application/json' \
 *   -d '{"id":"e-1","employee":"erin","cents":4200}' localhost:8080/expenses
 * curl -u mona:mona-pw localhost:8080/railway/todos/expenses/approvals
 * curl -u mona:mona-pw -H 'Content-Type: application/json' \
 *   -d '{"approve":true,"note":"ok"}' localhost:8080/railway/todos/expenses/approvals/approve-e-1
 * </pre>
 */
@SpringBootApplication
public class ExpenseApplication {
  public static void main(String[] args) {
    SpringApplication.run(ExpenseApplication.class, args);
  }
}
