/**
 * Hash routing: the app is one page loaded from a file-like origin, so the location hash is the
 * only navigation state (no history API server needed, and reload keeps the place).
 */
import { useEffect, useState } from 'react';
import { WIZARD_STEPS, type WizardStep } from '../wizard/wizard-steps';

export type { WizardStep };

/** Every screen the app can show. */
export type Route =
  | { name: 'registrations' }
  | { name: 'new-registration' }
  | { name: 'registration'; id: string; step: WizardStep }
  | { name: 'compare'; id: string; other?: string | undefined }
  | { name: 'check' }
  | { name: 'package' }
  | { name: 'credentials'; id?: string }
  | { name: 'about' }
  | { name: 'not-found'; hash: string };

function isStep(value: string | undefined): value is WizardStep {
  return (WIZARD_STEPS as readonly string[]).includes(value ?? '');
}

/** Parses a location hash such as `#/registrations/abc/keys`. */
export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter((p) => p !== '').map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  const [head, second, third, fourth] = parts;
  switch (head) {
    case undefined:
    case 'registrations':
      if (second === undefined) return { name: 'registrations' };
      if (second === 'new' && third === undefined) return { name: 'new-registration' };
      if (third === undefined) return { name: 'registration', id: second, step: 'basics' };
      if (third === 'compare' && parts.length <= 4) return { name: 'compare', id: second, ...(fourth !== undefined && { other: fourth }) };
      if (isStep(third) && fourth === undefined) return { name: 'registration', id: second, step: third };
      return { name: 'not-found', hash };
    case 'check':
      return { name: 'check' };
    case 'package':
      return { name: 'package' };
    case 'credentials':
      if (second === undefined) return { name: 'credentials' };
      if (third === undefined) return { name: 'credentials', id: second };
      return { name: 'not-found', hash };
    case 'about':
      return { name: 'about' };
    default:
      return { name: 'not-found', hash };
  }
}

/** The hash for a route (the inverse of {@link parseHash}). */
export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'registrations':
      return '#/registrations';
    case 'new-registration':
      return '#/registrations/new';
    case 'registration':
      return `#/registrations/${encodeURIComponent(route.id)}/${route.step}`;
    case 'compare':
      return `#/registrations/${encodeURIComponent(route.id)}/compare${route.other === undefined ? '' : `/${encodeURIComponent(route.other)}`}`;
    case 'credentials':
      return route.id === undefined ? '#/credentials' : `#/credentials/${encodeURIComponent(route.id)}`;
    case 'check':
    case 'package':
    case 'about':
      return `#/${route.name}`;
    case 'not-found':
      return route.hash;
  }
}

/** Moves to a route (adds a history entry, so Back works). */
export function navigate(route: Route): void {
  window.location.hash = hrefFor(route);
}

let navigatedInApp = false;

/** True once the user has moved within the app (so screens may move focus; not on a fresh load). */
export function hasNavigatedInApp(): boolean {
  return navigatedInApp;
}

/** The current route, updated on every hash change. */
export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => {
      navigatedInApp = true;
      setRoute(parseHash(window.location.hash));
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
