/**
 * The command table: every command is a declaration (cli/spec.ts), and help, "did you mean",
 * argument checks and shell completion all come from this list. To add a command, declare it in
 * its module and list it here. Command modules are small and import their heavy parts lazily.
 */
import { EXIT, print, usageError } from '../context';
import { defineCommand, type Entry } from '../spec';
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
import { copy, create, discover, list, profiles, set, show, validate, validateMetadataFile } from './registrations';
import { printHelp } from '../help';

/** `help [command [subcommand]]`. */
const help = defineCommand({
  name: 'help',
  summary: 'Help for the tool, a command or a subcommand',
  args: [
    { name: 'command', description: 'a command (e.g. keys)', optional: true },
    { name: 'subcommand', description: 'a subcommand (e.g. generate)', optional: true },
  ],
  examples: ['oidc-onboard help', 'oidc-onboard help keys generate'],
  async run(context, { positionals }) {
    printHelp(context, COMMANDS, positionals);
    return EXIT.ok;
  },
});

/** `completion <shell>`. */
const completion = defineCommand({
  name: 'completion',
  summary: 'Print the shell completion script for bash, zsh or fish',
  args: [{ name: 'shell', description: 'bash, zsh or fish' }],
  details: [
    'bash: source <(oidc-onboard completion bash)        (add it to ~/.bashrc)',
    'zsh:  source <(oidc-onboard completion zsh)         (add it to ~/.zshrc)',
    'fish: oidc-onboard completion fish > ~/.config/fish/completions/oidc-onboard.fish',
  ],
  examples: ['oidc-onboard completion bash > ~/.local/share/bash-completion/completions/oidc-onboard'],
  async run(context, { positionals }) {
    const { completionScript, SHELLS } = await import('../completion');
    const shell = positionals[0]!;
    if (!(SHELLS as readonly string[]).includes(shell)) throw usageError(`No completion for "${shell}": one of ${SHELLS.join(', ')}.`);
    const script = completionScript(shell as (typeof SHELLS)[number], COMMANDS);
    print(context, { shell, script }, () => script);
    return EXIT.ok;
  },
});

/** Every command, in the order help lists them. */
export const COMMANDS: readonly Entry[] = [
  doctor,
  profiles,
  create,
  list,
  show,
  set,
  copy,
  deleteCommand,
  validate,
  validateMetadataFile,
  discover,
  keys,
  checkJwks,
  checkEndpointCommand,
  checkHistory,
  checkCompare,
  packageCommand,
  verifyPackage,
  checklist,
  compare,
  credentials,
  assertion,
  inspectAssertionCommand,
  diagnostics,
  supportPack,
  help,
  completion,
];
