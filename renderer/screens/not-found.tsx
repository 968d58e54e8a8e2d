/** Shown for a hash that names no screen. */
import type { ReactElement } from 'react';
import { EmptyState } from '../components/empty-state';

/** The not-found page. */
export function NotFoundScreen(): ReactElement {
  return (
    <>
      <h1 tabIndex={-1}>Page not found</h1>
      <EmptyState icon="info" heading="There is nothing at this address" action={<a className="button button-primary" href="#/registrations">Go to Registrations</a>}>
        The link may be from an older version of the app, or the item it pointed to was deleted.
      </EmptyState>
    </>
  );
}
