import {
  Gone,
  InvalidInput,
  NotFound,
  RuleBroken,
  StaleWrite,
  StateConflict,
  Unavailable,
} from '../../shared/domain/errors';
import { classifyUnexpected } from '../../shared/http/errors';
import { allocationRoutes } from '../../shared/http/routes/allocation';
import { applicationRoutes } from '../../shared/http/routes/applications';
import { iterationRoutes } from '../../shared/http/routes/iterations';
import { providerRoutes } from '../../shared/http/routes/providers';

/** The one mapper from the domain's errors to HTTP problems, and where it says each offending input came from. */
const fieldsOf = (error: RuleBroken | InvalidInput, route?: Parameters<typeof classifyUnexpected>[1]) =>
  (classifyUnexpected(error, route)!.extras.errors as { field: string }[]).map((e) => e.field);

describe('domain errors at the HTTP edge', () => {
  it('names each offending input by the part of the request it came from', () => {
    const plan = new RuleBroken('The plan breaks some rules of the course.', [
      { field: 'applicationWindow.closesAt', code: 'window_order', message: '…' },
      { field: 'liveClasses.2.date', code: 'class_date', message: '…' },
    ]);
    expect(fieldsOf(plan, iterationRoutes.createIteration)).toEqual([
      'body.applicationWindow.closesAt',
      'body.liveClasses.2.date',
    ]);
    // Publishing sends no plan: the problems are the stored plan's, named as they are.
    expect(fieldsOf(plan, iterationRoutes.publishIteration)).toEqual([
      'applicationWindow.closesAt',
      'liveClasses.2.date',
    ]);
    const notEndorsed = new RuleBroken('…', [{ field: 'applicationId', code: 'not_endorsed', message: '…' }]);
    expect(fieldsOf(notEndorsed, allocationRoutes.setOverride)).toEqual(['path.applicationId']);
    const apply = new RuleBroken('…', [
      { field: 'iterationId', code: 'window_closed', message: '…' },
      { field: 'profile', code: 'profile_missing', message: '…' },
    ]);
    expect(fieldsOf(apply, applicationRoutes.apply)).toEqual(['body.iterationId', 'profile']);
    expect(fieldsOf(apply, applicationRoutes.admitToRecertification)).toEqual(['path.iterationId', 'profile']);
    const cursor = new InvalidInput('…', [{ field: 'cursor', code: 'invalid_cursor', message: '…' }]);
    expect(fieldsOf(cursor, providerRoutes.listProvidersForAds)).toEqual(['query.cursor']);
    expect(fieldsOf(cursor)).toEqual(['cursor']);
  });

  it('gives each kind its status, and keeps what the caller needs to fix it', () => {
    const answer = (error: Error) => {
      const p = classifyUnexpected(error)!;
      return { status: p.status, title: p.title, detail: p.message, extras: p.extras, headers: p.headers };
    };
    expect(answer(new NotFound('The iteration'))).toMatchObject({
      status: 404,
      title: 'Not found',
      detail: 'The iteration was not found.',
    });
    expect(answer(new RuleBroken('No.', []))).toMatchObject({
      status: 422,
      title: 'Rule violated',
      extras: { errors: [] },
    });
    expect(answer(new InvalidInput('No.', []))).toMatchObject({ status: 400, title: 'Bad request' });
    expect(answer(new StaleWrite('Reload.', 4))).toEqual(
      expect.objectContaining({ status: 409, title: 'Conflict', extras: { currentVersion: 4 } }),
    );
    expect(answer(new StaleWrite('Reload.'))).toEqual(expect.objectContaining({ status: 409, extras: {} }));
    const seats = [{ region: 'North', requested: 1, offered: 2, enrolled: 0 }];
    expect(answer(new StateConflict('Seats cannot go below …', { seats }))).toEqual(
      expect.objectContaining({ status: 409, title: 'Conflict', extras: { seats } }),
    );
    expect(answer(new Gone('This link has expired.'))).toMatchObject({ status: 410, detail: 'This link has expired.' });
    expect(answer(new Unavailable('Not sent.'))).toMatchObject({ status: 503, headers: { 'retry-after': '2' } });
  });

  it('leaves anything else to the infrastructure rules, and a genuine bug unclassified', () => {
    expect(classifyUnexpected(Object.assign(new Error('x'), { name: 'ThrottlingException' }))?.status).toBe(429);
    expect(classifyUnexpected(new TypeError('a bug'))).toBeUndefined();
  });
});
