/** The app's version, read once from package.json (bundled by Vite in the app, read by tsx in the CLI). */
import pkg from '../package.json' with { type: 'json' };

/** The product version, e.g. `0.1.0`. */
export const APP_VERSION: string = pkg.version;
/** The product name. */
export const APP_NAME: string = pkg.productName;
