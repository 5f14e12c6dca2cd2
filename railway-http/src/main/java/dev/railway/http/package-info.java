/**
 * ToDo endpoints over HTTP. {@link dev.railway.http.RailwayHttp} serves every ToDo whose endpoint
 * is an HTTP route; {@link dev.railway.http.Authenticator} (JWT, API keys, signed webhooks, or your
 * own) says who calls, and {@link dev.railway.http.TodoCommands} is the command path itself, which
 * other endpoints (message queues, a console) reuse.
 */
package dev.railway.http;
