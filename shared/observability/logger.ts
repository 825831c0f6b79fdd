import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Structured JSON logs. Rule: nothing personal is ever logged — no names, emails, free text or request bodies;
 * records are referred to by their ids, and callers by their roles.
 */
export const logger = new Logger({ serviceName: 'ce-certification' });
