import { areaHandler } from '../../shared/http/middleware';
import { operations } from '../../shared/http/operations';
import { confirmationPage, linkPage } from '../../shared/http/render/link-pages';
import { linkRoutes } from '../../shared/http/routes/links';
import { confirmLink, declineLink, viewLink } from '../../shared/use-cases/links';

/** Supervisor links from emails: a page to read (GET changes nothing) and an explicit confirm. */
export const handler = areaHandler(
  linkRoutes,
  operations(linkRoutes, {
    viewLink: async ({ params }) => linkPage(params.token, await viewLink(params.token)),
    confirmLink: async ({ params }) => confirmationPage(await confirmLink(params.token)),
    declineLink: async ({ params, body }) => confirmationPage(await declineLink(params.token, body.reason)),
  }),
);
