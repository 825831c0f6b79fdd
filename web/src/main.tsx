import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { SessionProvider } from './auth/session';
import { Layout } from './components/Layout';
import { StatusProvider } from './components/status';
import { loadConfig } from './config';
import { ROUTES, routeElement } from './routes';
import './styles.css';

const router = createBrowserRouter([
  { element: <Layout />, children: ROUTES.map((r) => ({ path: r.path, element: routeElement(r) })) },
]);

const root = createRoot(document.getElementById('root') as HTMLElement);
loadConfig()
  .then(() =>
    root.render(
      <StrictMode>
        <StatusProvider>
          <SessionProvider>
            <RouterProvider router={router} />
          </SessionProvider>
        </StatusProvider>
      </StrictMode>,
    ),
  )
  .catch((error: Error) =>
    root.render(
      <main id="main-content" className="grid-container">
        <h1>The service could not start</h1>
        <p>{error.message}. Try again in a few minutes.</p>
      </main>,
    ),
  );
