import { randomBytes } from 'node:crypto';

/**
 * A DDS address of the importing test file's own, set before the runtime configuration is read (at the first import
 * of anything that touches the table): import this module first, so no other file's notices mix in.
 */
export const DDS = `dds.${randomBytes(5).toString('hex')}@dds.example.org`;
process.env.DDS_NOTICE_RECIPIENTS = DDS;
