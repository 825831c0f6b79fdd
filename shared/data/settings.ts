import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_POLICY, type LifecyclePolicy, type RenewFrom } from '../domain/certification';
import { dynamo, TABLE_NAME } from './client';
import { versionCondition } from './query';
import type { TransactItem } from './transactions';

/** ADS's certification lifecycle settings, one item at `SETTINGS`/`LIFECYCLE`. */
export interface LifecycleSettings extends LifecyclePolicy {
  /** Renewal before expiry counts from the old expiry date (no time lost); after, from the issue date. */
  renewFrom: RenewFrom;
  /** Days before expiry at which holders (and their supervisors) are reminded. */
  reminderDays: number[];
  /** How far ahead the monthly DDS notice looks. */
  noticeWindowDays: number;
  version: number;
}

export const DEFAULT_SETTINGS: LifecycleSettings = {
  ...DEFAULT_POLICY,
  renewFrom: 'old-expiry-if-unexpired',
  reminderDays: [180, 90, 30],
  noticeWindowDays: 90,
  version: 0,
};

const key = { pk: 'SETTINGS', sk: 'LIFECYCLE' };
let cached: { at: number; value: LifecycleSettings } | undefined;
const CACHE_MS = 60_000;

/** The settings (defaults until ADS saves some); a container re-reads them at most once a minute. */
export async function lifecycleSettings(): Promise<LifecycleSettings> {
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.value;
  const result = await dynamo.send(new GetCommand({ TableName: TABLE_NAME, Key: key, ConsistentRead: true }));
  const { pk: _p, sk: _s, type: _t, ...stored } = result.Item ?? {};
  const value = { ...DEFAULT_SETTINGS, ...(stored as Partial<LifecycleSettings>) };
  cached = { at: Date.now(), value };
  return value;
}

export function saveSettingsItem(next: LifecycleSettings, expectedVersion: number): TransactItem {
  cached = undefined;
  return {
    Put: { TableName: TABLE_NAME, Item: { ...key, type: 'settings', ...next }, ...versionCondition(expectedVersion) },
  };
}

/** Forgets the cached settings (tests, and after ADS saves new ones in this container). */
export const forgetSettings = () => {
  cached = undefined;
};
