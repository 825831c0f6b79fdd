import { Link } from 'react-router';
import { Page } from '../components/Page';

export function Home() {
  return (
    <Page
      title="Customized Employment certification"
      lead="Connecticut certifies the staff of provider agencies who deliver Customized Employment services. Certification comes from completing this course: every live class attended and all homework handed in on time."
    >
      <ul className="usa-card-group">
        <li className="usa-card tablet:grid-col-6 desktop:grid-col-3">
          <div className="usa-card__container">
            <div className="usa-card__header">
              <h2 className="usa-card__heading">Courses</h2>
            </div>
            <div className="usa-card__body">
              <p>Iterations open for applications, their live classes (9:00 AM–12:00 PM Connecticut time) and seats.</p>
            </div>
            <div className="usa-card__footer">
              <Link className="usa-button" to="/iterations">
                See courses
              </Link>
            </div>
          </div>
        </li>
        <li className="usa-card tablet:grid-col-6 desktop:grid-col-3">
          <div className="usa-card__container">
            <div className="usa-card__header">
              <h2 className="usa-card__heading">Provider agencies</h2>
            </div>
            <div className="usa-card__body">
              <p>The provider agencies whose staff can take the course, in each DDS region.</p>
            </div>
            <div className="usa-card__footer">
              <Link className="usa-button" to="/providers">
                See agencies
              </Link>
            </div>
          </div>
        </li>
        <li className="usa-card tablet:grid-col-6 desktop:grid-col-3">
          <div className="usa-card__container">
            <div className="usa-card__header">
              <h2 className="usa-card__heading">Your account</h2>
            </div>
            <div className="usa-card__body">
              <p>Apply, follow your applications, and see your classes and certifications.</p>
            </div>
            <div className="usa-card__footer">
              <Link className="usa-button" to="/sign-in">
                Sign in
              </Link>
            </div>
          </div>
        </li>
        <li className="usa-card tablet:grid-col-6 desktop:grid-col-3">
          <div className="usa-card__container">
            <div className="usa-card__header">
              <h2 className="usa-card__heading">Check a certificate</h2>
            </div>
            <div className="usa-card__body">
              <p>
                Employers and anyone else: whether a certificate is active, by its number or the QR code it carries.
              </p>
            </div>
            <div className="usa-card__footer">
              {/* A server-rendered page, not one of the app's: a full page load. */}
              <a className="usa-button" href="/verify">
                Check a certificate
              </a>
            </div>
          </div>
        </li>
      </ul>
    </Page>
  );
}
