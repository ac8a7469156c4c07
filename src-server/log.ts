import { pino, type Logger } from 'pino';

/**
 * Structured JSON lines (pino), one logger per service process; modules take a child logger.
 * LOG_LEVEL overrides the level (debug shows every HTTP request).
 */
export function createServiceLogger(level: string = process.env['LOG_LEVEL'] ?? 'info'): Logger {
  return pino({ name: 'grid-service', level });
}
