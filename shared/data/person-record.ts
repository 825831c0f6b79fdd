import type { Application } from '../domain/application';
import type { Certification } from '../domain/certification';
import type { HomeworkFile } from '../domain/homework-files';
import { fromItem as applicationFromItem } from './applications';
import { fromItem as certificateFromItem } from './certifications';
import { TABLE_NAME } from './client';
import { attendanceFromItem, homeworkFromItem, type StoredAttendance, type StoredHomework } from './course';
import { fileFromItem } from './homework-files';
import { queryAll } from './query';

export interface PersonItems {
  applications: Application[];
  attendance: StoredAttendance[];
  homework: StoredHomework[];
  files: HomeworkFile[];
  certificates: Certification[];
}

/**
 * Everything listed under one person in gsi2 — applications, attendance, homework and its files, certifications — by one paged
 * Query on `PERSON#<sub>` (never one read per iteration or per record).
 */
export async function itemsOfPerson(sub: string): Promise<PersonItems> {
  const items = await queryAll({
    TableName: TABLE_NAME,
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :p',
    ExpressionAttributeValues: { ':p': `PERSON#${sub}` },
  });
  const ofType = (type: string) => items.filter((i) => i.type === type);
  return {
    applications: ofType('application').map(applicationFromItem),
    attendance: ofType('attendance').map(attendanceFromItem),
    homework: ofType('homework').map(homeworkFromItem),
    files: ofType('homework-file').map(fileFromItem),
    certificates: ofType('certificate').map(certificateFromItem),
  };
}
