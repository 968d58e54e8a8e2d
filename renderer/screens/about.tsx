/** About & Diagnostics: what is running, where the data lives, whether the keychain works. */
import type { ReactElement } from 'react';
import { ErrorNotice } from '../components/error-notice';
import { Icon } from '../components/icons';
import { useOperation } from '../hooks/use-operation';
import { SupportPackCard } from '../support/support-pack';
import { DiagnosticsBundle } from './about-diagnostics';

/** The About & Diagnostics page. */
export function AboutScreen(): ReactElement {
  const info = useOperation('appInfo');
  const notices = useOperation('settingsNotices');
  return (
    <>
      <h1 tabIndex={-1}>About &amp; Diagnostics</h1>
      <p className="lede">Facts about this installation, for your own checks and for support requests.</p>
      {info.state.status === 'loading' && <p role="status">Loading…</p>}
      {info.state.status === 'error' && <ErrorNotice error={info.state.error} />}
      {info.state.status === 'ok' && (
        <>
          <section className="card" aria-labelledby="about-app">
            <h2 id="about-app">Application</h2>
            <dl className="facts">
              <dt>Product</dt>
              <dd>{info.state.value.productName}</dd>
              <dt>Version</dt>
              <dd data-testid="app-version">{info.state.value.version}</dd>
              <dt>Platform</dt>
              <dd>
                {info.state.value.platform} ({info.state.value.arch})
              </dd>
              <dt>Runtime</dt>
              <dd>
                Node {info.state.value.runtime.node}
                {info.state.value.runtime.electron !== undefined && <> · Electron {info.state.value.runtime.electron}</>}
                {info.state.value.runtime.chrome !== undefined && <> · Chromium {info.state.value.runtime.chrome}</>}
              </dd>
              <dt>Data folder</dt>
              <dd>
                <code data-testid="data-dir">{info.state.value.dataDir}</code>
              </dd>
            </dl>
          </section>
          <section className="card" aria-labelledby="about-keychain">
            <h2 id="about-keychain">System keychain</h2>
            <dl className="facts">
              <dt>Backend</dt>
              <dd>{info.state.value.keychain.backend}</dd>
              <dt>Status</dt>
              <dd data-testid="keychain-status">
                {info.state.value.keychain.available ? (
                  <span className="status status-ok">
                    <Icon name="check" size={16} /> Available
                  </span>
                ) : (
                  <span className="status status-error">
                    <Icon name="error" size={16} /> Not available
                  </span>
                )}
              </dd>
            </dl>
            {info.state.value.keychain.available ? (
              <p className="muted">Private keys and client secrets are kept here, never in files in plain text.</p>
            ) : (
              <div className="notice notice-warning">
                <Icon name="warning" className="notice-icon" />
                <div>
                  <p className="notice-title">Keys and credentials cannot be stored until the keychain works.</p>
                  <p>{info.state.value.keychain.guidance ?? 'Unlock your system keychain, then restart OIDC Onboard.'}</p>
                  <p>Registration values can still be edited and saved.</p>
                </div>
              </div>
            )}
          </section>
        </>
      )}
      <section className="card" aria-labelledby="about-notices">
        <h2 id="about-notices">Settings file</h2>
        {notices.state.status === 'loading' && <p role="status">Loading…</p>}
        {notices.state.status === 'error' && <ErrorNotice error={notices.state.error} />}
        {notices.state.status === 'ok' &&
          (notices.state.value.length === 0 ? (
            <p className="muted">The settings file opened cleanly; nothing needed recovering or migrating.</p>
          ) : (
            <ul className="notices">
              {notices.state.value.map((notice, index) => (
                <li key={index}>
                  <strong>{notice.kind}:</strong> {notice.message}
                  {notice.quarantinedAs !== undefined && (
                    <>
                      {' '}
                      The damaged file was kept as <code>{notice.quarantinedAs}</code>.
                    </>
                  )}
                </li>
              ))}
            </ul>
          ))}
      </section>
      <SupportPackCard />
      <DiagnosticsBundle />
    </>
  );
}
