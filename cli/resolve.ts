/** Finding the declared command (and subcommand) that argv names, with "did you mean" when none does. */
import { usageError } from './context';
import { isGroup, type CommandDecl, type Entry, type GroupDecl } from './spec';
import { didYouMean, suggest } from './suggest';

/** What argv names: an entry, and for a group the subcommand (absent when argv stops at the group). */
export interface Resolved {
  entry: Entry;
  sub?: CommandDecl;
  /** The names as declared (`['keys', 'generate']`), aliases replaced. */
  path: string[];
  rest: string[];
}

const names = (list: readonly (CommandDecl | Entry)[]) => list.flatMap((e) => [e.name, ...(e.aliases ?? [])]);
const byName = <T extends CommandDecl | Entry>(list: readonly T[], name: string) => list.find((e) => e.name === name || e.aliases?.includes(name));

/** Suggestions that say what an alias stands for: `"registrations" (list)`. */
function suggestIn(typed: string, list: readonly (CommandDecl | Entry)[]): string {
  const found = suggest(typed, names(list)).map((n) => {
    const target = byName(list, n)!;
    return target.name === n ? `"${n}"` : `"${n}" (same as "${target.name}")`;
  });
  return didYouMean(found, false);
}

/** The subcommand of `group` named `name`, or a usage error listing them. */
function subcommandOf(group: GroupDecl, name: string | undefined): CommandDecl {
  const list = group.subcommands.map((s) => s.name).join(', ');
  if (name === undefined || name.startsWith('-')) throw usageError(`Which ${group.name} subcommand? One of: ${list}. See: oidc-onboard help ${group.name}`);
  const sub = byName(group.subcommands, name);
  if (!sub) throw usageError(`Unknown ${group.name} subcommand "${name}".${suggestIn(name, group.subcommands)} One of: ${list}.`);
  return sub;
}

/** The entry `words[0]` names (by name or alias), or a usage error with the closest names. */
function findEntry(entries: readonly Entry[], name: string): Entry {
  const entry = byName(entries, name);
  if (!entry) throw usageError(`Unknown command "${name}".${suggestIn(name, entries)} Run oidc-onboard help for the list.`);
  return entry;
}

/**
 * Resolves `words` (argv without global flags). With `forHelp`, a group named without a
 * subcommand resolves to the group itself (its help lists the subcommands).
 */
export function resolveCommand(entries: readonly Entry[], words: readonly string[], forHelp = false): Resolved {
  const [name, ...rest] = words;
  const entry = findEntry(entries, name!);
  if (!isGroup(entry)) return { entry, path: [entry.name], rest };
  const [subName, ...subRest] = rest;
  if (forHelp && (subName === undefined || subName.startsWith('-'))) return { entry, path: [entry.name], rest };
  const sub = subcommandOf(entry, subName);
  return { entry, sub, path: [entry.name, sub.name], rest: subRest };
}
