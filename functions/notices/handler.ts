import { areaHandler } from '../../shared/http/middleware';
import { operations } from '../../shared/http/operations';
import { noticeRoutes } from '../../shared/http/routes/notices';
import { getSettings, putSettings } from '../../shared/use-cases/lifecycle';
import { CSV_CONTENT_TYPE } from '../../shared/csv';
import { noticesForAds, noticesForDds, resendNotice, sentNoticeList } from '../../shared/use-cases/notices';

/** The DDS notices (list, deliberate re-send) and ADS's lifecycle settings. */
export const handler = areaHandler(
  noticeRoutes,
  operations(noticeRoutes, {
    listNotices: ({ query }) => noticesForAds(query.cursor, query.limit),
    ddsNoticeHistory: ({ query }) => noticesForDds(query.cursor, query.limit),
    sentNoticeList: async ({ params }) => ({ ...(await sentNoticeList(params.period)), contentType: CSV_CONTENT_TYPE }),
    resendNotice: ({ params, body, caller }) => resendNotice(params.period, body.reason, caller),
    getLifecycleSettings: () => getSettings(),
    putLifecycleSettings: ({ body, caller }) => putSettings(body, caller),
  }),
);
