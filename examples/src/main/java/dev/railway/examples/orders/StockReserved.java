package dev.railway.examples.orders;

/**
 * Stock is reserved for every line of {@code order}: by reserve-stock, or by the customer accepting
 * to continue without the missing products (then {@code order} holds only the remaining lines).
 */
public record StockReserved(Order order) implements OrderEvent {}
