import { areaHandler } from '../../shared/http/middleware';
import { operations } from '../../shared/http/operations';
import { attendanceCsv } from '../../shared/http/render/csv';
import { courseRoutes } from '../../shared/http/routes/course';
import * as course from '../../shared/use-cases/course';

/** The course in progress: attendance at the live classes, homework by its deadlines, qualification. */
export const handler = areaHandler(
  courseRoutes,
  operations(courseRoutes, {
    recordAttendance: ({ params, body, caller }) =>
      course.recordAttendance(params.iterationId, params.date, body.entries, caller),
    correctAttendance: ({ params, body, caller }) =>
      course.correctAttendance(params.iterationId, params.date, params.applicationId, body, caller),
    attendanceGrid: ({ params }) => course.attendanceGrid(params.iterationId),
    attendanceCsv: async ({ params }) =>
      attendanceCsv(params.iterationId, await course.attendanceGrid(params.iterationId)),
    myAttendance: ({ params, caller }) => course.myAttendance(caller, params.applicationId),
    submitHomework: ({ params, body, caller }) =>
      course.submitHomework(caller, params.applicationId, params.assignmentId, body),
    myHomework: ({ params, caller }) => course.myHomework(caller, params.applicationId),
    myQualification: ({ params, caller }) => course.myQualification(caller, params.applicationId),
    assignmentSubmissions: ({ params }) => course.assignmentSubmissions(params.iterationId, params.assignmentId),
    reviewHomework: ({ params, body, caller }) =>
      course.reviewHomework(params.iterationId, params.assignmentId, params.applicationId, body, caller),
    grantExtension: ({ params, body, caller }) =>
      course.grantExtension(params.iterationId, params.assignmentId, params.applicationId, body, caller),
    iterationQualification: ({ params }) => course.iterationQualification(params.iterationId),
  }),
);
