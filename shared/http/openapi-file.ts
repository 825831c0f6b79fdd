import { openApiDocument } from './openapi';
import { ALL_ROUTES } from './routes';

/** The served document, byte for byte: what the docs function answers, whether built at synth or on request. */
export const openApiText = (): string => JSON.stringify(openApiDocument(ALL_ROUTES));
