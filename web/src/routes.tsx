import type { ReactNode } from 'react';
import { RequireSignIn } from './auth/RequireSignIn';
import { Accessibility } from './pages/Accessibility';
import { Certifications } from './pages/Certifications';
import { Classes } from './pages/Classes';
import { Agreement } from './pages/Agreement';
import { Application } from './pages/Application';
import { Applications } from './pages/Applications';
import { Apply } from './pages/Apply';
import { ForgotPassword, SignedOut, SignOutEverywhere } from './pages/ForgotPassword';
import { HandIn, HomeworkList } from './pages/Homework';
import { Home } from './pages/Home';
import { Iterations } from './pages/Iterations';
import { NotFound } from './pages/NotFound';
import { Profile } from './pages/Profile';
import { Providers } from './pages/Providers';
import { Qualification } from './pages/Qualification';
import { SignIn } from './pages/SignIn';
import { ConfirmAccount, SignUp } from './pages/SignUp';
import { STAFF_ROUTES } from './staff';

/**
 * The app's one route table. A page is a component under `pages/` wrapped in `<Page title>`; `signedIn` pages
 * send signed-out visitors to sign in first.
 */
export const ROUTES: { path: string; element: ReactNode; signedIn?: boolean; role?: string }[] = [
  { path: '/', element: <Home /> },
  { path: '/iterations', element: <Iterations /> },
  { path: '/providers', element: <Providers /> },
  { path: '/accessibility', element: <Accessibility /> },
  { path: '/sign-in', element: <SignIn /> },
  { path: '/sign-up', element: <SignUp /> },
  { path: '/confirm-account', element: <ConfirmAccount /> },
  { path: '/forgot-password', element: <ForgotPassword /> },
  { path: '/signed-out', element: <SignedOut /> },
  { path: '/sign-out-everywhere', element: <SignOutEverywhere />, signedIn: true },
  { path: '/profile', element: <Profile />, signedIn: true },
  { path: '/classes', element: <Classes />, signedIn: true },
  { path: '/learning/:applicationId/homework', element: <HomeworkList />, signedIn: true },
  { path: '/learning/:applicationId/homework/:assignmentId', element: <HandIn />, signedIn: true },
  { path: '/learning/:applicationId/qualification', element: <Qualification />, signedIn: true },
  { path: '/certifications', element: <Certifications />, signedIn: true },
  { path: '/iterations/:iterationId/apply', element: <Apply />, signedIn: true },
  { path: '/applications', element: <Applications />, signedIn: true },
  { path: '/applications/:applicationId', element: <Application />, signedIn: true },
  { path: '/applications/:applicationId/agreement', element: <Agreement />, signedIn: true },
  ...STAFF_ROUTES.map((r) => ({ ...r, signedIn: true })),
  { path: '*', element: <NotFound /> },
];

export const routeElement = (r: (typeof ROUTES)[number]) =>
  r.signedIn ? <RequireSignIn role={r.role}>{r.element}</RequireSignIn> : r.element;
