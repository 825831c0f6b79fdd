import { now } from '../../clock';
import { applicationsInStatus } from '../../data/applications';
import { attendanceOfLearner, homeworkOfLearner } from '../../data/course';
import type { Application } from '../../domain/application';
import type { Iteration } from '../../domain/iteration';
import { qualification } from '../../domain/qualification';
import type { Actor } from '../../domain/actor';
import { findIteration } from '../find';
import { ownEnrolment } from './learners';

export async function qualificationOf(application: Application, iteration: Iteration) {
  const [attendance, homework] = await Promise.all([
    attendanceOfLearner(application.applicantSub, iteration.id),
    homeworkOfLearner(application.applicantSub, iteration.id),
  ]);
  return qualification(iteration, attendance, homework, now());
}

export async function myQualification(actor: Actor, applicationId: string) {
  const application = await ownEnrolment(actor, applicationId);
  return qualificationOf(application, await findIteration(application.iterationId));
}

export async function iterationQualification(iterationId: string) {
  const iteration = await findIteration(iterationId);
  const learners = await applicationsInStatus(iterationId, 'enrolled');
  return {
    items: await Promise.all(
      learners.map(async (a) => ({
        applicationId: a.id,
        personId: a.applicantSub,
        name: a.applicant.name,
        ...(await qualificationOf(a, iteration)),
      })),
    ),
  };
}
