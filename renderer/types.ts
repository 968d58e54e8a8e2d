/**
 * The shapes the renderer receives, taken from what the bridge returns (the schemas' input
 * side: defaults may be absent on the wire), so they always match `call()`.
 */
import type { ValueFor } from './hooks/use-operation';

/** A provider profile. */
export type Profile = ValueFor<'listProfiles'>[number];
/** One environment of a provider. */
export type Environment = Profile['environments'][number];
/** A registration with status, as listed. */
export type Summary = ValueFor<'listRegistrations'>[number];
/** A registration with status and findings. */
export type Detail = ValueFor<'getRegistration'>;
