package dev.railway.console;

import dev.railway.definition.Principal;

/**
 * Who sent a console request: the authenticated principal, whether it is an operator, and the
 * anti-forgery token its forms must carry (null for callers that send their own {@code
 * Authorization} header, which a browser never adds to a forged request).
 */
record Caller(Principal principal, boolean operator, String csrf) {}
