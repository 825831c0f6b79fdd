/** Reads what the local SES received (aws-ses-v2-local's `/store`). Files share one SES: filter by recipient. */
export interface StoredMessage {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  attachments: { filename: string; contentType: string; content: string }[];
  at: number;
}

export async function sentEmails(endpoint = process.env.TEST_SES_ENDPOINT!): Promise<StoredMessage[]> {
  const res = await fetch(`${endpoint}/store`);
  return ((await res.json()) as { emails: StoredMessage[] }).emails;
}

export async function emailsTo(address: string): Promise<StoredMessage[]> {
  return (await sentEmails()).filter((m) => [...m.destination.to, ...m.destination.cc].includes(address));
}
