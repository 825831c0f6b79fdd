import { getApplication } from '../../data/applications';
import type { Application } from '../../domain/application';
import type { Actor } from '../../domain/actor';
import { NotFound, RuleBroken, StateConflict } from '../../domain/errors';
import { findOwnApplication } from '../find';

/** An enrolled learner of this iteration, by application. */
export async function enrolledApplication(iterationId: string, applicationId: string): Promise<Application> {
  return assertEnrolled(iterationId, await getApplication(applicationId));
}

/** The application read, if it is an enrolled learner's of this iteration; refused otherwise. */
export function assertEnrolled(iterationId: string, application: Application | undefined): Application {
  if (!application || application.iterationId !== iterationId) throw new NotFound('The learner');
  if (application.status !== 'enrolled')
    throw new RuleBroken('Only enrolled learners have attendance and homework.', [
      { field: 'applicationId', code: 'not_enrolled', message: `this application is ${application.status}` },
    ]);
  return application;
}

/** One's own application, enrolled: attendance and homework are only for learners. */
export async function ownEnrolment(actor: Actor, applicationId: string): Promise<Application> {
  const application = await findOwnApplication(actor, applicationId);
  if (application.status !== 'enrolled')
    throw new StateConflict(
      `This application is ${application.status}; homework and attendance are for enrolled learners.`,
    );
  return application;
}
