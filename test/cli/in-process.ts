/** The in-process CLI runner under its earlier name; the one implementation is test/support/run-cli.ts. */
export { runCli as runInProcess, type CliRun as InProcessRun } from '../support/run-cli';
