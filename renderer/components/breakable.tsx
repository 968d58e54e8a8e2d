/**
 * Long identifiers and URLs (`token_endpoint_auth_signing_alg`, a jwks_uri, a thumbprint) have no
 * spaces, so a narrow column either overflows or breaks them at an arbitrary letter. Offering a
 * break opportunity after each separator makes them wrap where a reader expects (`token_endpoint_`
 * / `auth_method`, `https://host.` / `example.org/jwks.json`); CSS breaks inside a run only when
 * one run alone is wider than the column.
 */
import { Fragment, type ReactElement } from 'react';

/** After these characters a line may break: word separators in member names, URLs and base64url. */
const BREAK_AFTER = /(?<=[_./\-?&=#:@,])/;

/** `text` with a `<wbr>` after each separator (the text itself, and what is copied, is unchanged). */
export function Breakable({ text }: { text: string }): ReactElement {
  const parts = text.split(BREAK_AFTER);
  return (
    <>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {part}
          {index < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </>
  );
}
