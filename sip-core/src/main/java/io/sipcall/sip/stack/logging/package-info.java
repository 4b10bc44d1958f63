/**
 * Routes JAIN-SIP's logging to SLF4J: {@link io.sipcall.sip.stack.logging.Slf4jStackLogger} for the
 * stack's internal log ({@code javax.sip.stack}) and {@link io.sipcall.sip.stack.logging.Slf4jServerLogger}
 * for one line per SIP message ({@code javax.sip.message}, DEBUG, never headers or bodies). Install
 * both with {@link io.sipcall.sip.stack.logging.StackLogging#stackProperties()}; the RI then never
 * loads its log4j-based LogWriter.
 *
 * <p>Threading: the stack calls these loggers from all of its threads at once. They hold no state
 * beyond SLF4J loggers and one volatile on/off flag, and never block beyond what the SLF4J backend does.
 */
package io.sipcall.sip.stack.logging;
