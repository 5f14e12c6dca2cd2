package dev.railway.examples.orders;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The invoicing service: it creates invoices carrying our reference and finds them by it, but
 * cannot cancel one.
 */
public interface InvoicingApi {

  /** Creates an invoice for the order, tagged with {@code reference}. */
  Invoice create(String reference, Order order) throws Exception;

  /** The invoice created with {@code reference}, if any. */
  Optional<Invoice> findByReference(String reference) throws Exception;

  /** An issued invoice. */
  record Invoice(String number, String reference, BigDecimal amount) {}
}
