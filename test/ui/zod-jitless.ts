// Evaluated before the contract's schemas exist: zod 4 otherwise probes `new Function` when it
// builds an object schema, which the renderer's CSP (no unsafe-eval) forbids.
import { z } from 'zod';

z.config({ jitless: true });
