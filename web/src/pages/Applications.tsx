import { Link } from 'react-router';
import { api } from '../api/client';
import { useApi } from '../api/useApi';
import { Loading } from '../components/Loading';
import { Page } from '../components/Page';
import { whenCt } from '../time';
import { STATUS_WORDS } from './applicationWords';

/** Your applications, latest first (`GET /me/applications`), each linking its page. */
export function Applications() {
  const { data, problem, loading } = useApi(() => api.GET('/me/applications'));
  return (
    <Page title="Your applications">
      <Loading loading={loading} problem={problem} />
      {data && data.items.length === 0 ? (
        <p>
          You have not applied yet. <Link to="/iterations">See the courses open for applications</Link>.
        </p>
      ) : null}
      {data && data.items.length > 0 ? (
        <ul className="usa-card-group">
          {data.items.map((a) => (
            <li key={a.id} className="usa-card tablet:grid-col-6">
              <div className="usa-card__container">
                <div className="usa-card__header">
                  <h2 className="usa-card__heading">
                    <Link to={`/applications/${encodeURIComponent(a.id)}`}>{a.iteration.title}</Link>
                  </h2>
                </div>
                <div className="usa-card__body">
                  <p>
                    <strong>{STATUS_WORDS[a.status]}</strong>
                  </p>
                  <p>
                    {a.region} region; applied {whenCt(a.submittedAt)}.
                  </p>
                  {a.status === 'offered' && a.offer ? <p>Answer the offer by {whenCt(a.offer.deadline)}.</p> : null}
                  {a.status === 'waitlisted' ? <p>Waitlist position {a.waitlistPosition}.</p> : null}
                </div>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </Page>
  );
}
