import { areaHandler } from '../../shared/http/middleware';
import { linkRoutes } from '../../shared/http/routes/links';
import { confirmLink, viewLink } from '../../shared/use-cases/links';

/** Supervisor links from emails: a page to read (GET changes nothing) and an explicit confirm. */
export const handler = areaHandler(linkRoutes, {
  viewLink: ({ params }) => viewLink(params.token),
  confirmLink: ({ params }) => confirmLink(params.token),
});
