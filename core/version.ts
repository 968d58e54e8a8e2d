/** The app's version, read once from package.json (bundled by Vite in the app, read by tsx in the CLI). */
import pkg from '../package.json' with { type: 'json' };

/** The product version, e.g. `0.1.0`. */
export const APP_VERSION: string = pkg.version;
/** The product name. */
export const APP_NAME: string = pkg.productName;

/** The User-Agent of every request the product sends (`oidc-onboard/<version>`), CLI and app alike. */
export const USER_AGENT = `oidc-onboard/${APP_VERSION}`;
