/** The command table; each command module is small and imports its heavy parts lazily. */
import type { Command } from '../context';
import { doctor } from './doctor';
import { checklist } from './checklist';
import { compare } from './compare';
import { keys } from './keys';
import { assertion, credentials } from './credentials';
import { deleteCommand } from './delete';
import { diagnostics } from './diagnostics';
import { supportPack } from './support';
import { packageCommand, verifyPackage } from './package';
import { checkCompare, checkHistory, checkJwks } from './checks';
import { checkEndpointCommand } from './check-endpoint';
import { inspectAssertionCommand } from './inspect-assertion';
import { create, discover, list, profiles, set, show, validate, validateMetadataFile } from './registrations';

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [doctor, profiles, create, list, show, set, deleteCommand, validate, validateMetadataFile, discover, keys, checkJwks, checkEndpointCommand, checkHistory, checkCompare, packageCommand, verifyPackage, checklist, compare, credentials, assertion, inspectAssertionCommand, diagnostics, supportPack];
