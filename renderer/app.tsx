/**
 * The app frame: header, main navigation, skip link and the `<main>` landmark, with hash routing
 * to each destination. Focus moves to the new page's heading on navigation so keyboard and
 * screen-reader users land where the content changed.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useRef, type KeyboardEvent, type ReactElement } from 'react';
import { invalidateRegistrationReads, queryClient } from './data/query-client';
import { useRegistrationsChanged } from './hooks/use-registrations-changed';
import { ErrorBoundary } from './components/error-boundary';
import { Icon, type IconName } from './components/icons';
import { TestThrow } from './components/test-throw';
import { hrefFor, useRoute, type Route } from './hooks/use-route';
import { AboutScreen } from './screens/about';
import { CheckScreen } from './checks/check-screen';
import { CredentialsScreen } from './credentials/credentials-screen';
import { OpenPackageScreen } from './package/open-package-screen';
import { NewRegistrationScreen } from './screens/new-registration';
import { NotFoundScreen } from './screens/not-found';
import { RegistrationsScreen } from './screens/registrations';
import { RegistrationWizard } from './wizard/registration-wizard';
import { CompareScreen } from './steps/compare-screen';

type NavKey = 'registrations' | 'check' | 'package' | 'credentials' | 'about';

const NAV: { key: NavKey; label: string; icon: IconName }[] = [
  { key: 'registrations', label: 'Registrations', icon: 'list' },
  { key: 'check', label: 'Check a jwks_uri', icon: 'shield' },
  { key: 'package', label: 'Open a package', icon: 'package' },
  { key: 'credentials', label: 'Credentials', icon: 'lock' },
  { key: 'about', label: 'About & Diagnostics', icon: 'info' },
];

function navKeyOf(route: Route): NavKey | undefined {
  switch (route.name) {
    case 'registrations':
    case 'new-registration':
    case 'registration':
    case 'compare':
      return 'registrations';
    case 'check':
    case 'package':
    case 'credentials':
    case 'about':
      return route.name;
    case 'not-found':
      return undefined;
  }
}

function Screen({ route }: { route: Route }): ReactElement {
  switch (route.name) {
    case 'registrations':
      return <RegistrationsScreen />;
    case 'new-registration':
      return <NewRegistrationScreen />;
    case 'registration':
      return <RegistrationWizard key={route.id} id={route.id} step={route.step} />;
    case 'compare':
      return <CompareScreen key={route.id} id={route.id} other={route.other} />;
    case 'check':
      return <CheckScreen />;
    case 'package':
      return <OpenPackageScreen />;
    case 'credentials':
      return <CredentialsScreen id={route.id} />;
    case 'about':
      return <AboutScreen />;
    case 'not-found':
      return <NotFoundScreen />;
  }
}

/** Up/Down/Home/End move between navigation links (Tab still works as usual). */
function onNavKeyDown(event: KeyboardEvent<HTMLUListElement>): void {
  const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>('a')];
  const index = links.indexOf(document.activeElement as HTMLAnchorElement);
  if (index < 0) return;
  const target =
    event.key === 'ArrowDown' ? links[(index + 1) % links.length]
    : event.key === 'ArrowUp' ? links[(index - 1 + links.length) % links.length]
    : event.key === 'Home' ? links[0]
    : event.key === 'End' ? links[links.length - 1]
    : undefined;
  if (target) {
    event.preventDefault();
    target.focus();
  }
}

/** The whole renderer, inside the last-resort error boundary. */
export function App(): ReactElement {
  // Changes made elsewhere (another window, the CLI) make every registration read stale; the
  // wizard still keeps a focused or unsaved field's text on a clash (registration-wizard.tsx).
  useRegistrationsChanged(invalidateRegistrationReads);
  return (
    <QueryClientProvider client={queryClient}>
      <ErrorBoundary level="app">
        <TestThrow where="app" />
        <Frame />
      </ErrorBoundary>
    </QueryClientProvider>
  );
}

function Frame(): ReactElement {
  const route = useRoute();
  const mainRef = useRef<HTMLElement>(null);
  const current = navKeyOf(route);
  const firstRender = useRef(true);
  const routeKey =
    route.name === 'registration' ? `registration:${route.id}:${route.step}`
    : route.name === 'credentials' ? `credentials:${route.id ?? ''}`
    : route.name === 'compare' ? `compare:${route.id}`
    : route.name;

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    // The wizard loads asynchronously and moves focus to its step heading itself.
    if (route.name === 'registration') return;
    const heading = mainRef.current?.querySelector<HTMLElement>('h1');
    (heading ?? mainRef.current)?.focus();
  }, [routeKey]); // routeKey stands for the route (an object, new on every render).

  return (
    <div className="app" data-app-state="ready">
      <a
        className="skip-link"
        href="#main-content"
        onClick={(event) => {
          // The hash is our router; a plain in-page anchor would navigate away.
          event.preventDefault();
          mainRef.current?.focus();
        }}
      >
        Skip to main content
      </a>
      <header className="app-header">
        <span className="brand-mark" aria-hidden="true">
          <Icon name="key" size={22} />
        </span>
        <span className="brand-name">OIDC Onboard</span>
        <span className="brand-tagline">Register OpenID Connect clients with NHS identity services</span>
      </header>
      <div className="app-body">
        <nav className="app-nav" aria-label="Main">
          <ul onKeyDown={onNavKeyDown}>
            {NAV.map((item) => (
              <li key={item.key}>
                <a href={hrefFor({ name: item.key } as Route)} aria-current={current === item.key ? 'page' : undefined}>
                  <Icon name={item.icon} />
                  <span>{item.label}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main-content" ref={mainRef} tabIndex={-1}>
          {/* Keyed by the screen (not the wizard step, which must keep the wizard mounted): moving to another screen clears a failure. */}
          <ErrorBoundary key={route.name === 'registration' ? `registration:${route.id}` : routeKey} level="screen">
            <TestThrow where={route.name} />
            <Screen route={route} />
          </ErrorBoundary>
        </main>
      </div>
    </div>
  );
}
