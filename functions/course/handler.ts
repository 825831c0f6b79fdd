import { areaHandler } from '../../shared/http/middleware';
import { operations } from '../../shared/http/operations';
import { attendanceCsv } from '../../shared/http/render/csv';
import { routesOf } from '../../shared/http/route';
import { courseRoutes as attendanceAndHomework } from '../../shared/http/routes/course';
import { homeworkFileRoutes } from '../../shared/http/routes/homework-files';
import * as attendance from '../../shared/use-cases/course/attendance';
import * as homework from '../../shared/use-cases/course/homework';
import * as files from '../../shared/use-cases/course/homework-files';
import * as qualification from '../../shared/use-cases/course/qualification';

const courseRoutes = { ...routesOf(attendanceAndHomework, 'course'), ...homeworkFileRoutes };

/**
 * The course in progress: attendance at the live classes, homework (text, links, files) by its deadlines,
 * qualification. The proposal read from a meeting's participant report is served by the attendance-import function.
 */
export const handler = areaHandler(
  courseRoutes,
  operations(courseRoutes, {
    recordAttendance: ({ params, body, caller }) =>
      attendance.recordAttendance(params.iterationId, params.date, body.entries, caller),
    correctAttendance: ({ params, body, caller }) =>
      attendance.correctAttendance(params.iterationId, params.date, params.applicationId, body, caller),
    attendanceGrid: ({ params }) => attendance.attendanceGrid(params.iterationId),
    attendanceCsv: async ({ params }) =>
      attendanceCsv(params.iterationId, await attendance.attendanceGrid(params.iterationId)),
    myAttendance: ({ params, caller }) => attendance.myAttendance(caller, params.applicationId),
    submitHomework: ({ params, body, caller }) =>
      homework.submitHomework(caller, params.applicationId, params.assignmentId, body),
    myHomework: ({ params, caller }) => homework.myHomework(caller, params.applicationId),
    myQualification: ({ params, caller }) => qualification.myQualification(caller, params.applicationId),
    assignmentSubmissions: ({ params }) => homework.assignmentSubmissions(params.iterationId, params.assignmentId),
    reviewHomework: ({ params, body, caller }) =>
      homework.reviewHomework(params.iterationId, params.assignmentId, params.applicationId, body, caller),
    grantExtension: ({ params, body, caller }) =>
      homework.grantExtension(params.iterationId, params.assignmentId, params.applicationId, body, caller),
    iterationQualification: ({ params }) => qualification.iterationQualification(params.iterationId),
    startHomeworkUpload: ({ params, body, caller }) =>
      files.startUpload(caller, params.applicationId, params.assignmentId, body),
    recordHomeworkUpload: ({ params, caller }) =>
      files.recordUpload(caller, params.applicationId, params.assignmentId, params.fileId),
    deleteHomeworkFile: ({ params, caller }) =>
      files.deleteFile(caller, params.applicationId, params.assignmentId, params.fileId),
    myHomeworkFileLink: ({ params, caller }) =>
      files.learnerDownload(caller, params.applicationId, params.assignmentId, params.fileId),
    homeworkFileLink: ({ params, caller }) =>
      files.adsDownload(params.iterationId, params.assignmentId, params.applicationId, params.fileId, caller),
    getHomeworkFileSettings: () => files.getFileSettings(),
    putHomeworkFileSettings: ({ body, caller }) => files.putFileSettings(body, caller),
  }),
);
