package dev.railway.examples.orders;

/** make-order: the order service recorded the order. */
public record OrderMade(Order order) implements OrderEvent {}
